"""The browser evaluator in Chromium: evaluations per second, time from a changed field to the
updated result in the «Vurder en sak» form, and the bytes a service page loads for it."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

EVALUATOR_FILES = ("/javascripts/kb-common.js", "/javascripts/kb-pyformat.js", "/javascripts/kb-rules.js", "/javascripts/kb-reasons.js",
                   "/javascripts/kb-evaluate.js",
                   "/javascripts/kb-form.js", "/evaluator/")
"""What a page loads for the evaluator: the engine, the form and the exported data."""

_RATE = """async cases => {
  const felles = await kb.engine.load('felles'), data = {};
  for (const c of cases) data[c.tjeneste] = data[c.tjeneste] || await kb.engine.loadService(felles, c.tjeneste);
  for (const c of cases.slice(0, 200)) kb.engine.run(c, felles, data[c.tjeneste]);  // warm up
  const t0 = performance.now();
  for (const c of cases) kb.engine.run(c, felles, data[c.tjeneste]);
  return performance.now() - t0;
}"""

_CHANGE = """async n => {
  const form = document.querySelector('.kb-vurder'), input = form.querySelector('.kb-tall input');
  const out = [];
  for (let i = 0; i < n; i++) {
    const before = form.dataset.kbOppdatert;
    const t0 = performance.now();
    input.value = String(20 + (i % 40));
    input.dispatchEvent(new Event('input', {bubbles: true}));
    if (form.dataset.kbOppdatert === before) throw new Error('ingen oppdatering');
    form.querySelector('.kb-resultat').getBoundingClientRect();  // include layout
    out.push(performance.now() - t0);
    await new Promise(r => requestAnimationFrame(r));
  }
  return out;
}"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def evaluations_per_second(page, cases: list[dict]) -> int:
    """Evaluations per second of ``kb.engine.run`` (the same cases as the Python benchmark)."""
    ms = page.evaluate(_RATE, cases)
    return round(len(cases) / (ms / 1000))


def field_to_result_ms(page, changes: int = 200) -> dict:
    """Time from a changed field to the updated result (synchronous: evaluation, DOM and layout)."""
    times = page.evaluate(_CHANGE, changes)
    return {"endringer": changes, "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2), "maks_ms": round(max(times), 2)}


def page_bytes(browser, base: str, service: str) -> dict:
    """Bytes the page of ``service`` loads for the evaluator (engine, form, data), fresh cache."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response):
        path = response.url[len(base):]
        if any(path.startswith(p) for p in EVALUATOR_FILES):
            sizes[path] = len(response.body())

    page.on("response", record)
    page.goto(f"{base}/tjenester/{service}/")
    page.wait_for_selector(".kb-vurder[data-kb-klar=ja]")
    page.wait_for_load_state("networkidle")
    context.close()
    data = sum(v for k, v in sizes.items() if k.startswith("/evaluator/"))
    return {"kode_bytes": sum(sizes.values()) - data, "data_bytes": data, "filer": len(sizes)}


def bench(sites: dict[int, Path], cases: list[dict], python_per_s: int) -> dict:
    """All browser-evaluator measurements; ``sites`` maps a size factor to a built site."""
    from tests.browser import chromium, serve
    out: dict = {"python_evalueringer_per_s": python_per_s, "sider": []}
    with chromium() as browser:
        for factor, folder in sorted(sites.items()):
            with serve(folder) as base:
                if factor == min(sites):
                    page = browser.new_page()
                    page.goto(f"{base}/tjenester/bpa/")
                    page.wait_for_selector(".kb-vurder[data-kb-klar=ja]")
                    t0 = time.perf_counter()
                    out["js_evalueringer_per_s"] = evaluations_per_second(page, cases)
                    out["felt_til_resultat"] = field_to_result_ms(page)
                    out["sekunder"] = round(time.perf_counter() - t0, 2)
                    page.close()
                row = {"faktor": factor, "tjenester": len(list((folder / "evaluator" / "tjenester").rglob("*.js"))),
                       **page_bytes(browser, base, "bpa")}
                out["sider"].append(row)
    return out
