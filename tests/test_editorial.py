"""Editorial readings of the regional criteria are visible as such, in the data and on the page:
no question, limit, correction or «lovpålagt» says more than the source without saying so."""

from __future__ import annotations

import pytest

from kb.knowledge.check import check
from kb.knowledge.loader import load_kb
from kb.knowledge.sourcelines import mismatch, source_lines
from kb.reading.schema import Linjer
from kb.site.pages.services import pages, service_page

STATED_NOT_STATUTORY = {"middagsombringing": 388, "dagaktivitet-funksjonsnedsettelse": 509, "omsorgsbolig": 1350}
"""Services the source itself calls «ikke lovpålagt», with the line. Their legal basis is disputed, so
they are «lovpalagt: avhenger» (a reading that keeps the source's line: klage depends on whether the
service is given under helse- og omsorgstjenesteloven)."""


def regional_lines(kb) -> tuple[str, ...]:
    return source_lines(kb.kildefil("regionale-kriterier"))


def stands_somewhere(lines: tuple[str, ...], text: str, width: int = 3) -> bool:
    """True when ``text`` stands within some ``width`` consecutive lines of the source."""
    return any(mismatch(lines, Linjer(fra=i, til=min(i + w - 1, len(lines))), text, "") is None
               for w in range(1, width + 1) for i in range(1, len(lines) + 1))


def test_heldogns_bemanning_asks_what_the_stottekontakt_text_says(kb):
    question = kb.opplysninger["heldogns_bemanning"].sporsmal
    assert "bolig" not in question.lower()
    criterion = next(k for k in kb.tjenester["stottekontakt"].kriterier() if k.kriterium == "stottekontakt-heldogns-bemanning")
    for words in ("institusjon", "heldøgns bemanning"):
        assert words in criterion.tekst and words in question, words
    users = [t.id for t in kb.tjenester.values() for k in t.kriterier()
             if k.regel is not None and "heldogns_bemanning" in str(k.regel.model_dump())]
    assert users == ["stottekontakt"]


def test_every_lovpalagt_value_has_its_basis(kb):
    for t in kb.tjenester.values():
        g = t.lovpalagt_grunnlag
        if g.redaksjonell:
            assert g.begrunnelse and g.lovhenvisninger, t.id
            assert "lovpålagt" in g.begrunnelse, t.id
        else:
            assert g.kilde is not None and g.linjer is not None and "lovpålagt" in g.sitat, t.id


def test_only_the_services_the_source_calls_so_are_not_statutory_by_the_source(kb):
    stated = {t.id: t.lovpalagt_grunnlag.linjer.fra for t in kb.tjenester.values()
              if t.lovpalagt is not True and t.lovpalagt_grunnlag.linjer is not None
              and t.lovpalagt_grunnlag.sitat.lower().startswith("ikke")}
    assert stated == STATED_NOT_STATUTORY
    for sid in stated:  # the source's «ikke lovpålagt» is kept, read as «avhenger» with its reason
        t = kb.tjenester[sid]
        assert t.lovpalagt == "avhenger" and t.lovpalagt_grunnlag.redaksjonell, sid
        assert "ikke lovpålagt" in t.lovpalagt_grunnlag.begrunnelse, sid
    # every statutory service but dagaktivitet-demens (the one the source states) is a reading
    stated_statutory = [t.id for t in kb.tjenester.values()
                        if t.lovpalagt is True and not t.lovpalagt_grunnlag.redaksjonell]
    assert stated_statutory == ["dagaktivitet-demens"]


