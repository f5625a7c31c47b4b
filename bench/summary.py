"""The figures of one bench run beside their goals and the baseline measured in the same run."""

from __future__ import annotations

from typing import Any

HIGHER_IS_BETTER = {"evalueringer_per_s"}
"""Goals that are a floor; every other goal is a ceiling."""


def _row(rows: list[dict], **match: Any) -> dict:
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), {})


def _figures(results: dict) -> dict[str, tuple[Any, Any, str]]:
    """Each goal's figure from this run, its baseline's figure (or None) and what the baseline is."""
    builds, searches = results.get("bygg", []), results.get("sok", [])
    real, hundred = _row(builds, faktor=1), _row(builds, faktor=100)
    largest = max(builds, key=lambda r: r["faktor"], default={})
    code = "grunnlinjens kode, samme kjøring"
    evaluator, case_file = results.get("evaluator", {}), results.get("saksfil", {})
    browser = results.get("nettleser", {}).get("felt_til_resultat", {})
    search_real = _row(searches, motor="pagefind", faktor=1)
    search_100 = _row(searches, motor="pagefind", faktor=100)
    return {
        "last_og_valider_s": (results.get("last", {}).get("last_og_valider_s"), None, ""),
        "kb_check_s": (results.get("last", {}).get("kb_check_s"), None, ""),
        "bygg_ekte_s": (real.get("sekunder"), real.get("grunnlinje_sekunder"), code),
        "bygg_100x_s": (hundred.get("sekunder"), hundred.get("grunnlinje_sekunder"), code),
        "bygg_ms_per_side": (largest.get("ms_per_side"), largest.get("grunnlinje_ms_per_side"),
                             f"{code}, {largest.get('faktor')}×"),
        "evalueringer_per_s": (evaluator.get("evalueringer_per_s"), evaluator.get("grunnlinje_per_s"), code),
        "felt_til_resultat_p95_ms": (browser.get("p95_ms"), None, ""),
        "sok_p50_ekte_ms": (search_real.get("median_ms"),
                            _row(searches, motor="grunnlinje", faktor=1).get("median_ms"), code),
        "sok_p50_100x_ms": (search_100.get("median_ms"),
                            _row(searches, motor="grunnlinje", faktor=100).get("median_ms"), code),
        "forste_sok_100x_kb": (search_100.get("forste_sok_kb"),
                               _row(searches, motor="grunnlinje", faktor=100).get("forste_sok_kb"), code),
        "saksfil_2mb_s": (case_file.get("saksfil_2mb_s"), case_file.get("grunnlinje_s"), "en liten sak"),
        "saksfil_2mb_mb": (case_file.get("saksfil_2mb_mb"), case_file.get("grunnlinje_mb"), "en liten sak"),
    }


def against_goals(results: dict, goals: dict[str, float]) -> dict[str, dict]:
    """``{goal: {mal, malt, grunnlinje, grunnlinje_er, nadd}}``; ``nadd`` is None when the figure
    was not measured in this run."""
    out = {}
    for name, (figure, baseline, what) in _figures(results).items():
        goal = goals[name]
        met = None if figure is None else (figure >= goal if name in HIGHER_IS_BETTER else figure <= goal)
        out[name] = {"mal": goal, "malt": figure, "grunnlinje": baseline,
                     "grunnlinje_er": what if baseline is not None else None, "nadd": met}
    return out


def report(summary: dict[str, dict]) -> str:
    """One line per goal, for the terminal."""
    lines = []
    for name, row in summary.items():
        state = {True: "nådd", False: "IKKE nådd", None: "ikke målt"}[row["nadd"]]
        base = f" (grunnlinje {row['grunnlinje']}: {row['grunnlinje_er']})" if row["grunnlinje"] is not None else ""
        lines.append(f"  {name:<26} {str(row['malt']):>10}  mål {row['mal']:<8} {state}{base}")
    return "\n".join(lines)
