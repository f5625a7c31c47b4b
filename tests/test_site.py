"""The site: a --strict build from the YAML, service pages with criteria and Lovdata links, no
third-party requests in the HTML, generated pages not committed."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


class _Resources(HTMLParser):
    """Collects every URL the browser would load by itself (scripts, styles, images, frames)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical", "alternate"):
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])


def test_bpa_page_shows_criteria_and_lovdata_links(built_site):
    html = (built_site / "tjenester" / "bpa" / "index.html").read_text(encoding="utf-8")
    assert "Brukerstyrt personlig assistanse (BPA)" in html
    assert "At brukeres funksjonshemming ikke er til hinder for å kunne utøve nødvendig" in html
    assert 'href="https://lovdata.no/lov/2011-06-24-30/§3-2"' in html
    assert 'href="https://lovdata.no/lov/1999-07-02-63/§2-1d"' in html
    assert 'id="bpa-arbeidsleder"' in html
    assert "Vilkår for rettskrav" in html and "Sjekkes: søker er under 67 år." in html
    assert "4 uker" in html  # klagefrist for a statutory service


def test_every_service_has_a_page_and_a_row_on_the_start_page(built_site, kb):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    for sid, t in kb.tjenester.items():
        assert (built_site / "tjenester" / sid / "index.html").exists(), sid
        assert f'href="tjenester/{sid}/"' in start, sid


def test_no_third_party_resources_in_any_page(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page.relative_to(built_site)}: {url}")
    assert offenders == []
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_search_index_is_pagefind_in_norwegian_without_developer_pages(built_site, kb):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nb"]  # from <html lang="nb">: Pagefind's Norwegian stemmer
    pages = entry["languages"]["nb"]["page_count"]
    assert pages >= len(kb.tjenester) + len(kb.kapitler)
    bpa = (built_site / "tjenester" / "bpa" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in bpa and 'data-pagefind-meta="sokeord:' in bpa
    assert 'data-pagefind-filter="type:Tjeneste"' in bpa and 'data-pagefind-filter="kommune:Gran"' in bpa
    for dev in ("utviklere/index.html", "utviklere/api/index.html", "utviklere/ytelse/index.html"):
        assert "data-pagefind-body" not in (built_site / dev).read_text(encoding="utf-8"), dev


def test_no_page_points_to_the_development_server(built_site):
    offenders = [str(p.relative_to(built_site)) for p in list(built_site.rglob("*.html")) + [built_site / "sitemap.xml"]
                 if "127.0.0.1" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_generated_pages_are_not_committed():
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not any(p.startswith("docs/tjenester/") or p == "docs/index.md" for p in tracked), tracked
    assert not (ROOT / "docs" / "tjenester").exists()


def test_api_reference_is_rendered(built_site):
    html = (built_site / "utviklere" / "api" / "index.html").read_text(encoding="utf-8")
    assert "kb.criteria.evaluate" in html and "Evaluate a case" in html


def test_every_template_has_its_own_heading_in_the_catalogue(built_site, kb):
    """Search results link to a template through its heading's id (Pagefind's sub-results)."""
    html = (built_site / "oslo" / "maler" / "index.html").read_text(encoding="utf-8")
    for mal in kb.maler.values():
        m = re.search(rf'<h3 id="{mal.anker}">(.*?)<', html)
        assert m, mal.anker
        if mal.id is not None:
            assert m.group(1).startswith(str(mal.id)), m.group(1)


def test_the_published_address_comes_from_the_environment(monkeypatch):
    from mkdocs.config import load_config
    monkeypatch.setenv("KB_SITE_URL", "https://kb.kommune.example/")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://kb.kommune.example/"
    monkeypatch.delenv("KB_SITE_URL")
    assert not load_config(str(ROOT / "mkdocs.yml"))["site_url"]
