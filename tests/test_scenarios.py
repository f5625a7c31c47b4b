"""Scenario pages are course material and tests at once: no Python on the page, every answer
written in a ```vurdering block that Sybil checks (a counted number per page), a «Hva om?»
variation that changes the outcome, and the build renders the tool's answer from the same case."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sybil import Document
from sybil.parsers.markdown import PythonCodeBlockParser

from kb.reading.scenario_pages import SCENARIO_DIR, case_blocks, front_matter, scenarios, vurdering_blocks
from kb.knowledge import vurdering
from kb.site.scenario_render import insert_boxes, render_scenario
from kb.site.scenario_tools import case_from_text, check_vurdering
from tests.sybil_plugin import VURDERING

PAGES = sorted(p for p in SCENARIO_DIR.glob("*.md") if p.name != "index.md")

CHECKED_ANSWERS = {
    "01-henvendelse-eller-soknad.md": 2,
    "02-kartlegging-og-brukermedvirkning.md": 4,
    "03-bpa-og-retten-til-bpa.md": 4,
    "04-stottekontakt-for-et-barn.md": 2,
    "05-langtidsopphold-og-innsatstrappen.md": 2,
    "06-parorendestotte-avlastning-eller-omsorgsstonad.md": 4,
    "07-vedtak-og-begrunnelse.md": 4,
    "08-reduksjon-og-forhandsvarsel.md": 5,
    "09-utsatt-iverksettelse-og-klage.md": 4,
    "10-barnekoordinator.md": 3,
}
"""How many checked answers Sybil collects from each page."""


def _href(path: str, anchor: str) -> str:
    return "../../" + path.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")


def test_there_are_at_least_ten_scenarios_and_each_has_a_count():
    assert len(PAGES) >= 10, [p.name for p in PAGES]
    assert sorted(CHECKED_ANSWERS) == [p.name for p in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_sybil_collects_every_checked_answer(page):
    text = page.read_text(encoding="utf-8")
    doc = Document.parse(str(page), PythonCodeBlockParser(), VURDERING)
    examples = list(doc)
    checked = [e for e in examples if e.region.evaluator is VURDERING._evaluator]
    assert len(checked) == CHECKED_ANSWERS[page.name]
    assert len(vurdering_blocks(text)) == len(checked) == len(re.findall(r"^[ \t]*```vurdering[ \t]*$", text, re.M))
    odd = re.findall(r"^[ \t]*```[ \t]*(vurdering\S+|vurdering[ \t]+\S.*|[ \t]+vurdering)[ \t]*$", text, re.M)
    assert odd == [], f"blocks Sybil would skip silently: {odd}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_python_on_the_page(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"^[ \t]*```[ \t]*(python|py|pycon|python3)\b", text, re.M | re.I)
    for needle in ("assert ", "import ", "__file__", "evaluate(", "load_kb", ">>>"):
        assert needle not in text, needle


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_scenario_has_the_two_parts_and_the_course_leader_notes(page):
    text = page.read_text(encoding="utf-8")
    meta = front_matter(text, page)
    assert meta.get("title") and meta.get("tema") and meta.get("tjenester"), meta
    assert "**Læringsmål:**" in text
    builds_on = re.search(r"^\*\*Casen bygger på:\*\*(.*?)\n\n", text, re.M | re.S)
    assert builds_on and re.search(r"\]\(\.\./(tjenester|veiledning|oslo|oversikt)/", builds_on.group(1))
    assert "## Del 1" in text and "### Diskusjonsoppgaver" in text
    part1 = text.split('??? success "Del 2', 1)[0]
    assert "**Hva om?**" in part1.split("### Diskusjonsoppgaver", 1)[1], "a «Hva om?» task for the group"
    assert re.search(r'^\?\?\? success "Del 2', text, re.M), "del 2 must be collapsed (??? success)"
    part2 = text.split('??? success "Del 2', 1)[1]
    assert "**Oppsummering.**" in part2
    assert re.search(r"\]\(\.\./(tjenester|veiledning|oslo)/", part2), "del 2 links to criteria or routine"
    assert vurdering_blocks(part2) and not vurdering_blocks(part1), "the answers belong to del 2"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_case_is_answered_and_every_answer_has_its_case(page):
    text = page.read_text(encoding="utf-8")
    names = [b.name for b in case_blocks(text)]
    assert names and len(names) == len(set(names))
    used = {vurdering.parse(b.body).sak for b in vurdering_blocks(text)}
    assert used == set(names)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_variation_changes_the_outcome(page, kb):
    text = page.read_text(encoding="utf-8")
    changed = []
    for block in vurdering_blocks(text):
        v = vurdering.parse(block.body)
        if not v.hva_om:
            continue
        case = case_from_text(text, v.sak)
        keys = list(v.svar)
        base = vurdering.written(vurdering.answer(case, kb), kb, v.svar)
        varied = vurdering.written(vurdering.answer(vurdering.vary(case, v.hva_om), kb), kb, v.svar)
        outcome = [k for k in keys if k in ("utfall", "rettskrav", "oppfylt", "ikke oppfylt", "uavklart")
                   or k in vurdering.PROCEDURE]
        if any(base.get(k) != varied.get(k) for k in outcome):
            changed.append(v.hva_om)
    assert changed, ("no «hva om» block changes the utfall, the rettskrav, a criterion's status or a "
                     "procedure answer")


def test_a_wrong_answer_fails_with_the_block_to_write(kb):
    page = SCENARIO_DIR / "03-bpa-og-retten-til-bpa.md"
    text = page.read_text(encoding="utf-8")
    from kb.criteria.evaluate import evaluate
    case = case_from_text(text, "jonas", page)
    r = evaluate(case | {"opplysninger": case["opplysninger"] | {"timer_per_uke": 33}}, kb)
    utfall = r.utfall.replace("_", " ")
    rett = {True: "ja", False: "nei", None: "uavklart"}[r.rettskrav]
    wrong_utfall = "oppfylt" if utfall != "oppfylt" else "ikke oppfylt"
    wrong_rett = "nei" if rett != "nei" else "ja"
    wrong = f"sak: jonas\nhva om: {{timer_per_uke: 33}}\nutfall: {wrong_utfall}\nrettskrav: {wrong_rett}\nmangler: ingen\n"
    message = check_vurdering(wrong, text, page, 7)
    assert message.startswith(f"{page}:7: svaret for saken «jonas» stemmer ikke"), message
    assert f"utfall: skrevet «{wrong_utfall}», men verktøyet svarer «{utfall}»" in message, message
    assert f"rettskrav: skrevet «{wrong_rett}», men verktøyet svarer «{rett}»" in message, message
    assert f"```vurdering\nsak: jonas\nhva om: {{timer_per_uke: 33}}\nutfall: {utfall}\nrettskrav: {rett}\n" in message
    right = message.split("```vurdering\n", 1)[1].split("```", 1)[0]
    assert check_vurdering(right, text, page) is None


def test_sybil_fails_a_page_whose_answer_is_wrong(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("<!-- sak: a -->\n```yaml\ntjeneste: bpa\nopplysninger:\n  alder: 70\n```\n\n"
                    '??? success "Del 2: Forslag til løsning"\n\n    ```vurdering\n    sak: a\n'
                    "    utfall: oppfylt\n    ```\n", encoding="utf-8")
    (example,) = list(Document.parse(str(page), VURDERING))
    with pytest.raises(Exception, match="stemmer ikke med verktøyet"):
        example.evaluate()


def test_a_block_refuses_unknown_fields_and_mixed_answers():
    with pytest.raises(Exception, match="ukjent felt «utfal»"):
        vurdering.parse("sak: a\nutfal: oppfylt\n")
    with pytest.raises(Exception, match="blander"):
        vurdering.parse("sak: a\nutfall: oppfylt\nklagefrist: ingen\n")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_rendered_page_shows_tables_and_boxes_and_no_code(page, kb):
    text = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    rendered = render_scenario(text, kb, _href, page.name)
    md = rendered.markdown
    assert "```vurdering" not in md and "<!-- sak:" not in md
    assert md.count("**Opplysninger i saken**") == len(case_blocks(text))
    assert md.count('??? note kb-saksfil "Saken som fil"') == len(case_blocks(text))
    assert len(rendered.boxes) == CHECKED_ANSWERS[page.name]
    assert re.search(r'^\?\?\? success kb-del2 "Del 2', md, re.M)
    assert 'data-kb-skriv-ut="del-1">Skriv ut del 1<' in md and ">Skriv ut med løsning<" in md
    html = insert_boxes("".join(f"<p>KBSVAR-{i}-KBSVAR</p>" for i in range(len(rendered.boxes))), rendered.boxes)
    assert html.count('<div class="kb-svar') == len(rendered.boxes) and "KBSVAR" not in html
    assert "Veiledende." in html


def test_the_box_shows_the_answer_in_words(kb):
    """The box of the first answer on the BPA page says in words what the engine answers for the
    page's case (what that answer is, is the page's own «vurdering» block, checked by «kb check»)."""
    from kb.criteria.evaluate import evaluate
    page = SCENARIO_DIR / "03-bpa-og-retten-til-bpa.md"
    text = page.read_text(encoding="utf-8")
    rendered = render_scenario(text, kb, _href, page.name)
    first, _, at_32 = rendered.boxes[0], rendered.boxes[1], rendered.boxes[2]
    r = evaluate(case_from_text(text, "jonas", page), kb)
    label = {"oppfylt": "Oppfylt", "ikke_oppfylt": "Ikke oppfylt", "uavklart": "Uavklart"}[r.utfall]
    assert f'Utfall</th><td><span class="kb-status kb-status--{r.utfall}">{label}</span>' in first, first
    failing = [k for k in r.kriterier if k.status == "ikke_oppfylt"]
    assert failing, "the page's first answer shows a criterion not met"
    assert any(f"Ikke oppfylt</span> {k.tekst[:40]}" in first for k in failing), first
    n = sum(1 for k in r.kriterier if k.status == "skjonn")
    assert f"{n} {'kriterium' if n == 1 else 'kriterier'} vurderes av saksbehandler (skjønn)" in first
    for name in r.mangler:  # what is missing, as the question
        assert f"<li>{kb.opplysninger[name].sporsmal}</li>" in first, name
    assert "<strong>32 timer per uke</strong> <span class=\"kb-svar__isaken\">(i saken: 28 timer per uke)" in at_32
    assert "endret, i saken: " in at_32  # the rettskrav row changes with the hours
    assert "| Hvor mange timer hjelp i uken er behovet vurdert til? | 28 timer per uke |" in rendered.markdown


def test_the_procedure_box_shows_the_routine_answers(kb):
    page = SCENARIO_DIR / "09-utsatt-iverksettelse-og-klage.md"
    rendered = render_scenario(page.read_text(encoding="utf-8"), kb, _href, page.name)
    sara, sara_earlier, utsatt, per = rendered.boxes
    assert "Klagefrist</th><td>fredag 7. mai 2027" in sara
    assert "Klagefrist</th><td>onsdag 5. mai 2027" in sara_earlier and "Vedtaksmal" not in sara_earlier
    assert 'Vedtaksmal</th><td><a href="../../oslo/maler/#mal-5051">5051 ' in utsatt
    assert "Enkeltvedtak</th><td><span class=\"kb-status kb-status--nei\">Kreves ikke</span>" in utsatt
    assert "Klageinstans</th><td>Kommunens klageutvalg" in per
    assert "| Når mottok bruker vedtaket? | fredag 4. desember 2026 |" in rendered.markdown


def test_try_it_links_carry_the_case_in_the_fragment(kb):
    page = SCENARIO_DIR / "03-bpa-og-retten-til-bpa.md"
    text = page.read_text(encoding="utf-8")
    rendered = render_scenario(text, kb, _href, page.name)
    links = [re.search(r'class="kb-prov-selv" href="([^"]+)"', box).group(1) for box in rendered.boxes]
    assert all(link.startswith("../../tjenester/bpa/#sak=") for link in links)
    case = case_from_text(text, "jonas")
    assert json.loads(unquote(links[0].split("#sak=", 1)[1])) == case
    at_32 = json.loads(unquote(links[2].split("#sak=", 1)[1]))
    assert at_32["opplysninger"]["timer_per_uke"] == 32 and at_32["tjeneste"] == "bpa"
    assert not re.search(r"[^A-Za-z0-9\-_.!~*'()%]", links[0].split("#sak=", 1)[1])  # encodeURIComponent's set


def test_procedure_cases_link_to_saksgang(kb):
    page = SCENARIO_DIR / "01-henvendelse-eller-soknad.md"
    rendered = render_scenario(page.read_text(encoding="utf-8"), kb, _href, page.name)
    assert rendered.boxes
    for box in rendered.boxes:
        link = re.search(r'class="kb-prov-selv" href="([^"]+)">Prøv selv: åpne saken i «Saksgang \(Oslo\)»', box)
        assert link and link.group(1).startswith("../../oslo/") and "#sak=" in link.group(1), box
        case = json.loads(unquote(link.group(1).split("#sak=", 1)[1]))
        assert set(case) <= {"tjeneste", "sak"} and "sak" in case


def test_scenarios_are_linked_from_their_services():
    from kb.knowledge.loader import load_kb_or_raise
    from kb.site.pages.services import service_page
    kb = load_kb_or_raise()
    for s in scenarios():
        for sid in s.tjenester:
            assert f"../e-laering/{s.fil}" in service_page(kb, sid, scenarios()), (sid, s.fil)


def test_the_start_page_uses_the_sources_words_and_invents_no_durations():
    text = (SCENARIO_DIR / "index.md").read_text(encoding="utf-8")
    source = (Path(__file__).resolve().parent.parent / "kb" / "data" / "kilder"
              / "helsedirektoratet-saksbehandlingsveileder-om.txt").read_text(encoding="utf-8")
    source = " ".join(source.split())
    quotes = [" ".join(q.split()) for q in re.findall(r"«([^»]+)»", text)]
    quotes += [" ".join(" ".join(line[1:].strip() for line in block.splitlines()).split())
               for block in re.findall(r"(?:^> .*\n)+", text, re.M)]
    quoted = [q for q in quotes if len(q) > 40]
    assert len(quoted) >= 3 and all(q in source for q in quoted), [q for q in quoted if q not in source]
    assert not re.search(r"\d+\s*(–|-|til)?\s*\d*\s*(minutt|min\b|timer?\b)", text), "no invented durations"
    for words in ("sammen med kollegaer", "Del 1", "Del 2", "drøft"):
        assert words in text


def test_a_bad_variation_stops_the_build_with_the_page_and_line(kb):
    text = ("# X\n\n<!-- sak: a -->\n```yaml\ntjeneste: bpa\nopplysninger:\n  alder: 40\n```\n\n"
            '??? success "Del 2: Forslag til løsning"\n\n    ```vurdering\n    sak: a\n'
            "    hva om: {alderr: 41}\n    utfall: uavklart\n    ```\n")
    with pytest.raises(ValueError, match=r"x\.md:13: saken «a»: ukjent opplysning «alderr»"):
        render_scenario(text, kb, _href, "x.md")
    with pytest.raises(LookupError, match="saken «b», som ikke finnes"):
        render_scenario(text.replace("sak: a\n    hva", "sak: b\n    hva"), kb, _href, "x.md")
