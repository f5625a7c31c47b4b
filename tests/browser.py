"""Helpers for the browser tests: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (no browser download)."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search(page, base: str, query: str, timeout: float = 10_000) -> list[str]:
    """Type ``query`` into Material's built-in search (the offline build, ``KB_SEARCH=material``) like a
    person and return the result links (in order)."""
    page.goto(base + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=timeout)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")


def kb_search(page, query: str, timeout: float = 10_000) -> list[str]:
    """Type ``query`` into the site's Pagefind search box on the current page and return the
    result links (``data-kb-result``, in rank order) once the results for it are shown."""
    box = page.locator("input[data-kb-search]")
    box.click()
    box.fill(query)
    page.wait_for_function("q => document.getElementById('kb-search-result').dataset.kbQuery === q",
                           arg=query.strip(), timeout=timeout)
    return page.eval_on_selector_all("a[data-kb-result]", "els => els.map(e => e.getAttribute('href'))")