def test_editorial_basis_rests_on_laws_the_source_names_for_the_service(kb):
    lines = regional_lines(kb)
    for t in kb.tjenester.values():
        g = t.lovpalagt_grunnlag
        if not g.redaksjonell:
            continue
        parent = kb.tjenester.get(t.inngar_i) if t.inngar_i else None
        own = {(r.lov, r.paragraf) for s in (t, parent) if s for r in s.lovgrunnlag}
        cited = " ".join(lines[g.linjer.fra - 1:g.linjer.til]).replace(" ", "") if g.linjer else ""
        for ref in g.lovhenvisninger:
            if (ref.lov, ref.paragraf) in (("pbrl", "7-2"), ("pbrl", "7-5")):
                continue  # the complaint law: § 7-2 (cited in Klageadgang) and § 7-5 (its four weeks)
            assert (ref.lov, ref.paragraf) in own, (t.id, ref)
            if g.kilde.avsnitt.endswith("Lovgrunnlag"):
                assert ref.paragraf.split()[0] in cited, (t.id, ref)


def test_basis_with_wrong_lines_is_reported(kb, data_copy):
    g = kb.tjenester["middagsombringing"].lovpalagt_grunnlag.linjer
    here = f"  linjer: {{fra: {g.fra}, til: {g.til}}}\n"
    path = data_copy / "tjenester" / "middagsombringing.yaml"
    text = path.read_text(encoding="utf-8")
    assert here in text, f"{here.strip()} står ikke i middagsombringing.yaml"
    path.write_text(text.replace(here, f"  linjer: {{fra: {g.til + 2}, til: {g.til + 2}}}\n", 1), encoding="utf-8")
    _, found = check(data_copy, data_copy.parent / "no-scenarios")
    assert any("middagsombringing.yaml" in str(p) and "lovpalagt_grunnlag: teksten står ikke" in str(p) for p in found)


