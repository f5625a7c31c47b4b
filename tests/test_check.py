"""``kb check`` catches each kind of inconsistency a maintainer can introduce (one test per kind,
each on a deliberately broken copy of the knowledge base)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.knowledge.check import check, looks_like_fnr

BPA_CASE = "tjeneste: bpa\nopplysninger:\n  alder: 40\n"


@pytest.fixture
def scen(tmp_path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    return folder


def problems(data: Path, scenarios: Path | None = None) -> list[str]:
    _, found = check(data, scenarios if scenarios is not None else data.parent / "no-scenarios")
    return [str(p) for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def valid_fnr() -> str:
    """A syntactically valid (fictional) 11-digit number, built with the check-digit rule."""
    for serial in range(100, 999):
        digits = f"010170{serial:03d}"
        d = [int(c) for c in digits]
        k1 = 11 - sum(a * b for a, b in zip([3, 7, 6, 1, 8, 9, 4, 5, 2], d)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        d.append(k1)
        k2 = 11 - sum(a * b for a, b in zip([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], d)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return digits + f"{k1}{k2}"
    raise AssertionError("no number found")


def test_the_real_base_and_scenarios_are_consistent():
    _, found = check()
    assert found == [], "\n".join(map(str, found))


def test_unknown_municipality_in_exception(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    edit(bpa, "        regel: {fakta: kan_vaere_arbeidsleder}\n",
         "        regel: {fakta: kan_vaere_arbeidsleder}\n        unntak: [{kommune: atlantis, tekst: Gjelder ikke}]\n")
    assert any("ukjent kommune «atlantis»" in p for p in problems(data_copy))


def test_unknown_parent_service(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", "kortnavn: BPA\n", "kortnavn: BPA\ninngar_i: finnes-ikke\n")
    assert any(re.search(r"bpa\.yaml:\d+: ukjent tjeneste «finnes-ikke»", p) for p in problems(data_copy))


def test_unknown_glossary_target(data_copy):
    path = data_copy / "ordliste.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(text + "\n- term: Testord\n  forklaring: Et ord.\n  se: [finnes-ikke]\n", encoding="utf-8")
    assert any("ordlisten viser til ukjent side «finnes-ikke»" in p for p in problems(data_copy))


def test_unknown_criterion_in_rettskrav(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", "- kriterium: pbrl-2-1-d-minste-timetall\n", "- kriterium: pbrl-2-1-d-stort-behov-x\n")
    assert any("rettskrav viser til ukjent kriterium eller lovvilkår «pbrl-2-1-d-stort-behov-x»" in p
               for p in problems(data_copy))


def test_discretionary_criterion_with_rule(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", "        tekst: Behov for mer fleksibilitet enn de tradisjonelle tjenester kan gi.\n",
         "        tekst: Behov for mer fleksibilitet enn de tradisjonelle tjenester kan gi.\n        regel: {fakta: motivert}\n")
    assert any("vurderingsmoment" in p and "skal ikke ha regel" in p for p in problems(data_copy))


def test_unknown_source_document(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", "  dokument: regionale-kriterier\n", "  dokument: ukjent-kilde\n")
    assert any("ukjent kildedokument «ukjent-kilde»" in p for p in problems(data_copy))


def test_criterion_without_source_is_a_schema_error(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml",
         "kilde:\n  dokument: regionale-kriterier\n  avsnitt: Tjenester › Brukerstyrt personlig assistanse (BPA)\n", "")
    assert any("mangler feltet «kilde»" in p for p in problems(data_copy))


def test_missing_required_section(data_copy):
    edit(data_copy / "tjenester" / "bpa.yaml", "    del: lovgrunnlag\n", "    del: annet\n")
    assert any("mangler seksjonen «lovgrunnlag»" in p for p in problems(data_copy))


@pytest.mark.parametrize("garbled", ["Søker må vaere over 18 år", "Pargrende kan gi ngdvendig bistand", "\"| tillegg til dette\""])
def test_ocr_artifacts(data_copy, garbled):
    edit(data_copy / "tjenester" / "bpa.yaml", "avsnitt: Ordningen følger personen.", f"avsnitt: {garbled}")
    assert any("OCR-feil" in p for p in problems(data_copy))


def test_fodselsnummer_in_content(data_copy):
    number = valid_fnr()
    assert looks_like_fnr(number) and not looks_like_fnr(number[:-1] + str((int(number[-1]) + 1) % 10))
    edit(data_copy / "tjenester" / "bpa.yaml", "avsnitt: Ordningen følger personen.", f"avsnitt: Søker {number}.")
    assert any("fødselsnummer" in p for p in problems(data_copy))


def test_personal_data_in_scenario(data_copy, scen):
    (scen / "x.md").write_text(f"---\ntitle: X\ntjenester: [bpa]\n---\n\nRing 22 33 44 55 eller kari@example.no. {valid_fnr()}\n",
                               encoding="utf-8")
    found = problems(data_copy, scen)
    assert any("x.md:6: teksten ser ut til å inneholde et telefonnummer" in p for p in found), found
    assert any("e-postadresse" in p for p in found) and any("fødselsnummer" in p for p in found)


def test_scenario_with_unknown_service_and_bad_fact(data_copy, scen):
    (scen / "y.md").write_text("---\ntitle: Y\ntjenester: [bpa, finnes-ikke]\n---\n\n<!-- sak: a -->\n```yaml\n"
                               "tjeneste: bpa\nopplysninger:\n  alderr: 40\n```\n", encoding="utf-8")
    found = problems(data_copy, scen)
    assert any("y.md:3: ukjent tjeneste «finnes-ikke»" in p for p in found), found
    assert any("y.md:10: saken «a»: ukjent opplysning «alderr»" in p for p in found), found


def test_yaml_boolean_where_text_was_meant(data_copy):
    edit(data_copy / "kommuner.yaml", "  navn: Gran\n", "  navn: false\n")
    assert any(re.search(r"kommuner\.yaml:\d+: «navn» skal ikke være ja/nei", p) for p in problems(data_copy))


def test_duplicate_ids_in_register(data_copy):
    path = data_copy / "kommuner.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: gran\n  navn: Gran igjen\n", encoding="utf-8")
    assert any("id «gran» finnes fra før" in p for p in problems(data_copy))


# --- the law layer (lovtekster.yaml) and its sources ---------------------------------------------

def test_a_law_quote_not_in_its_source_is_named_at_its_line(data_copy):
    edit(data_copy / "lovtekster.yaml", "Retten til brukerstyrt personlig assistanse gjelder også for personer over 67",
         "Retten til brukerstyrt personlig assistanse gjelder også for alle personer over 67")
    found = [p for p in problems(data_copy) if "lovtekster.yaml:" in p and "sitatet står ikke" in p]
    assert found and all(re.search(r"lovtekster\.yaml:\d+: ", p) for p in found)


def test_a_law_quote_from_another_section_says_where_it_stands(data_copy):
    path = data_copy / "lovtekster.yaml"
    text = path.read_text(encoding="utf-8")
    quote = "Fristen for å klage er fire uker etter at vedkommende fikk eller burde ha fått"
    assert quote in text
    # move the § 7-5 quote under § 7-2's source section: found, but in another section of another file
    edit(path, "kilde: {dokument: hdir-pbrl-7-5, avsnitt: \"§ 7-5 Frist for klage\"}",
         "kilde: {dokument: hdir-pbrl-7-5, avsnitt: \"§ 7-2 Klage mv.\"}")
    assert any("har ikke avsnittet «§ 7-2 Klage mv.»" in p for p in problems(data_copy))


def test_a_departure_needs_known_provisions_and_must_name_the_law(data_copy):
    path = data_copy / "tjenester" / "bpa.yaml"
    edit(path, "lovtekster: [pbrl-2-1-d]", "lovtekster: [pbrl-2-1-x]")
    found = problems(data_copy)
    assert any(re.search(r"tjenester/bpa\.yaml:\d+: ", p) and "ukjent lovbestemmelse «pbrl-2-1-x»" in p for p in found)


def test_a_departure_that_does_not_name_the_law_is_a_problem(data_copy):
    path = data_copy / "tjenester" / "psykisk-helse-og-rus.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("avvik_fra_loven:")
    body = text[start:text.index("unntak:", start)] if "unntak:" in text[start:] else text[start:]
    assert "pasient- og brukerrettighetsloven" in body
    edit(path, body, body.replace("pasient- og brukerrettighetsloven § 2-1 a", "loven"))
    assert any("skal nevne loven det gjelder" in p for p in problems(data_copy))


def test_a_stored_page_must_say_it_is_not_checked_against_lovdata(data_copy):
    edit(data_copy / "kilder" / "kilder.yaml", "Ikke kontrollert mot Lovdata. Helsedirektoratets kommentar; lovteksten",
         "Helsedirektoratets kommentar; lovteksten")
    assert any("«Ikke kontrollert mot Lovdata»" in p for p in problems(data_copy))


# --- the editor's whole check (issue 22): content, quotes, numbers, ids; each mistake once ------------


def _lines(path: Path, needle: str) -> int:
    """The first line (outside comments) that holds ``needle``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line and not line.lstrip().startswith("#"))


