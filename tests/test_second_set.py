"""Drill: a second criteria set added the way an editor adds one, on a copy of the content.

We have no real second set, and invent none in ``kb/data``. The drill copies ``kb/data`` and
``tests/conformance`` into a temporary folder and adds a FICTIONAL set there, marked as such in
every text: the municipality «Testby» (kommuner.yaml), the set «testregion» covering it
(kriteriesett.yaml) with one service copied from the first set (støttekontakt) whose age limit is
another parameter (12 instead of 8, parametre.yaml) and whose criterion has another id and text,
and one conformance case for Testby. Then every part of the tool must treat the set as its own:
``kb check`` (and its conformance run), ``kb evaluate``, the generated site (pages, nav, the form's
data), the browser engine in Node, and the form in Chromium on the built copy. The set's texts name its
guidance by its region, never «de regionale kriteriene» (the first set's words, kept there), and a
link on its pages to the first set's document names that set; conformance coverage asks for cases of
the set's own rules and services; the vedtak draft reads the service as the case's set has it.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kb.knowledge.conformance import load_from, run_case
from kb.knowledge.loader import load_kb_or_raise
from tests.conftest import DATA, ROOT, run_kb
from tests.evaluator_cases import python_answer

NODE = shutil.which("node")
SET, KOMMUNE = "testregion", "testby"
SERVICE = "stottekontakt"
CRITERION_A, CRITERION_B = "stottekontakt-barn-under-8", "stottekontakt-barn-under-aldersgrensen"
CASE_NAME = "Testby, 10-åring, under settets aldersgrense"
SOURCE = "testregion-kriterier"
SOURCE_TEXT = """\
FIKTIV TESTKILDE: finnes bare i tests/test_second_set.py. Ingen kommune har disse kriteriene.
Støttekontakt
FIKTIVT: Barn under 12 år da denne aldersgruppen sjelden har et selvstendig kultur- og fritidsliv
uavhengig av foresatte.
"""
CASE_FILE = "evaluate/testregion-stottekontakt.yaml"

SET_SERVICE_EDITS = [
    # the criterion gets its own id (no number in it) and loses the source lines of the first set's text
    (f"kriterium: {CRITERION_A}\n        linjer: {{fra: 449, til: 450}}\n",
     f"kriterium: {CRITERION_B}\n        kilde: {{dokument: {SOURCE}, avsnitt: Støttekontakt}}\n"
     "        linjer: {fra: 3, til: 4}\n"),
    ("Barn under 8 år da denne", "FIKTIVT: Barn under 12 år da denne"),
    ("{parameter: stottekontakt-barn-alder}}", "{parameter: testregion-stottekontakt-barn-alder}}"),
    ("parametre: [stottekontakt-barn-alder]", "parametre: [testregion-stottekontakt-barn-alder]"),
    ("støttekontakt til barn under 8 år.", "støttekontakt til barn under 12 år (fiktivt)."),
]

CASE_YAML = f"""\
kommando: evaluate
tilfeller:
  - navn: {CASE_NAME}
    kilde:
      dokument: {SOURCE}
      avsnitt: Støttekontakt
      sitat: "FIKTIVT: Barn under 12 år"
    inndata:
      tjeneste: {SERVICE}
      kommune: {KOMMUNE}
      vurderingsdato: 2026-06-01
      opplysninger: {{alder: 10}}
    forventet:
      kriterier:
        {CRITERION_B}: {{status: ikke_oppfylt}}
"""


def _case(name: str, facts: str, expected: str) -> str:
    return (f"  - navn: Testby, {name}\n    kilde:\n      dokument: {SOURCE}\n      avsnitt: Støttekontakt\n"
            f"      sitat: \"FIKTIVT: Barn under 12 år\"\n    inndata:\n      tjeneste: {SERVICE}\n"
            f"      kommune: {KOMMUNE}\n      vurderingsdato: 2026-06-01\n      opplysninger: {facts}\n"
            f"    forventet:\n      kriterier:\n{expected}")


MORE_CASES = (
    _case("14-åring med heldøgns bemanning", "{alder: 14, heldogns_bemanning: true}",
          f"        {CRITERION_B}: {{status: oppfylt}}\n        stottekontakt-heldogns-bemanning: {{status: ikke_oppfylt}}\n")
    + _case("14-åring uten heldøgns eller 1:1 bemanning",
            "{alder: 14, heldogns_bemanning: false, en_til_en_bemanning: false}",
            "        stottekontakt-heldogns-bemanning: {status: oppfylt}\n")
    + _case("ingenting kartlagt", "{}",
            f"        {CRITERION_B}: {{status: uavklart}}\n        stottekontakt-heldogns-bemanning: {{status: uavklart}}\n"))
"""The cases ``kb check`` asks for besides the first one: every status of the set's rules."""


