"""One meaning, two engines, for the Oslo routine, in Chromium: ``globalThis.kb.procedure`` loaded
from the built site returns exactly what ``kb procedure --json`` prints. The full comparison
(random cases, every year's holidays, odd input) runs in Node (tests/test_engine_parity.py); here
the conformance cases, bad input and the ends of the accepted years are a smoke test of the engine
as a page loads it."""

from __future__ import annotations

import pytest

from kb.knowledge.loader import load_kb_or_raise
from kb.oslo.procedure import YEARS
from tests.conformance_cases import load_cases
from tests.conftest import DATA
from tests.evaluator_cases import as_browser_sees
from tests.procedure_cases import JS_PROCEDURE_ALL, python_procedure

KB = load_kb_or_raise(DATA)


def compare(page, cases: list) -> int:
    """Answer ``cases`` in both engines (one call into the page); assert equal answers."""
    cases = [as_browser_sees(c) for c in cases]
    js = page.evaluate(JS_PROCEDURE_ALL, cases)
    assert len(js) == len(cases)
    for case, got in zip(cases, js):
        assert got == python_procedure(case, KB), f"sak: {case!r}"
    return len(cases)


def test_every_conformance_case_agrees(engine_page):
    cases = [inndata for _, inndata, _ in load_cases("procedure")]
    assert len(cases) >= 50
    assert compare(engine_page, cases) == len(cases)
    answers = engine_page.evaluate(JS_PROCEDURE_ALL, cases)
    assert any(a["ok"]["klagefrist"] for a in answers if "ok" in a)  # deadlines are computed, not all null


BAD = [[1], "bpa", None, {"tjeneste": "bpa", "navn": "Kari"}, {"tjeneste": "finnes-ikke"}, {"tjeneste": 5},
       {"sak": [1]}, {"sak": {"utfall": "ja"}}, {"sak": {"egenandel": "kanskje"}},
       {"sak": {"forventet_varighet_dager": -1}}, {"sak": {"vedtak_mottatt": "2026-02-30"}},
       {"sak": {"vedtak_mottatt": "01.12.2026"}}, {"sak": {"utfall": "opphor", "endring": "okning"}},
       {"sak": {}, "vurderingsdato": "i dag"}, {"sak": {"gitt_som_avlastning": "kanskje"}},
       {"tjeneste": "korttidsplass", "sak": {"egenandel": True, "gitt_som_avlastning": "ja"}}]


def test_bad_input_rejects_with_the_clis_message(engine_page):
    js = engine_page.evaluate(JS_PROCEDURE_ALL, BAD)
    for case, got in zip(BAD, js):
        assert "error" in got, case
        assert got == python_procedure(case, KB), case


def test_vurderingsdato_defaults_to_today(engine_page):
    case = {"tjeneste": "bpa", "sak": {"utfall": "avslag"}}
    assert engine_page.evaluate("c => kb.procedure(c)", case) == python_procedure(case, KB)["ok"]


def test_a_decision_in_any_accepted_year_gets_its_deadline(engine_page):
    """Smoke test in Chromium (the full comparison, every year of the holiday table and random
    cases, runs in Node: tests/test_engine_parity.py): the years at both ends of what kb procedure
    accepts are answered as the CLI answers them, and a year outside is refused with its message."""
    first, last = YEARS
    cases = [{"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{last}-12-20"}},
             {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{first}-01-04"}},
             {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "2036-12-01"}},
             {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{last + 1}-03-02"}}]
    assert compare(engine_page, cases) == 4
    assert "mellom år 1900 og 2100" in python_procedure(cases[-1], KB)["error"]