def test_a_changed_legal_number_names_every_place_that_must_follow(data_copy):
    path = data_copy / "parametre.yaml"
    edit(path, "    - verdi: 4\n", "    - verdi: 6\n")
    _, found = check(data_copy)  # the real scenario pages and conformance cases
    shown = [str(p) for p in found]
    assert any(f"parametre.yaml:{_lines(path, '- verdi: 6')}: verdien 6 står ikke i sitatet, som sier 4" in s
               for s in shown), shown
    assert any(re.match(r"scenarios/09-utsatt-iverksettelse-og-klage\.md:\d+: svaret for saken «sara»", s)
               and "skrevet «2027-05-07», men verktøyet svarer «2027-05-20»" in s and "Endre" in s for s in shown), shown
    assert any(s.startswith("tests/conformance/procedure/klagefrist.yaml:") and "klagefrist: forventet" in s
               for s in shown), shown
    assert len(shown) == len(set(shown))


def test_a_quote_from_another_section_than_the_one_named_fails(data_copy):
    path = data_copy / "parametre.yaml"
    edit(path, 'avsnitt: "2.5.4 Kartlegginger som skal gjøres før oppstart av tjenesten"',
         'avsnitt: "2.3 Registrering av søknad"')
    found = problems(data_copy)
    assert any(f"parametre.yaml:{_lines(path, 'Brannrisikovurdering utføres')}: sitatet for «brannrisikovurdering-uker» "
               "står ikke i den gjenopprettede teksten av avsnittet «2.3 Registrering av søknad»" in p
               for p in found), found


