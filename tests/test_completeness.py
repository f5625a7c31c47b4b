"""The regional criteria are transcribed completely: every service and chapter heading of the
source has its file, every bullet of every service is in the data (kb check counts them per
section against the OCR text), and no OCR artifact is left anywhere in the content."""

from __future__ import annotations

import re

import pytest

from kb.knowledge.check import OCR_ARTIFACTS, walk_strings
from tests.conftest import DATA, ROOT

SOURCE = ROOT / "kb" / "data" / "kilder" / "regionale-tildelingskriterier-gjovik-hadeland.ocr.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()
FOOTER = "Regionale veiledende felles tildelingskriterier for helse- og omsorgstjenester"

# Service headings as the OCR has them, and the file each one lives in (the dinner delivery
# service lost its heading; its first line stands in for it).
SERVICE_HEADINGS = {
    "Velferdsteknologi (e-helse)": "velferdsteknologi",
    "Tjenesten bestar av porsjonspakket middagsmat": "middagsombringing",
    "Stgttekontakt": "stottekontakt",
    "Dagaktivitetsplasser for personer med ulike funksjonsnedsettelser": "dagaktivitet-funksjonsnedsettelse",
    "Pargrendestgtte": "parorendestotte",
    "Avlastningstiltak": "avlastning",
    "Omsorgsstgnad": "omsorgsstonad",
    "Dagaktivitetstilbud for personer med kognitiv svikt/ demenssykdom": "dagaktivitet-demens",
    "Praktisk bistand og oppleering": "praktisk-bistand",
    "Brukerstyrt personlig assistanse (BPA)": "bpa",
    "Helsetjenester i hjemmet": "helsetjenester-i-hjemmet",
    "Hverdagsrehabilitering (helsetjenester i hjemmet)": "hverdagsrehabilitering",
    "Psykisk helse- og rustjeneste": "psykisk-helse-og-rus",
    "Koordinator og individuell plan": "koordinator-individuell-plan",
    "Barnekoordinator": "barnekoordinator",
    "Omesorgsbolig": "omsorgsbolig",
    "Korttidsplass": "korttidsplass",
    "Langtidsbotilbud ved institusjon eller heldggnsomsorg": "langtidsopphold",
}
CHAPTER_HEADINGS = {
    "Bakgrunn": "bakgrunn-og-regionalt-samarbeid",
    "Mestringsperspektiv og Beste Effektive Omsorgs Niva (BEON)": "mestring-og-beon",
    "Helhetlig innsatstrapp": "helhetlig-innsatstrapp",
    "Oppgavedeling": "oppgavedeling",
    "Kartlegging og tildeling av forsvarlige tjenester": "kartlegging-og-tildeling",
    "Brukermedvirkning": "brukermedvirkning",
    "Pargrendes medvirkning": "parorendes-medvirkning",
    "Prioritering": "prioritering",
    "Sgknad": "soknad",
    "Parter i saken": "parter-i-saken",
    "Enkeltvedtak": "enkeltvedtak",
    "Forventninger": "forventninger",
    "Klageadgang": "klageadgang",
}


def _line_range(service_id: str) -> tuple[int, int]:
    text = (DATA / "tjenester" / f"{service_id}.yaml").read_text(encoding="utf-8")
    m = re.search(r"linje (\d+)[–-](\d+)", text)
    assert m, f"{service_id}.yaml: the header comment must give the source lines («linje A–B»)"
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("heading,service_id", SERVICE_HEADINGS.items())
def test_every_service_heading_has_its_file(kb, heading, service_id):
    assert any(line.strip().startswith(heading) for line in LINES), heading
    assert service_id in kb.tjenester
    start, end = _line_range(service_id)
    assert any(line.strip().startswith(heading) for line in LINES[start - 1:end]), (heading, start, end)


def test_there_is_no_service_without_a_source_heading(kb):
    assert set(kb.tjenester) == set(SERVICE_HEADINGS.values())


@pytest.mark.parametrize("heading,chapter_id", CHAPTER_HEADINGS.items())
def test_every_chapter_heading_has_its_file(kb, heading, chapter_id):
    assert any(line.strip() == heading for line in LINES), heading
    assert chapter_id in kb.kapitler


def test_service_line_ranges_cover_the_whole_services_part():
    ranges = sorted(_line_range(s) for s in SERVICE_HEADINGS.values())
    covered = set()
    for a, b in ranges:
        covered.update(range(a, b + 1))
    first = ranges[0][0]
    left = [(n, LINES[n - 1]) for n in range(first, len(LINES) + 1)
            if n not in covered and LINES[n - 1].strip() and LINES[n - 1].strip() != FOOTER
            and not LINES[n - 1].strip().isdigit()]
    assert left == []


def _transcription_problems(kb) -> list[str]:
    from kb.knowledge.check import _Reporter
    from kb.knowledge.check_transcription import check_transcription
    r = _Reporter(kb)
    check_transcription(kb, r)
    return [str(p) for p in r.problems]


def test_every_bullet_of_every_service_is_in_the_data(kb):
    """kb check counts the bullets per section against the OCR text (kb/knowledge/check_transcription.py)."""
    checked = [sid for sid in kb.tjenester if (DATA / "tjenester" / f"{sid}.yaml").read_text(encoding="utf-8")
               .count("# Kilde: regionale-tildelingskriterier-gjovik-hadeland.ocr.txt, linje")]
    assert sorted(checked) == sorted(SERVICE_HEADINGS.values()), "every service names its lines in the source"
    assert _transcription_problems(kb) == []


def test_a_bullet_added_as_a_criterion_is_reported_at_its_section(data_copy):
    from kb.knowledge.loader import load_kb_or_raise
    path = data_copy / "tjenester" / "bpa.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "      - kriterium: bpa-kommunen-kan-vurdere\n"
    added = ("      - kriterium: bpa-ekstra\n        linjer: {fra: 974, til: 974}\n        art: vurderingsmoment\n"
             "        tekst: Omfattende og varig behov (vilkårene i PBRL §2-1d).\n")
    path.write_text(text.replace(anchor, added + anchor, 1), encoding="utf-8")
    found = _transcription_problems(load_kb_or_raise(data_copy, cached=False))
    assert len(found) == 1 and "bpa.yaml:" in found[0] and "«Kriterier» har 9 punkter i dataene og 8 i kilden" in found[0], found
    path.write_text(text.replace(anchor, added.replace("art: vurderingsmoment", "art: vurderingsmoment\n        form: avledet")
                                 + anchor, 1), encoding="utf-8")
    assert _transcription_problems(load_kb_or_raise(data_copy, cached=False)) == []


def test_no_ocr_artifact_anywhere_in_the_content():
    import yaml
    found = []
    for path in sorted(DATA.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for loc, text in walk_strings(data):
            m = OCR_ARTIFACTS.search(text)
            if m:
                found.append(f"{path.relative_to(DATA)} {loc}: {m.group(0)}")
    for path in sorted((ROOT / "scenarios").glob("*.md")) + sorted((ROOT / "docs").rglob("*.md")):
        text = re.sub(r"^([ \t]*)```.*?^\1```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
        prose = "\n".join(line for line in text.splitlines()  # fenced blocks hold ids, not prose
                           if not line.lstrip().startswith("|"))  # Markdown tables use pipes
        m = OCR_ARTIFACTS.search(prose)
        if m:
            found.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert found == []
