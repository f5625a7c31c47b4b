"""Search in the built site, in Chromium, as a caseworker types: the page that must come first for
each query (services by name, abbreviation and caseworkers' words, procedure words, template ids),
developer pages never found, filters by type of page and municipality."""

from __future__ import annotations

import pytest

from tests.browser import kb_search

FIRST = [
    # every service by its name
    ("velferdsteknologi", "tjenester/velferdsteknologi/"),
    ("middagsombringing", "tjenester/middagsombringing/"),
    ("støttekontakt", "tjenester/stottekontakt/"),
    ("dagaktivitetstilbud demens", "tjenester/dagaktivitet-demens/"),
    ("dagaktivitetsplasser", "tjenester/dagaktivitet-funksjonsnedsettelse/"),
    ("pårørendestøtte", "tjenester/parorendestotte/"),
    ("avlastning", "tjenester/avlastning/"),
    ("omsorgsstønad", "tjenester/omsorgsstonad/"),
    ("praktisk bistand", "tjenester/praktisk-bistand/"),
    ("brukerstyrt personlig assistanse", "tjenester/bpa/"),
    ("helsetjenester i hjemmet", "tjenester/helsetjenester-i-hjemmet/"),
    ("hverdagsrehabilitering", "tjenester/hverdagsrehabilitering/"),
    ("psykisk helse og rus", "tjenester/psykisk-helse-og-rus/"),
    ("individuell plan", "tjenester/koordinator-individuell-plan/"),
    ("barnekoordinator", "tjenester/barnekoordinator/"),
    ("omsorgsbolig", "tjenester/omsorgsbolig/"),
    ("korttidsplass", "tjenester/korttidsplass/"),
    ("langtidsopphold", "tjenester/langtidsopphold/"),
    # abbreviations and the words caseworkers use
    ("BPA", "tjenester/bpa/"),
    ("sykehjem", "tjenester/langtidsopphold/"),
    ("trygghetsalarm", "tjenester/velferdsteknologi/"),
    ("korttidsopphold", "tjenester/korttidsplass/"),
    ("dagsenter", "tjenester/dagaktivitet-"),
    ("hjemmesykepleie", "tjenester/helsetjenester-i-hjemmet/"),
    ("omsorgslønn", "tjenester/omsorgsstonad/"),
    ("matombringing", "tjenester/middagsombringing/"),
    ("hjemmehjelp", "tjenester/praktisk-bistand/"),
    ("fritidskontakt", "tjenester/stottekontakt/"),
    ("personlig assistent", "tjenester/bpa/"),
    ("rustjeneste", "tjenester/psykisk-helse-og-rus/"),
    # spellings without æ/ø/å
    ("stottekontakt", "tjenester/stottekontakt/"),
    ("parorendestotte", "tjenester/parorendestotte/"),
    ("omsorgslonn", "tjenester/omsorgsstonad/"),
    ("heldognsomsorg", "tjenester/langtidsopphold/"),
    # inflected and unfinished words (Norwegian stemming, prefix search)
    ("omsorgsboliger", "tjenester/omsorgsbolig/"),
    ("hjemmesykepleien", "tjenester/helsetjenester-i-hjemmet/"),
    ("sykehj", "tjenester/langtidsopphold/"),
    # procedure words and chapters
    ("klagefrist", "veiledning/klageadgang/"),
    ("klage", "veiledning/klageadgang/"),
    ("enkeltvedtak", "veiledning/enkeltvedtak/"),
    ("forhåndsvarsel", "oslo/2-11-endring-av-vedtak/"),
    ("forhandsvarsel", "oslo/2-11-endring-av-vedtak/"),
    ("utsatt iverksettelse", "oslo/2-11-endring-av-vedtak/"),
    ("forvaltningsmelding", "oslo/2-3-registrering-av-soknad/"),
    ("BEON", "veiledning/mestring-og-beon/"),
    ("innsatstrapp", "veiledning/helhetlig-innsatstrapp/"),
    ("brukermedvirkning", "veiledning/brukermedvirkning/"),
    # template ids and names
    ("509", "oslo/maler/"),
    ("5054", "oslo/maler/"),
    ("541", "oslo/maler/"),
    ("avslag mal", "oslo/maler/"),
    ("malkatalog", "oslo/maler/"),
]


