"""One meaning, two engines, in Chromium: ``globalThis.kb.evaluate`` loaded from the built site
returns exactly what the Python evaluator (``kb evaluate --json``) gives, field for field, on the
conformance cases, the pages' cases and the evaluator tests' cases; bad input rejects with the CLI's
one-line message. The thresholds of every service, thousands of random cases and the odd inputs
are compared in Node (tests/test_engine_parity.py), which runs the same engine files in seconds."""

from __future__ import annotations

import pytest

from kb.knowledge.loader import load_kb_or_raise
from tests.conftest import DATA
from tests.evaluator_cases import JS_EVALUATE_ALL, as_browser_sees, cli_messages, page_cases, python_answer, recorded_cases

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
    # test_evaluate_core.py and test_evaluate_rules.py (their Hypothesis properties alone give hundreds)
    assert len(cases) >= 50, f"only {len(cases)} cases recorded from the evaluator tests (expected at least 50)"
    assert compare(engine_page, cases) == len(cases)


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
