"""Search speed in headless Chromium: Material's built-in search and Pagefind, side by side.

For each engine and site size, one page is opened and these are measured in the page itself
(``performance.now()``, from a keydown to the moment the results for the whole query are on the page):

* the first search after the page has loaded, the word typed at once (it includes loading the index:
  Material's ``search_index.json`` and its worker, or Pagefind's script, WebAssembly and chunks),
  and the bytes the search fetched until its results were shown;
* later searches: the box emptied, then each word put in at once (one input event with the whole
  word, as when it is pasted or typed faster than the page reacts), timed from that input to its
  results on the page (``median_ms``, ``p95_ms``: the figure the goal is for; the search call, the
  excerpts and the list drawn); and the same word typed key by key as fast as the browser takes
  keys, timed from its last keystroke to its results (``siste_tast_median_ms``: the searches the
  page starts for the first letters on the way count here).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = ["sykehjem", "avlastning", "omsorgslønn", "509", "trygghetsalarm", "klagefrist", "dagsenter",
           "hjemmesykepleie", "forhåndsvarsel", "støttekontakt", "korttidsopphold", "egenandel"]

_WATCH = """([engine, query]) => {
  window.__tFirst = null; window.__tLast = null; window.__t1 = null;
  const term = query.toLowerCase();
  const done = engine === "pagefind"
    ? () => document.getElementById("kb-search-result").dataset.kbQuery === query
    : () => [...document.querySelectorAll(".md-search-result__item a")].some(
        a => decodeURIComponent(a.href).toLowerCase().includes("h=" + term));
  if (!window.__kbKey) {
    window.__kbKey = true;
    const mark = () => {
      if (window.__t1 !== null) return;
      const now = performance.now();
      if (window.__tFirst === null) window.__tFirst = now;
      window.__tLast = now;
    };
    document.addEventListener("keydown", mark, true);
    document.addEventListener("beforeinput", mark, true);
  }
  const check = () => { if (window.__t1 === null && window.__tFirst !== null && done()) window.__t1 = performance.now(); };
  if (window.__kbObserver) window.__kbObserver.disconnect();
  window.__kbObserver = new MutationObserver(check);
  window.__kbObserver.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

_SEARCH_FILES = ("/pagefind/", "/search/", "/workers/search", "/lunr/")


def _box(engine: str) -> str:
    return "input[data-kb-search]" if engine == "pagefind" else "input.md-search__input"


def _wait(page, timeout: float = 120_000) -> tuple[float, float]:
    """Milliseconds from the first and from the last keystroke of the word to its results."""
    page.wait_for_function("() => window.__t1 !== null", polling=20, timeout=timeout)
    return tuple(page.evaluate("[window.__t1 - window.__tFirst, window.__t1 - window.__tLast]"))


def _p(values: list[float], q: float) -> int:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))])


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
    first_ms, _ = _wait(page)
    first_kb = sum(fetched) / 1024
    at_once, typed = [], []
    for q in queries[1:]:
        for out, put in ((at_once, lambda: page.keyboard.insert_text(q)),
                         (typed, lambda: box.press_sequentially(q, delay=0))):
            box.fill("")
            page.wait_for_timeout(300)
            page.evaluate(_WATCH, [engine, q])
            put()
            out.append(_wait(page)[0 if out is at_once else 1])
    page.close()
    return {"forste_sok_ms": round(first_ms), "forste_sok_kb": round(first_kb),
            "median_ms": round(statistics.median(at_once)), "p95_ms": _p(at_once, 0.95),
            "siste_tast_median_ms": round(statistics.median(typed)), "sok": len(queries),
            "maling": "hele ordet satt inn på én gang, fra inndata til treffene vises på siden"}


def bench_search(sites: dict[tuple[str, int], Path]) -> list[dict]:
    """Time every (engine, factor) site in one Chromium."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium, serve
    rows = []
    with chromium() as browser:
        for (engine, factor), folder in sites.items():
            with serve(folder) as base:  # «grunnlinje»: the baseline's code, with Pagefind
                row = {"motor": engine, "faktor": factor,
                       **measure(browser, base, "material" if engine == "material" else "pagefind")}
            rows.append(row)
            print(f"  søk {engine:>8} {factor:>3}×: første {row['forste_sok_ms']} ms ({row['forste_sok_kb']} kB), "
                  f"deretter p50 {row['median_ms']} ms, p95 {row['p95_ms']} ms", flush=True)
    return rows