@pytest.fixture(scope="module")
def search_page(site_base, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    page.goto(site_base + "/")
    yield page
    context.close()


def _path(href: str) -> str:
    return href.split("#")[0].lstrip("/")


def test_the_ranking_set_is_large_and_covers_every_service(kb):
    assert len(FIRST) >= 40
    expected = {e for _, e in FIRST}
    for sid in kb.tjenester:
        assert f"tjenester/{sid}/" in expected or sid.startswith("dagaktivitet-"), sid


@pytest.mark.parametrize("query,expected", FIRST, ids=[q for q, _ in FIRST])
def test_the_right_page_comes_first(search_page, query, expected):
    hits = kb_search(search_page, query)
    assert hits, f"{query!r}: ingen treff"
    assert _path(hits[0]).startswith(expected), f"{query!r}: {[_path(h) for h in hits[:5]]}"


@pytest.mark.parametrize("query", ["klagefrist", "509", "avslag mal", "rettskrav BPA", "evaluate", "kb.criteria",
                                   "Regel", "interpreter"])
def test_developer_pages_are_not_found(search_page, query):
    hits = kb_search(search_page, query)
    assert not [h for h in hits if "utviklere/" in h], (query, hits)


def test_service_pages_come_before_e_learning(search_page):
    hits = [_path(h) for h in kb_search(search_page, "BPA")]
    assert hits[0] == "tjenester/bpa/"
    first_scenario = next(i for i, h in enumerate(hits) if h.startswith("e-laering/"))
    assert first_scenario > 0


def _count(page) -> int:
    text = page.locator("#kb-search-result .md-search-result__meta").inner_text()
    return int(text.split()[0]) if text.split()[0].isdigit() else (1 if text.startswith("1") else 0)


def _refiltered(page, name: str, value: str, query: str) -> list[str]:
    page.select_option(f"select[data-kb-filter='{name}']", value)
    page.wait_for_function("q => document.getElementById('kb-search-result').dataset.kbQuery === q", arg=query)
    return [_path(h) for h in page.eval_on_selector_all("a[data-kb-result]", "els => els.map(e => e.getAttribute('href'))")]


def test_results_can_be_filtered_by_type_and_municipality(search_page):
    kb_search(search_page, "vedtak")
    everything = _count(search_page)
    oslo_only = _refiltered(search_page, "type", "Oslo-rutinen", "vedtak")
    assert oslo_only and all(h.startswith("oslo/") for h in oslo_only)
    assert 0 < _count(search_page) < everything
    _refiltered(search_page, "type", "", "vedtak")
    gran = _refiltered(search_page, "kommune", "Gran", "vedtak")
    assert gran and not any(h.startswith(("oslo/", "e-laering/")) for h in gran)
    oslo = _refiltered(search_page, "kommune", "Oslo", "vedtak")
    assert oslo and all(h.startswith("oslo/") for h in oslo)
    _refiltered(search_page, "kommune", "", "vedtak")
    assert _count(search_page) == everything


def test_a_template_id_leads_to_the_template(search_page):
    kb_search(search_page, "5054")
    links = search_page.eval_on_selector_all(".md-search-result__item:first-child a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("#mal-5054") for h in links), links


def test_keyboard_opens_search_and_enter_opens_the_first_result(site_base, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_base + "/oversikt/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-search')")
    page.keyboard.type("omsorgslønn", delay=10)
    page.wait_for_function("() => document.getElementById('kb-search-result').dataset.kbQuery === 'omsorgslønn'")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-result')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tjenester/omsorgsstonad/")
    assert page.locator("h1").first.inner_text().startswith("Omsorgsstønad")
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    context.close()


def test_search_loads_only_from_the_site_and_not_materials_index(site_base, browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site_base + "/")
    kb_search(page, "sykehjem")
    context.close()
    assert all(u.startswith(site_base) or u.startswith("data:") for u in urls), urls
    assert any("/pagefind/" in u for u in urls)
    assert not any("search_index" in u for u in urls)
    assert not (built_site / "search" / "search_index.json").exists()


OFFLINE_FIRST = [("bpa", "tjenester/bpa.html"), ("BPA", "tjenester/bpa.html"),
                 ("støttekontakt", "tjenester/stottekontakt.html"), ("sykehjem", "tjenester/langtidsopphold.html"),
                 ("klagefrist", "veiledning/klageadgang.html"), ("omsorgsstønad", "tjenester/omsorgsstonad.html"),
                 ("praktisk bistand", "tjenester/praktisk-bistand.html")]


def test_the_file_share_build_ranks_the_guidance_first(browser, offline_site):
    """``make offline`` (Material's own search, from file://): the guidance comes before the
    e-learning pages, as with Pagefind, and print buttons are not in the index or the snippets."""
    import json
    page = browser.new_page()
    try:
        for query, expected in OFFLINE_FIRST:
            page.goto((offline_site / "index.html").as_uri())
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator("input.md-search__input").press_sequentially(query, delay=20)
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            page.wait_for_timeout(300)
            hits = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
            assert expected in hits[0].split("?")[0], (query, hits[:4])
            snippets = page.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.innerText)")
            assert not [s for s in snippets if "Skriv ut del 1" in s], (query, snippets[:3])
    finally:
        page.close()
    raw = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("{"):raw.rindex("}") + 1])
    scenario_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("e-laering/0"))
    assert "Skriv ut med løsning" not in scenario_text and "Nettleserens egen utskrift" not in scenario_text
