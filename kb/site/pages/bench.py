"""The *Ytelse* page: benchmark results from ``bench/results.json`` as a table and a chart."""

from __future__ import annotations

import json
from pathlib import Path

from kb.knowledge.loader import KnowledgeBase
from kb.site.render import render_template

RESULTS = Path(__file__).resolve().parents[3] / "bench" / "results.json"


def chart(rows: list[dict], width: int = 560, height: int = 220) -> str:
    """An inline SVG line chart of build time against number of services (no external library)."""
    if len(rows) < 2:
        return ""
    pad = 48
    xs = [r["tjenester"] for r in rows]
    ys = [r["sekunder"] for r in rows]
    xmax, ymax = max(xs) or 1, max(ys) or 1

    def px(x, y):
        return pad + (width - 2 * pad) * x / xmax, height - pad - (height - 2 * pad) * y / ymax

    points = " ".join(f"{px(x, y)[0]:.1f},{px(x, y)[1]:.1f}" for x, y in zip(xs, ys))
    x0, y0 = px(0, 0)
    x1, _ = px(xmax, 0)
    _, y1 = px(0, ymax)
    # linear reference through the origin and the smallest build, scaled to the largest size
    lx, ly = px(xmax, ys[0] * xmax / xs[0]) if xs[0] else (x1, y1)
    dots = "".join(f'<circle cx="{px(x, y)[0]:.1f}" cy="{px(x, y)[1]:.1f}" r="3.5"><title>{x} tjenester: '
                   f'{y} s</title></circle>' for x, y in zip(xs, ys))
    return (f'<svg role="img" aria-label="Byggetid mot antall tjenester" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" style="max-width:100%">'
            f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#555"/>'
            f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#555"/>'
            f'<line x1="{x0}" y1="{y0}" x2="{lx:.1f}" y2="{max(ly, 0):.1f}" stroke="#999" stroke-dasharray="4 4"/>'
            f'<polyline points="{points}" fill="none" stroke="#3949ab" stroke-width="2"/>{dots}'
            f'<text x="{x1}" y="{y0 + 30}" text-anchor="end" font-size="12">{xmax} tjenester</text>'
            f'<text x="{x0 - 6}" y="{y1 + 4}" text-anchor="end" font-size="12">{ymax} s</text></svg>')


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """``utviklere/ytelse.md`` when benchmark results exist."""
    if not RESULTS.exists():
        return {}
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    return {"utviklere/ytelse.md": render_template("bench.md.j2", r=results, chart=chart(results.get("bygg", [])))}
