"""The built site in a real headless Chromium: pages render and the file-share build searches
offline (search ranking: test_search.py; axe on every page and no request leaving 127.0.0.1:
test_print_and_accessibility.py)."""

from __future__ import annotations

import json


# Every page's requests are checked during the accessibility walk over the whole site
# (tests/test_print_and_accessibility.py), which visits every page anyway.


def test_start_page_and_service_page_render(page, tmp_path_factory):
    base, p = page
    p.goto(base + "/")
    assert "Tildelingskriterier" in p.title()
    rows = p.locator("table tbody tr")
    assert rows.count() >= 18
    shots = tmp_path_factory.mktemp("screenshots")
    p.screenshot(path=str(shots / "forside.png"), full_page=True)
    p.goto(base + "/tjenester/bpa/")
    assert p.locator("h1").inner_text().startswith("Brukerstyrt personlig assistanse")
    assert p.locator("a[href^='https://lovdata.no/']").count() >= 3
    assert p.locator("#bpa-arbeidsleder").count() == 1
    p.screenshot(path=str(shots / "bpa.png"), full_page=True)


def test_offline_build_searches_from_the_file_system_without_any_request(site, offline_site):
    _, browser = site
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_site / "index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("sykehjem", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hits = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    assert any("tjenester/langtidsopphold.html" in h for h in hits[:3]), hits
    raw = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("{"):raw.rindex("}") + 1])
    locations = [d["location"] for d in index["docs"]]
    assert locations and not [loc for loc in locations if loc.startswith("utviklere/")]  # developer pages left out
    entry_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("tjenester/stottekontakt.html"))
    assert "stottekontakt" in entry_text  # the hidden keywords (spellings without æ/ø/å) are indexed
    assert not (offline_site / "pagefind").exists()
    assert "md-search__suggest" not in (offline_site / "index.html").read_text(encoding="utf-8")  # no suggestions
    page.goto((offline_site / "tjenester" / "bpa.html").as_uri())
    assert page.locator("h1").inner_text().startswith("Brukerstyrt")
    page.close()
    assert [r for r in requests if not r.startswith(("file:", "data:"))] == []
    assert "unpkg.com" not in (offline_site / "index.html").read_text(encoding="utf-8")
