"""One meaning, two engines, for the Oslo routine: ``globalThis.kb.procedure`` in Chromium returns
exactly what ``kb procedure --json`` prints, on every conformance case and on random cases; a
deadline outside the browser's holiday table is refused with a clear message."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kb.knowledge.loader import load_kb_or_raise
from kb.site.export_oslo import YEARS_AFTER, YEARS_BEFORE
from tests.conformance_cases import load_cases
from tests.conftest import DATA
from tests.evaluator_cases import as_browser_sees
from tests.procedure_cases import JS_PROCEDURE_ALL, python_procedure, random_procedure_case

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


@settings(max_examples=10, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(cases=st.lists(random_procedure_case(KB), min_size=60, max_size=60))
def test_random_cases_agree(engine_page, cases):
    """600 random cases (10 batches of 60, small enough for Hypothesis' buffer now that a case has
    more fields): every service, missing and bad values, odd dates."""
    assert compare(engine_page, cases) == 60


def test_a_date_outside_the_holiday_table_gets_a_clear_message(engine_page):
    year = dt.date.today().year
    first, last = year - YEARS_BEFORE, year + YEARS_AFTER
    case = {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{last + 1}-03-02"}}
    message = engine_page.evaluate("c => kb.procedure(c).then(r => 'svar: ' + r.klagefrist, e => e.message)", case)
    assert message == (f"Klagefristen kan ikke regnes ut her for et vedtak mottatt {last + 1}-03-02: tabellen over "
                       f"helligdager i nettleseren gjelder årene {first}–{last}. Bruk «kb procedure» for andre år.")
    late = {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{last}-12-20"}}  # ends next year
    assert "gjelder årene" in engine_page.evaluate("c => kb.procedure(c).then(r => r.klagefrist, e => e.message)", late)
    inside = {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": f"{first}-01-04"}}
    assert engine_page.evaluate("c => kb.procedure(c)", inside) == python_procedure(inside, KB)["ok"]
