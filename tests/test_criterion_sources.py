"""Every criterion cites its own source: a line range in the source text where its words stand
(checked by ``kb check``, tolerant of the OCR's garbled æ/ø/å) and the laws its own text names."""

from __future__ import annotations

from pathlib import Path

from kb.criteria.evaluate import evaluate
from kb.knowledge.check import check
from kb.knowledge.sourcelines import fold_words, mismatch
from kb.reading.schema import Linjer



def _lines(kid: str) -> tuple[int, int]:
    """Where a criterion of the live data stands in its source (read from the data, not restated)."""
    from tests.conftest import DATA
    from kb.knowledge.loader import load_kb_or_raise
    k = next(k for t in load_kb_or_raise(DATA).tjenester.values() for k in t.kriterier() if k.kriterium == kid)
    return k.linjer.fra, k.linjer.til


_A, _B = _lines("bpa-arbeidsleder")
BPA_ARBEIDSLEDER = f"      - kriterium: bpa-arbeidsleder\n        linjer: {{fra: {_A}, til: {_B}}}\n"
_R32 = _lines("bpa-rett-32-timer")


def problems(data: Path) -> list[str]:
    _, found = check(data, data.parent / "no-scenarios")
    return [str(p) for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_criterion_has_a_line_range(kb):
    criteria = [k for t in kb.tjenester.values() for k in t.kriterier()]
    assert len(criteria) > 140
    assert [k.kriterium for k in criteria if k.linjer is None] == []


def test_ocr_spellings_fold_like_the_restored_text():
    assert fold_words("nødvendig ønsker på å være") == fold_words("ngdvendig gnsker pa & vaere")


def test_missing_line_range_is_reported_with_file_and_line(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", BPA_ARBEIDSLEDER, "      - kriterium: bpa-arbeidsleder\n")
    found = [p for p in problems(data_copy) if "bpa-arbeidsleder" in p]
    assert len(found) == 1 and "mangler «linjer»" in found[0]
    assert "tjenester/bpa.yaml:" in found[0]


def test_line_range_outside_the_source_text_is_reported(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", BPA_ARBEIDSLEDER,
         "      - kriterium: bpa-arbeidsleder\n        linjer: {fra: 9000, til: 9001}\n")
    found = [p for p in problems(data_copy) if "bpa-arbeidsleder" in p]
    n = len((data_copy / "kilder" / "regionale-tildelingskriterier-gjovik-hadeland.ocr.txt").read_text(encoding="utf-8").splitlines())
    assert len(found) == 1 and "utenfor kildeteksten" in found[0] and f"({n} linjer)" in found[0]


def test_line_range_where_the_words_do_not_stand_is_reported(data_copy):
    # the lines of another criterion (more than 32 hours a week)
    a, b = _R32
    edit(data_copy / "tjenester" / "bpa.yaml", BPA_ARBEIDSLEDER,
         f"      - kriterium: bpa-arbeidsleder\n        linjer: {{fra: {a}, til: {b}}}\n")
    found = [p for p in problems(data_copy) if "bpa-arbeidsleder" in p]
    assert len(found) == 1 and "teksten står ikke i" in found[0] and f"linje {a}–{b}" in found[0], found
    line = int(found[0].split(":")[1])
    text = (data_copy / "tjenester" / "bpa.yaml").read_text(encoding="utf-8").splitlines()
    assert "linjer:" in text[line - 1]


def test_padded_line_range_is_reported(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", BPA_ARBEIDSLEDER,
         f"      - kriterium: bpa-arbeidsleder\n        linjer: {{fra: {_A - 10}, til: {_B + 9}}}\n")
    found = [p for p in problems(data_copy) if "bpa-arbeidsleder" in p]
    assert len(found) == 1 and "flere linjer enn teksten trenger" in found[0]


def test_reversed_line_range_is_refused(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", BPA_ARBEIDSLEDER,
         f"      - kriterium: bpa-arbeidsleder\n        linjer: {{fra: {_B + 1}, til: {_A}}}\n")
    assert any("før «fra»" in p for p in problems(data_copy))


def test_the_comparison_tolerates_ocr_but_not_other_words():
    lines = ("e At brukeres funksjonshemming ikke er til hinder for & kunne utgve ngdvendig",
             "brukerstyring/arbeidsledelse.")
    ok = "At brukeres funksjonshemming ikke er til hinder for å kunne utøve nødvendig brukerstyring/arbeidsledelse."
    assert mismatch(lines, Linjer(fra=1, til=2), ok, "x.txt") is None
    other = "Tjenesten bidrar til bedre ressursutnyttelse, fleksibilitet og kvalitetssikring."
    assert "teksten står ikke" in mismatch(lines, Linjer(fra=1, til=2), other, "x.txt")


def test_bpa_right_criteria_name_pbrl_2_1_d(kb):
    criteria = {k.kriterium: k for k in kb.tjenester["bpa"].kriterier()}
    for kid in ("bpa-omfattende-varig-behov", "bpa-rett-under-67", "bpa-rett-32-timer", "bpa-rett-25-timer"):
        assert [(r.lov, r.paragraf) for r in criteria[kid].lovhenvisninger] == [("pbrl", "2-1 d")], kid


def test_unknown_law_in_a_criterion_is_reported(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", '          - {lov: pbrl, paragraf: "2-1 d"}\n        art: vurderingsmoment\n        tekst: Omfattende',
         '          - {lov: ukjentlov, paragraf: "2-1 d"}\n        art: vurderingsmoment\n        tekst: Omfattende')
    found = [p for p in problems(data_copy) if "ukjentlov" in p]
    assert len(found) == 1 and "tjenester/bpa.yaml:" in found[0]


def test_evaluator_results_and_json_carry_lines_and_laws(kb):
    r = evaluate({"tjeneste": "bpa", "opplysninger": {"alder": 45}}, kb)
    by_id = {k.id: k for k in r.kriterier}
    rett = by_id["bpa-rett-32-timer"]
    assert (rett.linjer.fra, rett.linjer.til) == _R32
    assert rett.lovhenvisninger == ("pasient- og brukerrettighetsloven § 2-1 d",)
    out = rett.to_json()
    assert set(out) == {"id", "tekst", "status", "mangler", "kilde", "linjer", "lovhenvisninger", "avvik_fra_loven"}
    assert "minst 32 timer" in out["avvik_fra_loven"]  # the regional text says «mer enn 32 timer»
    assert out["linjer"] == list(_R32) and out["lovhenvisninger"] == ["pasient- og brukerrettighetsloven § 2-1 d"]


def test_service_page_shows_each_criterions_lines_and_law(kb):
    from kb.site.pages.services import service_page
    page = service_page(kb, "bpa")
    assert ("Kilde: Regionale kriterier, Brukerstyrt personlig assistanse (BPA) › Kriterier, "
            f"linje {_R32[0]}–{_R32[1]} · "
            "[pasient- og brukerrettighetsloven § 2-1 d](https://lovdata.no/lov/1999-07-02-63/§2-1d)") in page
    # one source line per criterion, besides the law's own text and conditions (each with its source)
    criteria_part = page.split("## Lovens vilkår for retten")[0]
    criteria_part = "\n".join(line for line in criteria_part.splitlines() if not line.startswith("        "))
    assert criteria_part.count('<span class="kb-kilde">Kilde: ') == len(kb.tjenester["bpa"].kriterier())
