"""Search speed in headless Chromium: Material's built-in search and Pagefind, side by side.

For each engine and site size, one page is opened and these are measured in the page itself
(``performance.now()``, from the keydown of a key to the moment the results for the whole query
are on the page):

* the first search after the page has loaded, typed at once (it includes loading the index:
  Material's ``search_index.json`` and its worker, or Pagefind's script, WebAssembly and chunks),
  and the bytes the search fetched until its results were shown;
* later searches: each query typed but for its last letter, then the last keystroke is timed.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = ["sykehjem", "avlastning", "omsorgslønn", "509", "trygghetsalarm", "klagefrist", "dagsenter",
           "hjemmesykepleie", "forhåndsvarsel", "støttekontakt", "korttidsopphold", "egenandel"]

_WATCH = """([engine, query]) => {
  window.__t0 = null; window.__t1 = null;
  const term = query.toLowerCase();
  const done = engine === "pagefind"
    ? () => document.getElementById("kb-search-result").dataset.kbQuery === query
    : () => [...document.querySelectorAll(".md-search-result__item a")].some(
        a => decodeURIComponent(a.href).toLowerCase().includes("h=" + term));
  if (!window.__kbKey) {
    window.__kbKey = true;
    document.addEventListener("keydown", () => { if (window.__t0 === null) window.__t0 = performance.now(); }, true);
  }
  const check = () => { if (window.__t1 === null && window.__t0 !== null && done()) window.__t1 = performance.now(); };
  if (window.__kbObserver) window.__kbObserver.disconnect();
  window.__kbObserver = new MutationObserver(check);
  window.__kbObserver.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

_SEARCH_FILES = ("/pagefind/", "/search/", "/workers/search", "/lunr/")


def _box(engine: str) -> str:
    return "input[data-kb-search]" if engine == "pagefind" else "input.md-search__input"


def _wait(page, timeout: float = 120_000) -> float:
    page.wait_for_function("() => window.__t1 !== null", polling=20, timeout=timeout)
    return page.evaluate("window.__t1 - window.__t0")


def measure(browser, base: str, engine: str, queries: list[str] = QUERIES) -> dict:
    """First search (ms, kB fetched for it) and later searches (p50, p95 in ms) for one site."""
    page = browser.new_page()
    fetched: list[int] = []

    def count(request):
        if any(part in request.url for part in _SEARCH_FILES):
            sizes = request.sizes()
            fetched.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", count)
    page.goto(base + "/")
    box = page.locator(_box(engine))
    page.evaluate(_WATCH, [engine, queries[0]])
    box.click()
    box.press_sequentially(queries[0], delay=0)
    first_ms = _wait(page)
    first_kb = sum(fetched) / 1024
    later = []
    for q in queries[1:]:
        box.fill("")
        box.press_sequentially(q[:-1], delay=0)
        page.wait_for_timeout(400)
        page.evaluate(_WATCH, [engine, q])
        page.keyboard.press(q[-1])
        later.append(_wait(page))
    page.close()
    later.sort()
    return {"forste_sok_ms": round(first_ms), "forste_sok_kb": round(first_kb),
            "median_ms": round(statistics.median(later)),
            "p95_ms": round(later[min(len(later) - 1, int(0.95 * len(later)))]), "sok": len(queries)}


def bench_search(sites: dict[tuple[str, int], Path]) -> list[dict]:
    """Time every (engine, factor) site in one Chromium."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium, serve
    rows = []
    with chromium() as browser:
        for (engine, factor), folder in sites.items():
            with serve(folder) as base:
                row = {"motor": engine, "faktor": factor, **measure(browser, base, engine)}
            rows.append(row)
            print(f"  søk {engine:>8} {factor:>3}×: første {row['forste_sok_ms']} ms ({row['forste_sok_kb']} kB), "
                  f"deretter p50 {row['median_ms']} ms, p95 {row['p95_ms']} ms", flush=True)
    return rows