def test_editorial_basis_without_reason_is_refused(data_copy):
    path = data_copy / "tjenester" / "bpa.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  begrunnelse: >-\n")
    end = text.index("  lovhenvisninger:\n", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    _, found = load_kb(data_copy)
    assert any("bpa.yaml" in str(p) and "begrunnelse" in str(p) for p in found)


def test_service_page_shows_the_basis_next_to_the_klagefrist(kb):
    rows = {sid: next(line for line in service_page(kb, sid).splitlines() if line.startswith("| **Klagefrist**"))
            for sid in ("bpa", "middagsombringing")}
    assert "**Grunnlag:** redaksjonell lesning." in rows["bpa"]
    assert "[pasient- og brukerrettighetsloven § 2-1 d](https://lovdata.no/lov/1999-07-02-63/§2-1d)" in rows["bpa"]
    # the source calls it «ikke lovpålagt»; the reading «avhenger» says so and cites the line
    assert "**Grunnlag:** redaksjonell lesning. Kilden kaller middagsombringing ikke lovpålagt" in rows["middagsombringing"]
    assert f"linje {kb.tjenester['middagsombringing'].lovpalagt_grunnlag.linjer.fra}" in rows["middagsombringing"]
    import datetime as dt
    weeks = [kb.parameter(p, dt.date.today()) for p in ("klagefrist-uker-lovpalagt", "klagefrist-uker-ikke-lovpalagt")]
    assert (f"{weeks[0]} uker når tjenesten gis etter helse- og omsorgstjenesteloven, ellers {weeks[1]} uker"
            in rows["middagsombringing"]), rows["middagsombringing"]


def test_overview_table_shows_the_basis_of_every_klagefrist(kb):
    table = [line for line in pages(kb)["oversikt/index.md"].splitlines() if line.startswith("| [")]
    assert len(table) == len(kb.tjenester)
    for line in table:
        basis = line.split(" | ")[3]  # the column «Grunnlag», after «Klagefrist»
        assert basis.endswith(")") and ("Redaksjonell lesning" in basis or "Står i kilden" in basis), line
    bolig = next(line for line in table if "omsorgsbolig.md" in line)
    assert "| Avhenger av saken |" in bolig and "Redaksjonell lesning" in bolig


def test_the_page_klagefrist_is_what_the_procedure_answers(kb):
    """Pages read the klagefrist and klageinstans from the parameters and the rules without running
    the procedure; the procedure's answer for a decision received on a date is the same."""
    import datetime as dt
    from kb.oslo.procedure import answer
    from kb.site.pages.common import klage_for
    dato = dt.date(2026, 12, 1)
    for t in kb.tjenester.values():
        klage = klage_for(kb, t, dato)
        cases = [({}, klage)] if t.lovpalagt != "avhenger" else [
            ({"gitt_etter_helse_og_omsorgstjenesteloven": given}, klage_for_basis(kb, dato, given))
            for given in (True, False)]
        if t.lovpalagt == "avhenger":  # the page names both deadlines and when each applies
            assert "etter helse- og omsorgstjenesteloven" in klage.frist and "ellers" in klage.instans, t.id
        for extra, expected in cases:
            result = answer({"tjeneste": t.id, "vurderingsdato": dato.isoformat(),
                             "sak": {"utfall": "avslag", "vedtak_mottatt": dato.isoformat(), **extra}}, kb)
            reason = next(b for b in result["begrunnelse"] if b["svar"] == "klagefrist")
            assert reason["forklaring"].startswith(f"Klagefristen er {expected.uker} uker fra vedtaket"), t.id
            assert expected.instans == result["klageinstans"] != "", t.id
        assert klage.frist.startswith(f"{klage.uker} uker")


def klage_for_basis(kb, dato, lovpalagt: bool):
    """The page's klagefrist for a statutory (or other) service, read as klage_for reads it."""
    from kb.criteria.models import Tjeneste
    from kb.site.pages.common import klage_for
    t = next(t for t in kb.tjenester.values() if t.lovpalagt is lovpalagt) if any(
        t.lovpalagt is lovpalagt for t in kb.tjenester.values()) else None
    if t is None:  # no plain service of that kind: build one from a statutory one
        base = next(t for t in kb.tjenester.values() if t.lovpalagt is True)
        t = Tjeneste.model_construct(**{**dict(base), "lovpalagt": lovpalagt})
    return klage_for(kb, t, dato)


@pytest.mark.parametrize("service, text, note", [
    ("bpa", "etter å ha fått opplæring", "«etter ha fått opplæring»"),
    ("korttidsplass", "Om har behov for døgnkontinuerlig", "«behov før døgnkontinuerlig»"),
])
def test_silent_corrections_have_a_note_shown_on_the_page(kb, service, text, note):
    t = kb.tjenester[service]
    items = [i for s in t.alle_seksjoner() for i in s.innhold
             if text in " ".join(getattr(i, "avsnitt", getattr(i, "punkt", getattr(i, "tekst", ""))).split())]
    assert len(items) == 1 and note in items[0].merknad
    assert note in service_page(kb, service)


def test_dropped_punkt_5_has_a_note_on_the_reference_and_the_page(kb):
    t = kb.tjenester["dagaktivitet-funksjonsnedsettelse"]
    ref = next(r for r in t.lovgrunnlag if (r.lov, r.paragraf) == ("hol", "3-6"))
    assert "«§3-6, punkt 5»" in ref.merknad
    assert "redaksjonell merknad: Kilden skriver «§3-6, punkt 5»" in service_page(kb, t.id)


def test_notes_agree_with_ikke_omtalt_egenandel(kb):
    for t in kb.tjenester.values():
        if t.egenandel.svar == "ikke_omtalt":
            assert "«nei»" not in t.merknad, t.id


def test_age_limits_quote_the_source(kb):
    lines = regional_lines(kb)
    for t in kb.tjenester.values():
        if t.aldersgrense is not None:
            assert stands_somewhere(lines, t.aldersgrense.tekst), (t.id, t.aldersgrense.tekst)


def test_service_notes_are_shown_on_the_page(kb):
    t = kb.tjenester["omsorgsstonad"]
    assert t.merknad and "Redaksjonell merknad" in service_page(kb, t.id)
    assert " ".join(t.merknad.split())[:60] in service_page(kb, t.id)
