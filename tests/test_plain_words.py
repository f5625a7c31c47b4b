"""Plain words on every person-facing surface: the JSON's ``tekst``/``forklaring`` fields and the
command line's readable reports name facts by their label, criteria by their title, outcomes in
words and dates as dd.mm.åååå; ids stay in the id fields (tests/plain_words.py says what an id is)."""

from __future__ import annotations

import pytest

from kb.cli.evaluate import report as evaluate_report
from kb.cli.procedure import report as procedure_report
from kb.criteria.evaluate import evaluate
from kb.knowledge.loader import load_kb_or_raise
from kb.oslo.procedure import answer
from kb.reading.casefile import CaseError
from kb.rules import words
from tests.conftest import DATA
from tests.conformance_cases import load_cases
from tests.plain_words import ids_in

KB = load_kb_or_raise(DATA)


def _nodes(node):
    yield node
    for child in node.get("barn", []):
        yield from _nodes(child)


def test_the_detector_finds_what_it_must():
    text = "alder 70; bpa_innvilget_for_67: nei; 2026-12-01; bpa-arbeidsleder; Utfall «utsatt_iverksettelse_avslag»"
    assert ids_in(text, KB) == ["2026-12-01", "bpa-arbeidsleder", "bpa_innvilget_for_67", "utsatt_iverksettelse_avslag"]
    assert ids_in("alder 70 år, grensen er under 67 år; BPA innvilget før 67 år: nei (01.12.2026)", KB) == []


def test_every_fact_has_a_label_that_is_not_its_name():
    for f in KB.opplysninger.values():
        assert f.etikett and "_" not in f.etikett, f.navn


def test_evaluate_texts_and_report_are_plain_on_every_conformance_case():
    checked = 0
    for name, inndata, _ in load_cases("evaluate"):
        try:
            r = evaluate(inndata, KB)
        except CaseError:
            continue
        for node in _nodes(r.begrunnelse):
            assert ids_in(node["tekst"], KB) == [], (name, node["tekst"])
        text = evaluate_report(r, KB)
        assert ids_in(text, KB) == [], (name, text)
        checked += 1
    assert checked >= 30


def test_procedure_texts_and_report_are_plain_on_every_conformance_case():
    checked = 0
    for name, inndata, _ in load_cases("procedure"):
        try:
            a = answer(inndata, KB)
        except CaseError:
            continue
        for b in a["begrunnelse"]:
            assert ids_in(b["forklaring"], KB) == [], (name, b["forklaring"])
        text = procedure_report(a, KB, inndata.get("tjeneste"))
        assert ids_in(text, KB) == [], (name, text)
        checked += 1
    assert checked >= 20


def test_the_right_line_names_each_missing_fact_once():
    r = evaluate({"tjeneste": "bpa", "vurderingsdato": "2026-12-01", "opplysninger": {"alder": 45}}, KB)
    right = next(b for b in r.begrunnelse["barn"] if b["id"] == "rettskrav")["tekst"]
    assert right.startswith("Rett etter pasient- og brukerrettighetsloven § 2-1 d: Uavklart – ikke kartlagt: ")
    for label in ("hjelpebehov", "varighet"):
        assert right.count(label) == 1, right


@pytest.mark.parametrize("value,shown", [("2026-12-01", "01.12.2026"), (32.5, "32,5"), (40, "40"), (True, "ja")])
def test_words_format_dates_and_numbers(value, shown):
    assert (words.dato(value) if isinstance(value, str) else words.tall(value)) == shown


def test_the_browser_reads_the_same_words():
    from kb.site.export import shared_data
    data = shared_data(KB)
    assert data["ord"] == words.export()
    assert all(f["etikett"] == KB.opplysninger[f["navn"]].etikett for f in data["opplysninger"])