def test_a_dated_value_whose_quote_states_another_number_fails(data_copy):
    path = data_copy / "parametre.yaml"
    edit(path, '        klageretten og klageinstansen. Lovens ord står i lovlaget.\n- id: klagefrist-uker-ikke-lovpalagt',
         '        klageretten og klageinstansen. Lovens ord står i lovlaget.\n    - fra: 2027-01-01\n      verdi: 6\n'
         '      kilde: {dokument: regionale-kriterier, avsnitt: Klageadgang}\n'
         '      sitat: Fristen for å klage er fire uker fra vedtaket er mottatt.\n- id: klagefrist-uker-ikke-lovpalagt')
    found = problems(data_copy)
    assert any(f"parametre.yaml:{_lines(path, '      verdi: 6')}: verdien 6 står ikke i sitatet, som sier 4" in p
               for p in found), found


def test_a_bad_value_is_one_problem_at_its_line(data_copy):
    path = data_copy / "parametre.yaml"
    edit(path, "    - verdi: 8\n", "    - verdi: åtte\n")
    found = problems(data_copy)
    assert len(found) == 1, found
    assert found[0].endswith(f"parametre.yaml:{_lines(path, 'verdi: åtte')}: «verdi» skal være et tall, fikk 'åtte': "
                             "skriv tallet med sifre (f.eks. 8 eller 2.5)"), found


def test_a_number_written_into_a_rule_is_a_problem(data_copy):
    path = data_copy / "tjenester" / "bpa.yaml"
    edit(path, "{parameter: bpa-aldersgrense}", "67")
    found = problems(data_copy)
    assert any(re.search(r"bpa\.yaml:\d+: regelen sammenligner «alder» med tallet 67 skrevet rett inn.*"
                         r"Endre til «verdi: \{parameter: bpa-aldersgrense\}»", p) for p in found), found


def test_ids_with_values_in_them_are_problems(data_copy):
    edit(data_copy / "parametre.yaml", "- id: bpa-timer-rettskrav\n", "- id: timer-per-uke-40\n")
    edit(data_copy / "tjenester" / "bpa.yaml", "{parameter: bpa-timer-rettskrav}", "{parameter: timer-per-uke-40}")
    edit(data_copy / "tjenester" / "bpa.yaml", "- kriterium: bpa-arbeidsleder\n", "- kriterium: bpa-arbeidsleder-67\n")
    found = problems(data_copy)
    assert any("parameter-id-en «timer-per-uke-40» inneholder tallet 40" in p for p in found), found
    assert not any("bpa-arbeidsleder-67" in p for p in found), "67 is not a value of a parameter its rule uses"
    bpa = data_copy / "tjenester" / "bpa.yaml"
    bpa.write_text(bpa.read_text(encoding="utf-8").replace("bpa-rett-under-67", "bpa-under-67"), encoding="utf-8")
    assert any("kriterie-id-en «bpa-under-67» inneholder 67" in p for p in problems(data_copy))


