"""One meaning, two engines: ``globalThis.kb.evaluate`` in Chromium returns exactly what the
Python evaluator (``kb evaluate --json``) gives, field for field, on every collected case and on
random cases; bad input rejects with the CLI's one-line message."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kb.knowledge.loader import load_kb_or_raise
from tests.conftest import DATA
from tests.evaluator_cases import (JS_EVALUATE_ALL, as_browser_sees, cli_messages, page_cases, python_answer, random_case,
                                   recorded_cases)

KB = load_kb_or_raise(DATA)


def compare(page, cases: list) -> int:
    """Evaluate ``cases`` in both engines (one call into the page); assert equal answers."""
    js = page.evaluate(JS_EVALUATE_ALL, cases)
    assert len(js) == len(cases)
    for case, answer in zip(cases, js):
        expected = python_answer(case, KB)
        assert answer == expected, f"sak: {case!r}"
    return len(cases)


def test_every_page_offers_evaluate_and_procedure(engine_page, site_base):
    for path in ("/", "/tjenester/bpa/", "/oslo/", "/e-laering/"):
        engine_page.goto(site_base + path)
        kinds = engine_page.evaluate("() => [typeof kb.evaluate, typeof kb.procedure]")
        assert kinds == ["function", "function"], path
    answer = engine_page.evaluate("() => kb.procedure({}).then(r => Object.keys(r), e => e.message)")
    assert answer[-1] == "begrunnelse"  # the Oslo procedure (tests/test_browser_procedure.py)


def test_conformance_cases_agree(engine_page):
    """The YAML conformance suite (tests/conformance/evaluate): both engines, field for field
    (the JavaScript one must give what the Python one gives, which test_conformance.py checks
    against the expected output)."""
    from tests.conformance_cases import json_ready, load_cases
    cases = [as_browser_sees(json_ready(inndata)) for _, inndata, _ in load_cases("evaluate")]
    assert len(cases) >= 30
    assert compare(engine_page, cases) == len(cases)


def test_page_cases_agree(engine_page):
    cases = page_cases()
    assert len(cases) >= 8
    assert compare(engine_page, cases) == len(cases)


def test_cases_of_the_evaluator_tests_agree(engine_page, tmp_path):
    cases = recorded_cases(tmp_path)
    assert len(cases) >= 50  # test_evaluate_core.py and test_evaluate_rules.py
    assert compare(engine_page, cases) == len(cases)


def test_every_service_with_its_thresholds(engine_page):
    """Each service with every fact just below, at and just above each threshold it is compared with."""
    from tests.evaluator_cases import constants
    cases = []
    for sid in sorted(KB.tjenester):
        near = constants(KB, sid)
        for kommune in (None, "gjovik", "gran"):
            cases.append({"tjeneste": sid, "kommune": kommune, "opplysninger": {}, "vurderingsdato": "2026-06-01"})
            for name, values in near.items():
                for c in values:
                    for v in ([True, False] if isinstance(c, bool) else [c - 1, c - 0.5, c, c + 0.5, c + 1]):
                        fact = KB.opplysninger[name]
                        if fact.type == "heltall" and v != int(v) or (fact.min is not None and v < fact.min):
                            continue
                        cases.append({"tjeneste": sid, "kommune": kommune, "opplysninger": {name: v}})
    assert compare(engine_page, cases) > 200


BAD_CASES = [
    [1, 2], "bpa", None,
    {"tjeneste": "bpa", "navn": "Kari"},
    {"kommune": "gjovik"},
    {"tjeneste": "finnes-ikke"},
    {"tjeneste": 5},
    {"tjeneste": "bpa", "kommune": "bergen"},
    {"tjeneste": "bpa", "opplysninger": [1]},
    {"tjeneste": "bpa", "opplysninger": {"hoyde": 180}},
    {"tjeneste": "bpa", "opplysninger": {"alder": "45"}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 45.5}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 200}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": True}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "kanskje\n"}},
    {"tjeneste": "bpa", "kommune": True},
    {"tjeneste": "bpa", "vurderingsdato": "2026-02-30"},
    {"tjeneste": "bpa", "vurderingsdato": 20260101},
]


def test_bad_input_rejects_with_the_clis_message(engine_page):
    """The message is the CLI's line without «kb: FILE:LINE: » (checked against the real CLI)."""
    js = engine_page.evaluate(JS_EVALUATE_ALL, BAD_CASES)
    for case, answer, line in zip(BAD_CASES, js, cli_messages(BAD_CASES)):
        assert "error" in answer, case
        assert answer["error"] == line, case
        assert answer == python_answer(case, KB)


@settings(max_examples=6, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(cases=st.lists(random_case(KB), min_size=100, max_size=100))
def test_random_cases_agree(engine_page, cases):
    """600 random cases (6 batches of 100): facts within and outside their bounds, missing facts,
    bad values, unknown keys, services and municipalities, odd dates. No shrinking (each step
    would run a batch in the browser): the assertion names the first case that differs."""
    assert compare(engine_page, cases) == 100


PARAMETER_CASE = """async () => {
  const felles = await kb.engine.load('felles'), bpa = (await kb.engine.loadService(felles, 'bpa'));
  const withValues = verdier => Object.assign({}, felles, {parametre: felles.parametre.map(p =>
    p.id === 'bpa-aldersgrense' ? {id: p.id, verdier} : p)});
  const status = (shared, when) => {
    try {
      const r = kb.engine.run({tjeneste: 'bpa', vurderingsdato: when, opplysninger: {alder: 68}}, shared, bpa);
      return r.json.kriterier.find(k => k.id === 'bpa-rett-under-67').status;
    } catch (e) { return e.message; }
  };
  const dated = withValues([{verdi: 67}, {fra: '2027-01-01', verdi: 70}]);
  return [status(dated, '2026-12-31'), status(dated, '2027-01-01'),
          status(withValues([{fra: '2027-01-01', verdi: 70}]), '2026-06-01')];
}"""


def test_a_parameter_takes_the_value_in_force_on_the_vurderingsdato(engine_page):
    """A parameter's value is the last one whose ``fra`` is missing or not after the date (the
    knowledge base's values are undated today, so dated values are set in the page)."""
    answers = engine_page.evaluate(PARAMETER_CASE)
    assert answers[:2] == ["ikke_oppfylt", "oppfylt"]
    assert answers[2] == "parameteren «bpa-aldersgrense» har ingen verdi på vurderingsdatoen"
