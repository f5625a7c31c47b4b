"""A service page printed as a handout (Chromium's print to PDF), and axe-core on every built page
at 1280 and 390 px (one browser, one page reused, axe injected once per page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_a_service_page_prints_as_a_clean_handout(page):
    base, p = page
    p.goto(base + "/tjenester/bpa/")
    p.wait_for_selector(".kb-vurder[data-kb-klar=ja]")
    p.emulate_media(media="print")
    shown = p.evaluate("""() => {
      const visible = e => { const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0; };
      const after = [...document.querySelectorAll('.md-content a[href]')].map(a => getComputedStyle(a, '::after').content)
        .filter(c => c && c !== 'none' && c !== 'normal' && c !== '""');
      const width = document.querySelector('.md-content').getBoundingClientRect().width;
      const tables = [...document.querySelectorAll('.md-content table')].map(t => t.getBoundingClientRect().width);
      const clipped = [...document.querySelectorAll('.md-content table')].filter(t => {
        const w = t.closest('.md-typeset__scrollwrap'); return w && w.scrollWidth > w.clientWidth + 1; }).length;
      return {after, chips: [...document.querySelectorAll('.md-tag')].filter(visible).length,
              form: [...document.querySelectorAll('.kb-vurder, .md-sidebar, .md-header, .md-search')].filter(visible).length,
              width, tables, clipped};
    }""")
    assert shown["after"] == []
    assert shown["chips"] == 0 and shown["form"] == 0
    assert shown["clipped"] == 0 and all(w <= shown["width"] + 1 for w in shown["tables"]), shown
    pdf = p.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert 1 <= _pdf_pages(pdf) <= 6, _pdf_pages(pdf)


def _pages(built_site: Path) -> list[str]:
    return sorted("/" + p.relative_to(built_site).parent.as_posix() + "/"
                  for p in built_site.rglob("index.html") if not p.relative_to(built_site).parts[0] in ("assets", "pagefind"))


AXE_GROUPS = 4
"""The walk is split in this many groups of pages, so parallel test workers (``pytest -n``) share
it; together the groups cover every page (:func:`_groups`)."""


def _groups(built_site: Path, pages: list[str], whole: set[str]) -> list[list[str]]:
    """The pages dealt into :data:`AXE_GROUPS` groups of about equal work: the heaviest first, each
    to the group with the least so far. A page's work is the number of elements axe looks at (its
    time follows them): the whole page's, or its article's. Every worker builds the same site, so
    every worker deals the same groups."""
    def work(path: str) -> int:
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if path not in whole and "<article" in html:
            html = html[html.index("<article"):html.rindex("</article>")]
        return html.count("<")
    groups: list[list[str]] = [[] for _ in range(AXE_GROUPS)]
    load = [0] * AXE_GROUPS
    for path in sorted(pages, key=lambda q: (-work(q), q)):
        least = load.index(min(load))
        groups[least].append(path)
        load[least] += work(path)
    return groups


def _whole_page_checked(pages: list[str]) -> set[str]:
    """The pages checked as a whole (header, menu, search, footer too): the first and the last of
    each folder (a folder's pages share a template; the menu opens at another place on each) and the
    BPA page with its form. The frame is the same template on every page, so on the rest only the
    page's own content (``.md-content``) is checked."""
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for path in pages:
        folder = path.strip("/").split("/")[0]
        first.setdefault(folder, path)
        last[folder] = path
    return set(first.values()) | set(last.values()) | {"/tjenester/bpa/"}


@pytest.mark.parametrize("group", range(AXE_GROUPS))
def test_every_page_has_no_axe_violation_at_1280_and_390_px_and_makes_no_outside_request(site, built_site, group):
    """axe-core (every rule, every impact) on every built page, at 1280 px and then, on the same load,
    at 390 px: the page's own content everywhere, the whole page with the frame on the first and last
    page of each folder and the BPA page; and no page asks any other host for anything while it loads
    and is checked (one walk over the site does both)."""
    base, browser = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    p = context.new_page()
    foreign: list[str] = []
    p.on("request", lambda r: foreign.append(r.url)
         if not r.url.startswith(base) and not r.url.startswith("data:") else None)
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    pages = _pages(built_site)
    assert len(pages) > 30
    whole = _whole_page_checked(pages)
    assert len(whole) >= 10 and "/tjenester/bpa/" in whole
    for path in _groups(built_site, pages, whole)[group]:
        p.set_viewport_size({"width": 1280, "height": 900})
        p.goto(base + path.replace("/./", "/"))
        p.wait_for_load_state("load")
        if p.locator(".kb-vurder").count():
            p.wait_for_selector(".kb-vurder[data-kb-klar]")
        p.evaluate(axe)
        # the theme's transitions off: a colour caught mid-fade (a loaded machine) is not what a reader sees
        p.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        scope = "document" if path in whole else "document.querySelector('.md-content')"
        for width in (1280, 390):
            if width != 1280:
                p.set_viewport_size({"width": width, "height": 900})
                # the theme answers the resize (its own listeners) before the second frame is drawn
                p.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            result = p.evaluate(f"() => axe.run({scope}, {{resultTypes: ['violations']}})")
            for v in result["violations"]:
                found.setdefault(v["id"], []).append((width, path, v["impact"], v["nodes"][0]["target"]))
    context.close()
    assert foreign == [], foreign
    assert found == {}, "; ".join(f"{k}: {len(v)} sider, f.eks. {v[0]}" for k, v in found.items())