def test_a_dated_value_citing_a_new_law_text_works_as_the_header_says(data_copy):
    """Store the text in kb/data/kilder/, register it, cite it (a fictional test text, never content)."""
    (data_copy / "kilder" / "testlov.txt").write_text(
        "FIKTIV TEKST FOR TESTEN: en lagret kopi av en oppdiktet lov, bare for denne testen, med nok tekst til at\n"
        "den ligner en lagret kilde og ikke bare et sitat.\n"
        "== § 7-2 Klage ==\nFristen for å klage er seks uker fra vedtaket er mottatt.\n"
        "== § 7-3 Noe annet ==\nHer står fire uker.\n", encoding="utf-8")
    register = data_copy / "kilder" / "kilder.yaml"
    register.write_text(register.read_text(encoding="utf-8")
                        + "- id: testlov\n  tittel: Fiktiv testlov\n  utgiver: Test\n  fil: testlov.txt\n"
                        "  adresse: https://example.org/fiktiv-testlov\n  lest: 2026-12-03\n  art: lovtekst\n"
                        "  merknad: Fiktiv tekst for testen. Ikke kontrollert mot Lovdata.\n", encoding="utf-8")
    header = (data_copy / "parametre.yaml").read_text(encoding="utf-8").split("\n- id:", 1)[0]
    assert "kb/data/kilder/" in header and "kilder.yaml" in header and "fra: 2027-01-01" in header
    new = ('        klageretten og klageinstansen. Lovens ord står i lovlaget.\n    - fra: 2027-01-01\n      verdi: 6\n'
           '      kilde: {dokument: testlov, avsnitt: "§ 7-2 Klage"}\n      sitat: {sitat}\n- id: klagefrist-uker-ikke-lovpalagt')
    old = '        klageretten og klageinstansen. Lovens ord står i lovlaget.\n- id: klagefrist-uker-ikke-lovpalagt'
    path = data_copy / "parametre.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(old, new.replace("{sitat}", "Her står fire uker.")), encoding="utf-8")
    assert any("står ikke i kildeteksten «testlov.txt» av avsnittet «§ 7-2 Klage» (det står i «§ 7-3 Noe annet»)" in p
               for p in problems(data_copy))
    path.write_text(original.replace(old, new.replace("{sitat}", "Fristen for å klage er seks uker")
                                     .replace('avsnitt: "§ 7-2 Klage"', 'avsnitt: "§ 7-2"')), encoding="utf-8")
    assert any("har ikke avsnittet «§ 7-2» (en linje «== § 7-2 ==»). Avsnitt i filen: «§ 7-2 Klage», «§ 7-3 Noe annet»"
               in p for p in problems(data_copy))
    path.write_text(original.replace(old, new.replace("{sitat}", "Fristen for å klage er seks uker")), encoding="utf-8")
    assert [p for p in problems(data_copy) if "parametre.yaml" in p or "kilder.yaml" in p] == []
    from kb.knowledge.loader import load_kb_or_raise
    from kb.site.pages.services import service_page
    page = service_page(load_kb_or_raise(data_copy, cached=False), "bpa")
    assert "4 uker fra vedtaket er mottatt (fra 01.01.2027: 6 uker)" in page


def test_a_wrong_answer_on_a_scenario_page_is_reported_at_its_line(data_copy, scen):
    (scen / "z.md").write_text("---\ntitle: Z\ntjenester: [bpa]\n---\n\n<!-- sak: a -->\n```yaml\ntjeneste: bpa\n"
                               "opplysninger:\n  alder: 40\n```\n\n```vurdering\nsak: a\nutfall: oppfylt\n```\n",
                               encoding="utf-8")
    found = problems(data_copy, scen)
    assert any(re.search(r"z\.md:15: svaret for saken «a» stemmer ikke med verktøyet: utfall: skrevet «oppfylt»", p)
               for p in found), found


def test_dated_values_show_on_the_service_page_by_the_rule(data_copy):
    edit(data_copy / "parametre.yaml",
         "      sitat: for personer under 67 år med langvarig og stort behov for personlig assistanse\n",
         "      sitat: for personer under 67 år med langvarig og stort behov for personlig assistanse\n"
         "    - fra: 2099-01-01\n      verdi: 70\n"
         "      kilde: {dokument: regionale-kriterier, avsnitt: \"Tjenester › Brukerstyrt personlig assistanse (BPA) › Tjenestebeskrivelse\"}\n"
         "      sitat: for personer under 67 år\n")
    from kb.knowledge.loader import load_kb_or_raise
    from kb.site.pages.services import service_page
    page = service_page(load_kb_or_raise(data_copy, cached=False), "bpa")
    assert '<span class="kb-senere">fra 01.01.2099: søker er under 70 år.</span>' in page
    assert "(fra 01.01.2099: 70 år)" in page  # by the age limit


