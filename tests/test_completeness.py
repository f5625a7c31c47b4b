"""The regional criteria are transcribed completely: every service and chapter heading of the
source has its file, every bullet of every service is in the data (counted per service and per
section against the OCR text), and no OCR artifact is left anywhere in the content."""

from __future__ import annotations

import re

import pytest

from kb.knowledge.check import OCR_ARTIFACTS, walk_strings
from kb.criteria.models import Kriterium
from kb.reading.schema import Punkt
from tests.conftest import DATA, ROOT

SOURCE = ROOT / "kb" / "data" / "kilder" / "regionale-tildelingskriterier-gjovik-hadeland.ocr.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()
BULLET = re.compile(r"^\s*(e|o|&|•|©|«)\s+\S|^\s*[a-k]\)\s")
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


def _norm(text: str) -> str:
    """Compare headings across OCR and restored text (å→a, ø→g as the OCR has them)."""
    return re.sub("[^a-z]", "", text.lower().replace("å", "a").replace("ø", "g").replace("æ", "ae"))


def _line_range(service_id: str) -> tuple[int, int]:
    text = (DATA / "tjenester" / f"{service_id}.yaml").read_text(encoding="utf-8")
    m = re.search(r"linje (\d+)[–-](\d+)", text)
    assert m, f"{service_id}.yaml: the header comment must give the source lines («linje A–B»)"
    return int(m.group(1)), int(m.group(2))


def _bullets(t) -> int:
    return sum(1 for s in t.alle_seksjoner() for i in s.innhold
               if isinstance(i, Punkt) or (isinstance(i, Kriterium) and i.form == "punkt"))


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


@pytest.mark.parametrize("service_id", sorted(SERVICE_HEADINGS.values()))
def test_bullet_count_per_service_matches_the_source(kb, service_id):
    a, b = _line_range(service_id)
    in_source = sum(1 for line in LINES[a - 1:b] if BULLET.match(line))
    in_data = _bullets(kb.tjenester[service_id])
    assert in_data == in_source, (
        f"{service_id}: {in_data} punkter i dataene, {in_source} i kilden (linje {a}–{b}); et kriterium som "
        "gjentar tekst som alt står i avsnittet, skal ha «form: avledet»")


@pytest.mark.parametrize("service_id", sorted(SERVICE_HEADINGS.values()))
def test_bullet_count_per_section_matches_the_source(kb, service_id):
    t = kb.tjenester[service_id]
    heads = {_norm(s.overskrift): s for s in t.alle_seksjoner()}
    a, b = _line_range(service_id)
    counts: dict[str, int] = {}
    current = None
    for line in LINES[a - 1:b]:
        key = _norm(line.split(":")[0]) if line.strip().endswith(":") or _norm(line) in heads else None
        if key in heads:
            current = key
            counts.setdefault(key, 0)
        elif current and BULLET.match(line):
            counts[current] += 1
    if not counts:  # only where the OCR lost every heading, and the data says so
        assert t.usikker_tekst and "overskrift" in t.merknad, f"no section heading of {service_id} in the source"
        assert _bullets(t) == sum(1 for line in LINES[a - 1:b] if BULLET.match(line))
        return
    for key, n in counts.items():
        s = heads[key]
        in_data = sum(1 for i in s.innhold if isinstance(i, Punkt) or (isinstance(i, Kriterium) and i.form == "punkt"))
        in_data += sum(_bullets_in(sub) for sub in s.underseksjoner)
        assert in_data == n, (f"{service_id} › {s.overskrift}: {in_data} punkter i dataene, {n} i kilden; et kriterium "
                              "som gjentar tekst som alt står i avsnittet, skal ha «form: avledet»")


def _bullets_in(section) -> int:
    return (sum(1 for i in section.innhold if isinstance(i, Punkt) or (isinstance(i, Kriterium) and i.form == "punkt"))
            + sum(_bullets_in(s) for s in section.underseksjoner))


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


def test_a_deleted_bullet_fails(kb, tmp_path):
    """The per-service count is not vacuous: removing one criterion makes it differ."""
    t = kb.tjenester["stottekontakt"]
    a, b = _line_range("stottekontakt")
    in_source = sum(1 for line in LINES[a - 1:b] if BULLET.match(line))
    fewer = t.model_copy(update={"seksjoner": [s.model_copy(update={"innhold": s.innhold[:-1]})
                                               if s.del_ == "kriterier" else s for s in t.seksjoner]})
    assert _bullets(fewer) == in_source - 1
