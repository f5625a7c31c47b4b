"""Scenario pages have the e-learning form and really are tests: every ```python block is
collected by Sybil (a page cannot look tested and not be), and every case block is used."""

from __future__ import annotations

import re

import pytest
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil import Document

from kb.reading.scenario_pages import SCENARIO_DIR, front_matter, scenarios

PAGES = sorted(p for p in SCENARIO_DIR.glob("*.md") if p.name != "index.md")


def test_there_are_at_least_ten_scenarios():
    assert len(PAGES) >= 10, [p.name for p in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_python_block_is_collected(page):
    text = page.read_text(encoding="utf-8")
    fences = re.findall(r"^[ \t]*```python[ \t]*$", text, re.M)
    doc = Document.parse(str(page), PythonCodeBlockParser())
    collected = list(doc)
    assert len(collected) == len(fences) >= 1
    skipped = re.findall(r"^[ \t]*```[ \t]*(?:python\S+|python[ \t]+\S.*|py|pycon|python3)[ \t]*$", text, re.M)
    assert skipped == [], f"blocks Sybil would skip silently: {skipped}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_scenario_has_the_two_parts(page):
    text = page.read_text(encoding="utf-8")
    meta = front_matter(text, page)
    assert meta.get("title") and meta.get("tema") and meta.get("tjenester"), meta
    assert "**Læringsmål:**" in text
    assert "## Del 1" in text and "### Diskusjonsoppgaver" in text
    assert re.search(r'^\?\?\? success "Del 2', text, re.M), "del 2 must be collapsed (??? success)"
    part2 = text.split('??? success "Del 2', 1)[1]
    assert "**Oppsummering.**" in part2
    assert re.search(r"\]\(\.\./(tjenester|veiledning|oslo)/", part2), "del 2 links to criteria or routine"
    names = re.findall(r"<!-- sak: ([\w-]+) -->\s*```yaml", text)
    assert names, "a YAML case block in del 1"
    blocks = "\n".join(re.findall(r"```python\n(.*?)```", text, re.S))
    for name in names:
        assert f'"{name}"' in blocks, f"case block {name!r} is not used by an example"


def test_scenarios_are_linked_from_their_services():
    from kb.knowledge.loader import load_kb_or_raise
    from kb.site.pages.services import service_page
    kb = load_kb_or_raise()
    for s in scenarios():
        for sid in s.tjenester:
            assert f"../e-laering/{s.fil}" in service_page(kb, sid, scenarios()), (sid, s.fil)
