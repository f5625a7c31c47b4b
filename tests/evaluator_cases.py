"""Cases for comparing the two evaluators: collected from the pages and the tests, and random.

The Python side is the reference: :func:`python_answer` gives what ``kb evaluate --json``
prints for a case, or the CLI's one-line message without its ``kb: file:line:`` prefix.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import strategies as st

from kb.criteria.evaluate import CaseError, evaluate
from kb.reading.casefile import NOT_A_MAPPING, one_line
from kb.site.scenario_tools import case_from_page

ROOT = Path(__file__).resolve().parent.parent
CASE_KEYS = {"tjeneste", "kommune", "opplysninger", "vurderingsdato"}

JS_EVALUATE_ALL = """cases => Promise.all(cases.map(c => globalThis.kb.evaluate(c).then(
    r => ({ok: r}), e => ({error: e instanceof Error ? e.message : String(e)}))))"""
"""Evaluates a list of cases in the page; each answer is ``{ok: result}`` or ``{error: message}``."""


def as_browser_sees(value):
    """The case as a browser holds it: dates as text, and a number with no fractional part as an
    integer below 2**53 (JavaScript has one number type, so ``3.0`` and ``3`` are the same value
    there; it writes larger whole numbers as Python writes floats)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: as_browser_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_browser_sees(v) for v in value]
    return value


def python_answer(case, kb) -> dict:
    """``{"ok": <the CLI's JSON>}`` or ``{"error": <the CLI's message without file and line>}``."""
    if not isinstance(case, dict):
        return {"error": NOT_A_MAPPING}
    try:
        return {"ok": json.loads(json.dumps(evaluate(case, kb).to_json(), ensure_ascii=False))}
    except CaseError as exc:
        return {"error": one_line(str(exc))}


_CLI_LOOP = """
import contextlib, io, json, sys
from kb.cli.main import main
command = sys.argv[1]
for line in sys.stdin.read().splitlines():
    err = io.StringIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(line.encode("utf-8")), encoding="utf-8")
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([command, "-", "--json"])
    print(json.dumps([code, err.getvalue()]))
"""


def cli_messages(cases: list, command: str = "evaluate") -> list[str]:
    """The one line ``kb COMMAND - --json`` (evaluate or procedure) prints for each bad case (given
    as JSON, which is YAML), without its ``kb: <stdin>:LINE:`` prefix. One process runs the CLI for
    every case."""
    proc = subprocess.run([sys.executable, "-c", _CLI_LOOP, command], cwd=ROOT, capture_output=True, text=True,
                          input="\n".join(json.dumps(c, ensure_ascii=False) for c in cases), timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    out = []
    for line in proc.stdout.splitlines():
        code, err = json.loads(line)
        assert code == 2 and len(err.splitlines()) == 1, err
        out.append(re.sub(r"^kb: <stdin>(:\d+)?: ", "", err.rstrip("\n")))
    assert len(out) == len(cases), proc.stderr
    return out


_MARKER = re.compile(r"<!-- sak: ([\w-]+) -->")


def page_cases() -> list[dict]:
    """Every evaluator case block (``<!-- sak: NAME -->``) on the scenario and documentation pages."""
    out = []
    for page in sorted([*ROOT.glob("scenarios/*.md"), *ROOT.glob("docs/**/*.md")]):
        for name in _MARKER.findall(page.read_text(encoding="utf-8")):
            case = case_from_page(page, name)
            if "tjeneste" in case and set(case) <= CASE_KEYS:
                out.append(as_browser_sees(case))
    return out


def recorded_cases(tmp: Path) -> list[dict]:
    """The cases ``tests/test_evaluate_*.py`` give the evaluator (recorded in a separate run)."""
    target = tmp / "recorded.json"
    tests = sorted(str(p) for p in (ROOT / "tests").glob("test_evaluate_*.py"))
    # no -x: a failing evaluator test (reported by the main run itself) must not cut the recording short
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.case_recorder", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "-k", "not cli", *tests], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=dict(os.environ, KB_RECORD_CASES=str(target), PYTHONPATH=str(ROOT)))
    if not target.exists():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise AssertionError(f"the recording run of {', '.join(Path(t).name for t in tests)} wrote no cases "
                             f"(exit {proc.returncode}):\n{tail}")
    return [as_browser_sees(c) for c in json.loads(target.read_text(encoding="utf-8"))]


# --- random cases -------------------------------------------------------------------------

_TEXT = st.text(st.sampled_from(list("abcæøå ÆØÅ-_'\"\\\n\t\x00\x85\u2028\u200b€😀1")), max_size=8)
_JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), _TEXT, st.lists(st.integers(0, 3), max_size=2),
                  st.floats(allow_nan=True, allow_infinity=True), st.dictionaries(_TEXT, st.integers(0, 3), max_size=1))
