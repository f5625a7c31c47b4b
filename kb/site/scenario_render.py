"""Scenario pages as course material: the build turns a page's blocks into what a group reads.

* A case block (``<!-- sak: NAME -->`` and its YAML) becomes the table «Opplysninger i saken»,
  labelled with the questions and units of the fact vocabulary; the YAML stays in a collapsed
  «Saken som fil» block.
* A ```` ```vurdering ```` block becomes the tool's answer for that case, rendered from the
  evaluator or Oslo's routine at build time (:mod:`kb.site.vurdering_box`), never from what the
  page wrote: when a rule changes, the page shows the new answer (and the test fails).
* «Del 2» gets the class ``kb-del2`` (printing leaves it out unless «Skriv ut med løsning»),
  and the page gets the two print buttons after its heading.

Boxes are raw HTML, which Markdown does not read inside an indented «Del 2»; they are put in as
placeholders and swapped in by :func:`insert_boxes` after Markdown has run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup

from kb.knowledge.loader import KnowledgeBase
from kb.reading.scenario_pages import Block, case_blocks, vurdering_blocks
from kb.reading.yamlfile import parse_yaml
from kb.knowledge import vurdering
from kb.site.render import cell, render_template
from kb.site.vurdering_box import box_html, fact_rows

Href = Callable[[str, str], "str | None"]
"""``href(src_path, anchor)``: the URL of a site page relative to the page being built, or ``None``."""

PRINT_BUTTONS = """<div class="kb-utskrift" role="group" aria-label="Utskrift" data-search-exclude data-pagefind-ignore="all">
<button type="button" class="md-button" data-kb-skriv-ut="del-1">Skriv ut del 1</button>
<button type="button" class="md-button md-button--primary" data-kb-skriv-ut="med-losning">Skriv ut med løsning</button>
<span class="kb-utskrift__hjelp">Nettleserens egen utskrift gir del 1: casen og diskusjonsoppgavene.</span>
</div>"""

_DEL_2 = re.compile(r'^(?P<indent>[ \t]*)\?\?\?(?P<plus>\+?) success "Del 2', re.M)
_H1 = re.compile(r"^# .*$", re.M)
_PLACEHOLDER = "KBSVAR-{}-KBSVAR"
_PLACEHOLDER_P = re.compile(r"<p>KBSVAR-(\d+)-KBSVAR</p>")


@dataclass
class Rendered:
    """A scenario page's Markdown for the build and the boxes to insert after Markdown has run."""

    markdown: str
    boxes: list[str] = field(default_factory=list)


def _indent(text: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def _case_markdown(block: Block, case: dict, kb: KnowledgeBase, href: Href) -> str:
    """The table «Opplysninger i saken» and the collapsed «Saken som fil» for one case block."""
    rows = []
    for label, value, link in fact_rows(case, kb):
        shown = cell(value)
        exists = link is not None and href(link, "") is not None
        rows.append((label, Markup(f"[{shown}](../{link})") if exists else shown))  # pages live in e-laering/
    text = render_template("scenario_case.md.j2", rows=rows,
                           yaml_lines=[Markup(line) for line in block.body.rstrip("\n").splitlines()])
    return _indent(text, block.indent).rstrip("\n")


def _case_of(cases: dict[str, dict], name: str, where: str) -> dict:
    if name not in cases:
        raise LookupError(f"{where}: vurderingen viser til saken «{name}», som ikke finnes på siden")
    return cases[name]


def render_scenario(markdown: str, kb: KnowledgeBase, href: Href, where: str = "") -> Rendered:
    """The page's Markdown with case tables, box placeholders, the «Del 2» class and print buttons."""
    cases = {b.name: parse_yaml(b.body, where).data for b in case_blocks(markdown)}
    edits: list[tuple[int, int, str]] = []
    out = Rendered("")
    for block in case_blocks(markdown):
        edits.append((block.start, block.end, _case_markdown(block, cases[block.name], kb, href)))
    for block in vurdering_blocks(markdown):
        v = vurdering.parse(block.body, f"{where}:{block.line}")
        case = _case_of(cases, v.sak, f"{where}:{block.line}")
        try:
            svar = vurdering.answer(vurdering.vary(case, v.hva_om), kb)
        except ValueError as exc:  # the case as varied is not a valid case (CaseError)
            raise ValueError(f"{where}:{block.line}: saken «{v.sak}»: {exc}") from None
        out.boxes.append(box_html(v, case, svar, kb, href))
        edits.append((block.start, block.end, block.indent + _PLACEHOLDER.format(len(out.boxes) - 1)))
    text = markdown
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    text = _DEL_2.sub(lambda m: f'{m["indent"]}???{m["plus"]} success kb-del2 "Del 2', text)
    heading = _H1.search(text)
    at = heading.end() if heading else 0
    out.markdown = text[:at] + "\n\n" + PRINT_BUTTONS + "\n\n" + text[at:].lstrip("\n")
    return out


def insert_boxes(html: str, boxes: list[str]) -> str:
    """Swap the placeholders Markdown turned into paragraphs for the rendered boxes."""
    return _PLACEHOLDER_P.sub(lambda m: boxes[int(m.group(1))], html)
