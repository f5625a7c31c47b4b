"""Screenshot review at a desktop (1280 px) and a phone width (390 px): the start page, a service page,
the template catalogue and the overview. Screenshots go to ``$KB_SCREENSHOTS`` (or a temporary folder)
to be looked at; the test checks that nothing spills out sideways: the page never scrolls
horizontally, a table that does not fit scrolls inside its own box, and at 1280 px the wide tables of
the overview and the catalogue fit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PAGES = {"forside": "/", "tjeneste-bpa": "/tjenester/bpa/", "malkatalog": "/oslo/maler/", "oversikt": "/oversikt/"}
MUST_FIT_AT_1280 = {"malkatalog", "oversikt"}

_TABLES = """() => [...document.querySelectorAll('.md-content table')].map(t => {
  const wrap = t.closest('.md-typeset__scrollwrap');
  const article = t.closest('.md-content').getBoundingClientRect();
  const box = (wrap || t).getBoundingClientRect();
  return {wrapped: !!wrap, scroll: wrap ? getComputedStyle(wrap).overflowX : '',
          fits: wrap ? wrap.scrollWidth <= wrap.clientWidth + 1 : true,
          inside: box.left >= article.left - 1 && box.right <= article.right + 1};
})"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("KB_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_their_width(site_base, browser, shots, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()
    try:
        for name, path in PAGES.items():
            page.goto(site_base + path)
            target = shots / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000, target
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            tables = page.evaluate(_TABLES)
            assert tables, name
            for t in tables:
                assert t["wrapped"] and t["scroll"] == "auto", (name, width, t)
                assert t["inside"], (name, width, t)
                if width == 1280 and name in MUST_FIT_AT_1280:
                    assert t["fits"], (name, width, t)
    finally:
        context.close()