def add_second_set(root: Path) -> None:
    """The editor's work, on ``root/data`` and ``root/conformance`` (copies)."""
    data = root / "data"
    with open(data / "kommuner.yaml", "a", encoding="utf-8") as f:
        f.write(f"- id: {KOMMUNE}\n  navn: Testby\n  region: Testregion\n"
                "  kilde: \"FIKTIV TESTKOMMUNE (bare i tests/test_second_set.py)\"\n")
    with open(data / "kriteriesett.yaml", "a", encoding="utf-8") as f:
        f.write(f"- id: {SET}\n  navn: Testkriterier (fiktive, bare i testene)\n  region: Testregion\n"
                f"  kilde: {{dokument: {SOURCE}, avsnitt: Støttekontakt}}\n"
                f"  mappe: kriteriesett/{SET}/tjenester\n  kommuner: [{KOMMUNE}]\n"
                "  merknad: FIKTIVT TESTSETT, laget av tests/test_second_set.py.\n")
    with open(data / "parametre.yaml", "a", encoding="utf-8") as f:
        f.write("- id: testregion-stottekontakt-barn-alder\n"
                "  beskrivelse: FIKTIV aldersgrense for støttekontakt i testsettet.\n  enhet: år\n  verdier:\n"
                f"    - verdi: 12\n      kilde: {{dokument: {SOURCE}, avsnitt: Støttekontakt}}\n"
                "      sitat: Barn under 12 år\n")
    with open(data / "kilder" / "kilder.yaml", "a", encoding="utf-8") as f:
        f.write(f"- id: {SOURCE}\n  tittel: Fiktive testkriterier (bare i testene)\n  utgiver: Testregion (fiktiv)\n"
                f"  fil: {SOURCE}.txt\n  korttittel: Testkriterier (fiktive)\n")
    (data / "kilder" / f"{SOURCE}.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    text = (data / "tjenester" / f"{SERVICE}.yaml").read_text(encoding="utf-8")
    for old, new in SET_SERVICE_EDITS:
        assert old in text, f"the first set's {SERVICE}.yaml no longer has {old!r}: update the drill"
        text = text.replace(old, new)
    folder = data / "kriteriesett" / SET / "tjenester"
    folder.mkdir(parents=True)
    (folder / f"{SERVICE}.yaml").write_text(text, encoding="utf-8")
    (root / "conformance" / CASE_FILE).write_text(CASE_YAML + MORE_CASES, encoding="utf-8")


@pytest.fixture(scope="module")
def drill(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("second-set")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(ROOT / "tests" / "conformance", root / "conformance")
    add_second_set(root)
    return root


@pytest.fixture(scope="module")
def kb_b(drill):
    return load_kb_or_raise(drill / "data")


@pytest.fixture(scope="module")
def generated(drill, tmp_path_factory) -> Path:
    """``kb --data COPY site --ut OUT``: the generated folder of the copy."""
    out = tmp_path_factory.mktemp("generated") / "out"
    proc = run_kb("--data", str(drill / "data"), "site", "--ut", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _changed_files(a: Path, b: Path) -> list[str]:
    """Files of ``b`` that are new or differ from ``a`` (relative paths)."""
    out = []
    for path in sorted(p for p in b.rglob("*") if p.is_file()):
        rel = path.relative_to(b)
        if not (a / rel).is_file() or not filecmp.cmp(a / rel, path, shallow=False):
            out.append(rel.as_posix())
    return out


def test_the_editor_touches_seven_files_and_no_code(drill):
    assert sorted(_changed_files(DATA, drill / "data")) == [
        "kilder/kilder.yaml", f"kilder/{SOURCE}.txt", "kommuner.yaml", "kriteriesett.yaml",
        f"kriteriesett/{SET}/tjenester/{SERVICE}.yaml", "parametre.yaml"]
    assert _changed_files(ROOT / "tests" / "conformance", drill / "conformance") == [CASE_FILE]


def test_kb_check_is_green_on_the_copy_and_runs_the_sets_case(drill, kb_b):
    proc = run_kb("--data", str(drill / "data"), "check", "--konformitet", str(drill / "conformance"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Kunnskapsbasen er i orden." in proc.stdout
    cases, problems = load_from(kb_b, drill / "conformance")
    assert problems == []
    ours = [c for c in cases if c.navn == CASE_NAME]
    assert len(ours) == 1 and run_case(ours[0], kb_b) == []


def test_kb_check_names_the_case_when_its_expected_answer_is_wrong(drill, tmp_path):
    conformance = tmp_path / "conformance"
    shutil.copytree(drill / "conformance", conformance)
    path = conformance / CASE_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("{status: ikke_oppfylt}", "{status: oppfylt}", 1),
                    encoding="utf-8")
    proc = run_kb("--data", str(drill / "data"), "check", "--konformitet", str(conformance))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    wrong = [line for line in proc.stdout.splitlines() if "gir ikke det forventede svaret" in line]
    assert len(wrong) == 1, proc.stdout
    assert f"«{CASE_NAME}»" in wrong[0] and "testregion-stottekontakt.yaml:" in wrong[0]
    assert f"kriterier.{CRITERION_B}.status: forventet 'oppfylt', fikk 'ikke_oppfylt'" in wrong[0]


def test_kb_check_refuses_a_criterion_the_sets_service_does_not_have(drill, tmp_path):
    """A case for Testby is read against the set's service: the first set's criterion id is unknown there."""
    conformance = tmp_path / "conformance"
    shutil.copytree(drill / "conformance", conformance)
    path = conformance / CASE_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(CRITERION_B, CRITERION_A), encoding="utf-8")
    proc = run_kb("--data", str(drill / "data"), "check", "--konformitet", str(conformance))
    assert proc.returncode == 1
    assert f"tjenesten «{SERVICE}» har ikke kriteriet «{CRITERION_A}»" in proc.stdout


def test_kb_check_checks_the_sets_services_against_their_source(drill, tmp_path):
    """The set's criteria are held to their source like the first set's: wrong lines are reported
    at the line of the set's own file."""
    data = tmp_path / "data"
    shutil.copytree(drill / "data", data)
    path = data / "kriteriesett" / SET / "tjenester" / f"{SERVICE}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("linjer: {fra: 3, til: 4}", "linjer: {fra: 1, til: 1}"),
                    encoding="utf-8")
    proc = run_kb("--data", str(data), "check", "--konformitet", str(drill / "conformance"))
    assert proc.returncode == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "fra: 1, til: 1" in text)
    assert re.search(rf"kriteriesett/{SET}/tjenester/{SERVICE}\.yaml:{line}: kriteriet «{CRITERION_B}»: teksten står ikke i",
                     proc.stdout), proc.stdout


def _evaluate(drill: Path, kommune: str | None, alder: int) -> dict:
    case = {"tjeneste": SERVICE, "vurderingsdato": "2026-06-01", "opplysninger": {"alder": alder}}
    if kommune is not None:
        case["kommune"] = kommune
    proc = run_kb("--data", str(drill / "data"), "evaluate", "-", "--json", input=json.dumps(case))
    assert proc.returncode == 0, proc.stderr
    return {k["id"]: k for k in json.loads(proc.stdout)["kriterier"]}


@pytest.mark.parametrize("alder, status", [(10, "ikke_oppfylt"), (12, "oppfylt")])
def test_kb_evaluate_uses_the_set_of_the_municipality(drill, alder, status):
    testby = _evaluate(drill, "Testby", alder)
    assert CRITERION_A not in testby
    assert testby[CRITERION_B]["status"] == status
    assert testby[CRITERION_B]["tekst"].startswith("FIKTIVT: Barn under 12 år")
    gjovik = _evaluate(drill, "gjovik", alder)
    assert CRITERION_B not in gjovik and gjovik[CRITERION_A]["status"] == "oppfylt"  # 8 in the first set
    assert _evaluate(drill, None, alder).keys() == gjovik.keys()  # no municipality: the first set


def test_the_site_has_the_sets_pages_nav_and_municipality(generated):
    docs = generated / "docs"
    page = (docs / "kriteriesett" / SET / f"{SERVICE}.md").read_text(encoding="utf-8")
    assert "FIKTIVT: Barn under 12 år" in page and "Barn under 8 år" not in page
    assert "De gjelder for\n    Testby kommune." in page and "Testregion" in page
    assert f'data-kb-tjeneste="{SERVICE}" data-kb-sett="{SET}"' in page
    first = (docs / "tjenester" / f"{SERVICE}.md").read_text(encoding="utf-8")  # the first set's page, same URL
    assert "Barn under 8 år" in first and "FIKTIVT" not in first
    assert 'title: "Støttekontakt"' in first and 'title: "Støttekontakt (Testregion)"' in page
    assert 'data-kb-sett="helseregion-gjovik-hadeland"' in first
    assert "De gjelder for\n    Gjøvik, Gran, Lunner, Jevnaker, Østre Toten, Vestre Toten, Søndre Land og " \
           "Nordre Land kommuner." in first  # with two sets, the first set's pages name theirs too
    overview = (docs / "kriteriesett" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"\| Testregion \| Testby \| \[1 tjeneste\]\(testregion/index\.md\) \|", overview)
    assert re.search(r"\| Helseregion Gjøvik/Hadeland \| Gjøvik, Gran, .* \| \[18 tjenester\]\(\.\./tjenester/index\.md\)",
                     overview)
    nav = json.loads((generated / "nav.json").read_text(encoding="utf-8"))
    assert nav["tjenester/"][-1] == {"Kriteriesett": ["kriteriesett/index.md", {"Testregion": [
        f"kriteriesett/{SET}/index.md", f"kriteriesett/{SET}/{SERVICE}.md"]}]}
    extra = json.loads((generated / "sider.json").read_text(encoding="utf-8"))
    found = extra["sok"][f"kriteriesett/{SET}/{SERVICE}.md"]  # a service page to the search, for Testby
    assert found["type"] == "Tjeneste" and found["kommuner"] == ["Testby"] and "Støttekontakt" in found["keywords"]
    # every link of the set's page to another page of the site reaches one
    pages = set(extra["sider"])
    hand = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    here = Path("kriteriesett") / SET
    links = re.findall(r"\]\((\.\./[^)#]+)", page)
    assert links
    for link in links:
        target = os.path.normpath(here / link).replace(os.sep, "/")
        assert target in pages | hand, link


def _data(generated: Path, key: str) -> dict:
    text = (generated / "docs" / "evaluator" / f"{key}.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("]=") + 2: text.rindex("}") + 1])  # (globalThis.kbData…)["key"]={…}