def test_a_wrong_answer_names_the_lines_above_its_block_that_write_it(data_copy, scen):
    """The prose of Del 2 that states the written answer (a date as «7. mai») is named with the block,
    so the editor changes both; prose above an earlier block and Del 1 are not."""
    (scen / "z.md").write_text(
        "---\ntitle: Z\ntjenester: [bpa]\n---\n\nMottatt 8. april 2027; fristen 7. mai?\n\n<!-- sak: a -->\n"
        "```yaml\ntjeneste: bpa\nsak: {utfall: avslag, vedtak_mottatt: 2027-04-08}\n```\n\n"
        "??? success \"Del 2: Forslag til løsning\"\n\n    Fristen er fire uker,\n    til fredag 7. mai.\n\n"
        "    ```vurdering\n    sak: a\n    klagefrist: 2027-05-06\n    ```\n", encoding="utf-8")
    found = [p for p in problems(data_copy, scen) if "z.md" in p]
    assert len(found) == 1 and "klagefrist: skrevet «2027-05-06»" in found[0], found
    assert "teksten over blokken nevner" not in found[0], "6. mai is not written in the prose"
    page = scen / "z.md"
    page.write_text(page.read_text(encoding="utf-8").replace("til fredag 7. mai.", "til torsdag 6. mai."), encoding="utf-8")
    found = [p for p in problems(data_copy, scen) if "z.md" in p]
    assert "teksten over blokken nevner det skrevne svaret på linje 17 («6. mai»)" in found[0], found


def test_a_new_source_must_be_a_stored_copy_that_says_where_and_when_it_was_read(data_copy):
    (data_copy / "kilder" / "testlov.txt").write_text(
        "FIKTIV\n== § 7-2 Klage ==\nFristen for å klage er fire uker fra vedtaket er mottatt.\n", encoding="utf-8")
    register = data_copy / "kilder" / "kilder.yaml"
    register.write_text(register.read_text(encoding="utf-8")
                        + "- id: testlov\n  tittel: Fiktiv testlov\n  utgiver: Test\n  fil: testlov.txt\n", encoding="utf-8")
    edit(data_copy / "parametre.yaml",
         "      sitat: Fristen for å klage er fire uker fra vedtaket er mottatt.\n",
         "      sitat: Fristen for å klage er fire uker fra vedtaket er mottatt.\n    - fra: 2027-01-01\n      verdi: 4\n"
         "      kilde: {dokument: testlov, avsnitt: \"§ 7-2 Klage\"}\n      sitat: Fristen for å klage er fire uker\n")
    found = [p for p in problems(data_copy) if "kilder.yaml" in p]
    line = _lines(register, "- id: testlov")
    assert any(f"kilder.yaml:{line}: kilden «testlov» er en lagret kopi av en offentlig side" in p for p in found), found
    assert any("kildeteksten «testlov.txt» er under 200 byte" in p for p in found), found


def test_a_fact_that_does_not_load_is_one_message_not_one_per_rule_and_case(data_copy, scen):
    """A typo in a fact's type: its rules, the law's conditions and the scenario cases that use the
    fact are follow-ons, not mistakes of their own."""
    edit(data_copy / "opplysninger.yaml", "type: heltall", "type: heltal")
    (scen / "z.md").write_text("---\ntitle: Z\ntjenester: [bpa]\n---\n\n<!-- sak: a -->\n```yaml\ntjeneste: bpa\n"
                               "opplysninger:\n  alder: 40\n```\n", encoding="utf-8")
    found = problems(data_copy, scen)
    assert len(found) == 1 and "opplysninger.yaml:" in found[0] and "'heltal'" in found[0], found


def test_a_service_that_does_not_load_is_one_message(data_copy, scen):
    edit(data_copy / "tjenester" / "langtidsopphold.yaml", "linjer: {fra: 14", "linjer: {fra: x14")
    (scen / "z.md").write_text("---\ntitle: Z\ntjenester: [langtidsopphold]\n---\n\n<!-- sak: a -->\n```yaml\n"
                               "tjeneste: langtidsopphold\nopplysninger: {}\n```\n", encoding="utf-8")
    found = problems(data_copy, scen)
    assert len(found) == 1 and "langtidsopphold.yaml:" in found[0] and "'x14" in found[0], found