_VALID_DATES = st.one_of(st.just("2026-06-01"), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat))
_DATES = st.one_of(_VALID_DATES,
                   st.dates().map(lambda d: d.strftime("%Y%m%d")),
                   st.from_regex(r"[0-9]{4}-?W[0-9]{2}(-?[0-9])?", fullmatch=True),
                   st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True), _JUNK)


def constants(kb, service_id: str) -> dict[str, list]:
    """The constants each fact is compared with in a service's rules (for values near them), with
    the parameters' values of 2026-06-01 (the date most random cases use)."""
    out: dict[str, list] = {}
    per_set = [s for s in kb.tjenester_per_sett().values() if service_id in s]  # any criteria set's service
    services = [s[service_id] for s in per_set]
    services += [s[t.inngar_i] for s, t in zip(per_set, list(services)) if t.inngar_i in s]
    from kb.rules.interpreter import _comparisons, operand
    parametre = kb.parameterverdier(dt.date(2026, 6, 1))
    for s in services:
        rules = [k.regel for k in s.kriterier() if k.regel is not None] + ([s.rettskrav] if s.rettskrav else [])
        for rule in rules:
            for node in _comparisons(rule):
                value = operand(node, parametre)
                if isinstance(value, (bool, int, float)):
                    out.setdefault(node.fakta, []).append(value)
    return out


def _value(fact, near: list, bad: bool):
    """Values for one fact: valid ones (many at the rule's thresholds) or, when ``bad``, also
    values outside its bounds and of the wrong type."""
    if fact.type == "ja_nei":
        valid = st.one_of(st.booleans(), st.booleans(), st.none(), st.sampled_from(["ja", "nei", "Ja", " NEI\n"]))
        return st.one_of(valid, _JUNK) if bad else valid
    lo, hi = fact.min if fact.min is not None else -1000, fact.max if fact.max is not None else 1000
    numbers = [c + d for c in near if not isinstance(c, bool) for d in (-1, -0.5, 0, 0.5, 1)]
    numbers = [x for x in numbers if lo <= x <= hi and (fact.type != "heltall" or x == int(x))]
    valid = st.integers(int(lo), int(hi)) if fact.type == "heltall" else st.floats(lo, hi).map(lambda x: round(x, 2))
    options = [valid, st.none()] + [st.sampled_from(numbers)] * 3 if numbers else [valid, st.none()]
    if bad:
        options += [st.floats(lo - 50, hi + 50), st.integers(int(lo) - 5, int(hi) + 5), _JUNK]
    return st.one_of(options)


@st.composite
def random_case(draw, kb):
    """A random case: about three in four valid (real service and municipality, facts within
    their bounds, some missing), the rest with bad services, municipalities, values, keys or dates."""
    services = sorted(kb.tjenester)
    bad = draw(st.integers(0, 3)) == 0
    sid = draw(st.one_of(st.sampled_from(services), _JUNK) if bad else st.sampled_from(services))
    case: dict = {}
    if not bad or draw(st.integers(0, 10)) > 0:
        case["tjeneste"] = sid
    names = [k.navn for k in kb.kommuner.values()]
    spelled = st.sampled_from(names).map(lambda n: draw(st.sampled_from([n, n.upper(), f" {n.lower()}\t"])))
    kommune = draw(st.one_of(st.sampled_from(sorted(kb.kommuner)), spelled, st.none(), *([_TEXT] if bad else [])))
    if draw(st.booleans()):
        case["kommune"] = kommune
    near = constants(kb, sid) if isinstance(sid, str) and sid in kb.tjenester else {}
    used = list(near) or sorted(kb.opplysninger)
    names = draw(st.lists(st.sampled_from(used), unique=True, max_size=len(used)))
    if draw(st.integers(0, 5)) == 0:
        names += draw(st.lists(st.sampled_from(sorted(kb.opplysninger)), unique=True, max_size=3))
    facts = {n: draw(_value(kb.opplysninger[n], near.get(n, []), bad)) for n in dict.fromkeys(names)}
    if bad and draw(st.integers(0, 8)) == 0:
        facts[draw(st.sampled_from(["navn", "fodselsnummer", "Alder", "alder_ar"]))] = 1
    case["opplysninger"] = draw(_JUNK) if bad and draw(st.integers(0, 8)) == 0 else facts
    if draw(st.integers(0, 4)) > 0:
        case["vurderingsdato"] = draw(_DATES if bad else _VALID_DATES)
    if bad and draw(st.integers(0, 8)) == 0:
        case[draw(st.sampled_from(["sak", "Tjeneste", "dato"]))] = 1
    if bad and draw(st.integers(0, 15)) == 0:
        return draw(_JUNK)
    return as_browser_sees(case)


__all__ = ["JS_EVALUATE_ALL", "as_browser_sees", "cli_messages", "constants", "page_cases",
           "python_answer", "random_case", "recorded_cases"]