def test_the_form_data_has_the_municipality_and_the_sets_service(generated):
    shared = _data(generated, "felles")
    assert {"id": KOMMUNE, "navn": "Testby"}.items() <= next(k for k in shared["kommuner"] if k["id"] == KOMMUNE).items()
    assert [(s["id"], s["kommuner"]) for s in shared["kriteriesett"]][-1] == (SET, [KOMMUNE])
    words = {s["id"]: s["ord"] for s in shared["kriteriesett"]}
    assert words["helseregion-gjovik-hadeland"]["sjekket"] == "Regionale kriterier som er sjekket"
    assert words[SET] == {"overskrift": "Kriteriene for Testregion (veiledende)", "kriteriene": "kriteriene for Testregion",
                          "et_kriterium": "Et av kriteriene for Testregion",
                          "sjekket": "Kriteriene for Testregion som er sjekket"}
    service = _data(generated, f"tjenester/{SET}/{SERVICE}")
    assert service["sett"] == SET
    ids = [k["kriterium"] for k in service["kriterier"]]
    assert CRITERION_B in ids and CRITERION_A not in ids


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_browser_engine_answers_as_python_for_the_set(generated, kb_b, tmp_path):
    from tests.test_engine_parity import engine_files
    cases = [{"tjeneste": SERVICE, "kommune": kommune, "vurderingsdato": "2026-06-01", "opplysninger": facts}
             for kommune in (KOMMUNE, "Testby", " TESTBY ", "gjovik", None)
             for facts in ({"alder": 10}, {"alder": 12}, {"alder": 5, "heldogns_bemanning": True}, {})]
    cases.append({"tjeneste": "bpa", "kommune": KOMMUNE, "opplysninger": {}})  # a service the set does not have
    (tmp_path / "requests.json").write_text(json.dumps([{"kind": "evaluate", "sak": c} for c in cases]),
                                            encoding="utf-8")
    proc = subprocess.run([NODE, str(ROOT / "tests" / "node" / "parity.js"), str(generated / "docs" / "evaluator"),
                           str(tmp_path / "requests.json"), *map(str, engine_files())],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    python = [python_answer(c, kb_b) for c in cases]
    assert js == python
    assert {k["id"] for k in js[0]["ok"]["kriterier"]} >= {CRITERION_B}
    # the guidance is named by its set in both engines; the first set's words as before
    assert js[0]["ok"]["begrunnelse"]["barn"][0]["tekst"].startswith("Kriteriene for Testregion (veiledende): ")
    gjovik = next(j for j, c in zip(js, cases) if c["kommune"] == "gjovik")
    assert gjovik["ok"]["begrunnelse"]["barn"][0]["tekst"].startswith("De regionale kriteriene (veiledende): ")
    assert "har ikke tjenesten «bpa»" in js[-1]["error"]


# --- the guidance named by its own set ------------------------------------------------------------


def _report(drill: Path, kommune: str, alder: int = 10) -> tuple[str, dict]:
    case = json.dumps({"tjeneste": SERVICE, "kommune": kommune, "vurderingsdato": "2026-06-01",
                       "opplysninger": {"alder": alder}})
    text = run_kb("--data", str(drill / "data"), "evaluate", "-", input=case)
    data = run_kb("--data", str(drill / "data"), "evaluate", "-", "--json", input=case)
    assert text.returncode == 0 and data.returncode == 0, text.stderr + data.stderr
    return text.stdout, json.loads(data.stdout)


def test_the_report_and_the_json_name_the_sets_guidance(drill):
    """Set B's answer never calls its criteria «de regionale kriteriene» (set A's); set A's words stay."""
    report, data = _report(drill, KOMMUNE)
    assert "Kriteriene for Testregion (veiledende): Ikke oppfylt – " in report
    assert "\nKriteriene for Testregion som er sjekket:\n" in report
    assert "regionale kriteriene" not in report.lower()
    assert data["begrunnelse"]["barn"][0]["tekst"].startswith("Kriteriene for Testregion (veiledende): Ikke oppfylt")
    assert set(data) == {"tjeneste", "kommune", "utfall", "rettskrav", "mangler", "kriterier", "begrunnelse"}
    report, data = _report(drill, "gjovik", 5)
    assert "De regionale kriteriene (veiledende): Ikke oppfylt – " in report
    assert "\nDe regionale kriteriene som er sjekket:\n" in report and "Testregion" not in report
    assert data["begrunnelse"]["barn"][0]["tekst"].startswith("De regionale kriteriene (veiledende): ")


@pytest.fixture()
def kb_b_with_bpa(drill):
    """A fresh copy of the drill's knowledge base whose set also has BPA (a service with the law's
    conditions and a criterion stricter than the law), as a copy of the first set's object."""
    kb = load_kb_or_raise(drill / "data", cached=False)  # never the shared, cached one
    kb.sett_tjenester[SET]["bpa"] = kb.tjenester["bpa"].model_copy()
    return kb


def test_a_set_with_the_laws_conditions_names_its_own_guidance(kb_b_with_bpa):
    from kb.cli.evaluate import report
    from kb.criteria.evaluate import evaluate
    from kb.site.pages.services import service_page
    kb = kb_b_with_bpa
    facts = {"alder": 70, "timer_per_uke": 40, "varighet_ar": 3, "bpa_innvilget_for_67": False}
    texts = {k: report(evaluate({"tjeneste": "bpa", "kommune": k, "vurderingsdato": "2026-06-01",
                                 "opplysninger": facts}, kb), kb) for k in (KOMMUNE, "gjovik")}
    assert "Et av kriteriene for Testregion er strengere enn loven" in texts[KOMMUNE]
    assert "Kriteriene for Testregion om retten (veiledende; loven går foran):" in texts[KOMMUNE]
    assert "regionale kriteriene" not in texts[KOMMUNE].lower() and "regionalt" not in texts[KOMMUNE]
    assert "Et regionalt kriterium er strengere enn loven" in texts["gjovik"]
    assert "De regionale kriteriene om retten (veiledende; loven går foran):" in texts["gjovik"]
    page = service_page(kb, "bpa", sett=kb.kriteriesett[SET])
    assert "kriteriene for Testregion er veiledende" in page and "Kriteriene for Testregion er veiledende." in page
    assert "de regionale kriteriene er veiledende" not in page.lower() and "regional tekst" not in page
    # the law page compares the first set's criteria with the law: the link says so
    assert "[Loven og de regionale kriteriene](../loven/index.md) (om kriteriene for\nHelseregion Gjøvik/Hadeland;" in page
    first = service_page(kb, "bpa", sett=next(iter(kb.kriteriesett.values())))
    assert "de regionale kriteriene er veiledende" in first and "De regionale kriteriene er veiledende. Om søker" in first
    assert "Testregion" not in first.split("## ", 1)[1]  # below the set's box, the first set's page as before


def test_the_sets_page_names_the_first_set_where_it_links_to_its_document(generated):
    """The chapters under «Veiledning» and the «innsatstrapp» quote the first set's document: on set B's
    page a link to them names that set; the page never calls its guidance «de regionale kriteriene»."""
    docs = generated / "docs"
    page = (docs / "kriteriesett" / SET / f"{SERVICE}.md").read_text(encoding="utf-8")
    first = (docs / "tjenester" / f"{SERVICE}.md").read_text(encoding="utf-8")
    named = "i kriteriene for Helseregion Gjøvik/Hadeland"
    assert f"([Klageadgang](../../veiledning/klageadgang.md), {named})" in page
    assert f"Trinn i innsatstrappen {named}: [" in page
    assert "ikke en del av kriteriene for Testregion:" in page and "ikke en del av kriteriene for Testregion over;" in page
    assert "regionale kriteriene" not in page.lower() and "E-læringscaser" not in page
    for link in re.findall(r"\]\((\.\./\.\./veiledning/[^)]+)\)([^|\n]{0,60})", page):
        assert named in link[1], link  # every link to a chapter of the first set's document names it
    # the first set's page as before
    assert "([Klageadgang](../veiledning/klageadgang.md))." in first and "Trinn i innsatstrappen: [" in first
    assert "ikke en del av de regionale kriteriene:" in first and "ikke en del av de\nregionale kriteriene over;" in first
    assert "Helseregion Gjøvik/Hadeland)" not in first.split("Kort fortalt", 1)[1]


# --- conformance coverage follows every set --------------------------------------------------------


def test_coverage_asks_cases_of_every_sets_rules(drill, kb_b, tmp_path):
    """The first set's cases never cover set B's criteria (even one with the same id): the set's own
    municipalities' cases must reach each status its rules can take, and each of its services; kb
    check names what is missing at the criterion, and the drill's cases close the gap."""
    from tests.conformance_coverage import missing_statuses, required_statuses, services_without_cases
    conformance = tmp_path / "conformance"
    shutil.copytree(drill / "conformance", conformance)
    (conformance / CASE_FILE).write_text(CASE_YAML, encoding="utf-8")  # the editor's first case only
    cases, problems = load_from(kb_b, conformance)
    assert problems == []
    assert required_statuses(kb_b)[(SET, CRITERION_B)] == {"oppfylt", "ikke_oppfylt", "uavklart"}
    missing = missing_statuses(kb_b, cases)
    assert missing[(SET, CRITERION_B)] == ["oppfylt", "uavklart"]  # the first case expects ikke_oppfylt
    assert (SET, "stottekontakt-heldogns-bemanning") in missing  # covered in the first set only
    assert {sett for sett, _ in missing} == {SET}  # the first set's rules are covered, as on main
    assert services_without_cases(kb_b, cases) == set()
    assert services_without_cases(kb_b, [c for c in cases if c.navn != CASE_NAME]) == {(SET, SERVICE)}
    proc = run_kb("--data", str(drill / "data"), "check", "--konformitet", str(conformance))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(i for i, l in enumerate((drill / "data" / "kriteriesett" / SET / "tjenester" / f"{SERVICE}.yaml")
                                        .read_text(encoding="utf-8").splitlines(), 1) if CRITERION_B in l)
    assert (f"kriteriesett/{SET}/tjenester/{SERVICE}.yaml:{line}: ingen konformitetstilfelle forventer kriteriet "
            f"«{CRITERION_B}» som oppfylt, uavklart") in proc.stdout, proc.stdout
    cases, problems = load_from(kb_b, drill / "conformance")  # with the drill's other cases
    assert problems == [] and all(run_case(c, kb_b) == [] for c in cases if c.navn.startswith("Testby"))
    assert {key for key in missing_statuses(kb_b, cases) if key[0] == SET} == set()


# --- the vedtak draft reads the case's set ---------------------------------------------------------


def test_the_vedtak_data_keeps_each_sets_services(drill):
    from kb.site.export_vedtak import vedtak_data
    kb = load_kb_or_raise(drill / "data", cached=False)
    own = kb.sett_tjenester[SET][SERVICE]
    kb.sett_tjenester[SET][SERVICE] = own.model_copy(update={"navn": "Støttekontakt (FIKTIV)",
                                                             "lovgrunnlag": own.lovgrunnlag[:1]})
    data = vedtak_data(kb)["tjenester"]
    assert list(data) == list(kb.tjenester_per_sett())
    assert set(data[SET]) == {SERVICE} and "bpa" in data["helseregion-gjovik-hadeland"]
    assert data[SET][SERVICE]["navn"] == "Støttekontakt (FIKTIV)" and len(data[SET][SERVICE]["lovgrunnlag"]) == 1
    first = data["helseregion-gjovik-hadeland"][SERVICE]
    assert first["navn"] == "Støttekontakt" and len(first["lovgrunnlag"]) == len(kb.tjenester[SERVICE].lovgrunnlag) > 1


# --- the form in Chromium, on the built copy ------------------------------------------------------


@pytest.fixture(scope="module")
def built_copy(drill, generated, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-copy")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_DATA_DIR=str(drill / "data"), KB_PAGEFIND="false",
               KB_GENERATED_DIR=str(generated))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_the_form_of_the_sets_page_lists_its_municipality_and_evaluates_with_the_set(built_copy, browser):
    from tests.browser import serve
    with serve(built_copy) as base:
        context = browser.new_context(locale="nb-NO")
        p = context.new_page()
        try:
            p.goto(f"{base}/kriteriesett/{SET}/{SERVICE}/")
            p.wait_for_selector(f".kb-vurder[data-kb-klar='ja'] #kb-{SERVICE}-kommune")
            options = p.eval_on_selector_all(f"#kb-{SERVICE}-kommune option", "os => os.map(o => o.value)")
            assert options == ["", KOMMUNE]
            p.select_option(f"#kb-{SERVICE}-kommune", KOMMUNE)
            p.fill(f"#kb-{SERVICE}-dato", "01.06.2026")
            p.fill(f"#kb-{SERVICE}-alder", "10")
            p.wait_for_function(f"() => {{ const f = document.querySelector('.kb-vurder').kbForm;"
                                f" return f.last && f.last.json && f.last.json.kommune === '{KOMMUNE}'; }}")
            form = p.evaluate("() => document.querySelector('.kb-vurder').kbForm.last.json")
            sak = {"tjeneste": SERVICE, "kommune": KOMMUNE, "vurderingsdato": "2026-06-01", "opplysninger": {"alder": 10}}
            assert form == p.evaluate("sak => kb.evaluate(sak)", sak)
            assert any(k["id"] == CRITERION_B and k["status"] == "ikke_oppfylt" for k in form["kriterier"])
            nav = p.inner_text("nav.md-nav--primary")
            assert "Kriteriesett" in nav and "Testregion" in nav
            # the result and the journal note name the set's guidance, never «de regionale kriteriene»
            result = p.inner_text(".kb-resultat")
            assert "Kriteriene for Testregion (veiledende): Ikke oppfylt" in result
            assert "Kriteriene for Testregion som er sjekket" in result and "egionale kriterier" not in result
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            p.get_by_role("button", name="Kopier som journalnotat").click()
            p.wait_for_selector(".kb-kopistatus:has-text('kopiert')")
            note = p.evaluate("() => navigator.clipboard.readText()")
            assert "Kommune: Testby." in note and "Kriteriene for Testregion (veiledende): Ikke oppfylt" in note
            assert "regionale kriteriene" not in note.lower()
            # the vedtak draft takes the service as the case's set has it (here renamed in the page's data
            # only, to tell the sets apart: the drill's service has the first set's name and lovgrunnlag)
            p.evaluate("() => kb.engine.load('vedtak').then(d => {"
                       f" d.tjenester['{SET}']['{SERVICE}'].navn = 'Støttekontakt (FIKTIV)';"
                       f" d.tjenester['{SET}']['{SERVICE}'].lovgrunnlag = []; }})")
            p.get_by_role("button", name="Lag vedtaksutkast").click()
            p.wait_for_selector(".kb-vedtak h3")
            draft = p.inner_text(".kb-vedtak")
            assert "Avslag – Støttekontakt (FIKTIV) (Testby kommune)" in draft
            assert "[Lovgrunnlag: tjenesten er ikke oppgitt]" in draft
        finally:
            context.close()
