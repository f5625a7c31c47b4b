"""The site at national scale: no generated page or nav group grows with the number of services,
and every departure from the law stays reachable (issue 23)."""

from __future__ import annotations

from kb.site import tree
from kb.site.pages import law


def _departures(kb):
    return [(t, k) for t in kb.tjenester.values() for k in t.kriterier() if k.avvik_fra_loven is not None]


def test_the_real_law_page_shows_every_departure_in_full(kb):
    departing = _departures(kb)
    assert 0 < len(departing) <= law.FULL_LIMIT
    page = law.pages(kb)["loven/index.md"]
    assert f"## Avvik fra loven ({len(departing)})" in page
    for t, k in departing:
        assert f'<a id="{k.kriterium}"></a>' in page
        assert f"../tjenester/{t.id}.md#{k.kriterium}" in page
    assert page.count("| **Avvik fra loven** |") == len(departing)


def test_beyond_the_limit_the_law_page_links_each_departure_to_its_service_page(kb, monkeypatch):
    from kb.site.pages.services import service_page
    departing = _departures(kb)
    monkeypatch.setattr(law, "FULL_LIMIT", len(departing) - 1)
    page = law.pages(kb)["loven/index.md"]
    assert f"## Avvik fra loven ({len(departing)})" in page
    assert "| **Avvik fra loven** |" not in page  # the full texts are on the service pages
    for t, k in departing:
        assert f"](../tjenester/{t.id}.md#{k.kriterium})" in page
        for pid in k.avvik_fra_loven.lovtekster:
            if pid in kb.lovtekster:
                assert f"](#{pid})" in page and f"{{ #{pid} }}" in page  # the provision's words below
    for t, k in departing[:3]:
        service = service_page(kb, t.id)
        assert f'<a id="{k.kriterium}"></a>' in service
        assert "Avvik fra loven: " + k.avvik_fra_loven.tekst.split()[0] in service


def _pages(titles):
    return {f"tjenester/s{i}.md": f"---\ntitle: {title}\n---\n" for i, title in enumerate(titles)}


def test_a_long_nav_letter_is_split_into_groups_of_at_most_the_limit():
    titles = [f"Brukerstyrt personlig assistanse (kopi {i})" for i in range(130)] + [f"Avlastning {i}" for i in range(5)]
    nav = tree.nav_fragment(_pages(titles))["tjenester/"]
    letters = {next(iter(group)): next(iter(group.values())) for group in nav}
    assert set(letters) == {"A", "B"}
    assert all(isinstance(p, str) for p in letters["A"]) and len(letters["A"]) == 5
    chunks = [next(iter(c.values())) for c in letters["B"]]
    assert len(chunks) == -(-130 // tree.NAV_GROUP_SIZE) and all(len(c) <= tree.NAV_GROUP_SIZE for c in chunks)
    flat = [p for c in chunks for p in c]
    assert len(flat) == 130 == len(set(flat))
    names = [next(iter(c)) for c in letters["B"]]
    assert len(set(names)) == len(names)  # each group named apart by its first and last title


def test_a_short_section_keeps_its_flat_nav():
    pages = _pages([f"Tjeneste {i}" for i in range(tree.NAV_GROUP_SIZE)])
    assert tree.nav_fragment(pages)["tjenester/"] == list(pages)


def test_the_criteria_index_is_made_once_per_knowledge_base(kb):
    """Each service page asked for an index over every service's criteria, made anew each time
    (30 × the services took 30 × longer per page)."""
    from kb.site.pages.common import PageContext, children_of, criteria_index
    index = criteria_index(kb)
    assert criteria_index(kb) is index and PageContext(kb)._headings is index
    ctx = PageContext(kb)
    for t in kb.tjenester.values():
        assert children_of(kb, t.id) == [c for c in kb.tjenester.values() if c.inngar_i == t.id]
        for k in t.kriterier():
            assert ctx._criterion_text(k.kriterium) == k.tekst
