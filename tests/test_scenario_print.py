"""Printing a scenario page in a real headless Chromium (``page.pdf``), text read back with pypdf:
the browser's own print and «Skriv ut del 1» give del 1 alone (for handing out); «Skriv ut med
løsning» gives del 2 as well, and the page is as before once printing is over."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader


PAGES = {
    "03-bpa-og-retten-til-bpa": ("Opplysninger i saken", "Hvor mange timer hjelp i uken"),
    "06-parorendestotte-avlastning-eller-omsorgsstonad": ("Opplysninger i saken", "Kjell"),
    "09-utsatt-iverksettelse-og-klage": ("Når mottok bruker vedtaket?", "torsdag 8. april 2027"),
}
DEL_1 = ("Del 1: Casen", "Diskusjonsoppgaver", "Hva om?")
DEL_2 = ("Del 2: Forslag til løsning", "Oppsummering.", "Veiledende.")
NEVER = ("Skriv ut del 1", "Skriv ut med løsning", "Prøv selv", "Saken som fil", "assert ", "vurdering\n")




def pdf_text(p) -> str:
    """Print the page to PDF as Chromium does and return the PDF's text, whitespace normalised."""
    reader = PdfReader(io.BytesIO(p.pdf(format="A4")))
    return " ".join(" ".join(pg.extract_text() or "" for pg in reader.pages).split())


def stub_print(p) -> None:
    """Count calls to ``window.print`` instead of opening the print dialog (headless has none)."""
    p.evaluate("() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }")


def assert_del_1_only(text: str, facts: tuple[str, ...]) -> None:
    for words in DEL_1 + facts:
        assert words in text, words
    for words in DEL_2 + NEVER + ("Evaluatorens svar", "Rutinens svar"):
        assert words not in text, words


@pytest.mark.parametrize("name", PAGES)
def test_the_browsers_own_print_gives_del_1_alone(page, name):
    base, p = page
    p.goto(f"{base}/e-laering/{name}/")
    assert p.locator("details.kb-del2").get_attribute("open") is None
    assert_del_1_only(pdf_text(p), PAGES[name])


@pytest.mark.parametrize("name", PAGES)
def test_skriv_ut_del_1_prints_the_case_and_the_tasks(page, name):
    base, p = page
    p.goto(f"{base}/e-laering/{name}/")
    stub_print(p)
    p.get_by_role("button", name="Skriv ut del 1").click()
    assert p.evaluate("window.__prints") == 1
    assert_del_1_only(pdf_text(p), PAGES[name])


@pytest.mark.parametrize("name", PAGES)
def test_skriv_ut_med_losning_prints_del_2_and_then_closes_it(page, name):
    base, p = page
    p.goto(f"{base}/e-laering/{name}/")
    stub_print(p)
    p.get_by_role("button", name="Skriv ut med løsning").click()
    assert p.evaluate("window.__prints") == 1
    assert p.locator("details.kb-del2").get_attribute("open") is not None
    text = pdf_text(p)
    for words in DEL_1 + DEL_2 + PAGES[name]:
        assert words in text, words
    assert ("Evaluatorens svar" in text) or ("Rutinens svar" in text)
    for words in NEVER:
        assert words not in text, words
    p.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert p.locator("details.kb-del2").get_attribute("open") is None
    assert p.evaluate("document.documentElement.classList.contains('kb-med-losning')") is False
    assert_del_1_only(pdf_text(p), PAGES[name])


def test_print_leaves_out_the_navigation_and_works_after_instant_navigation(page):
    base, p = page
    p.goto(f"{base}/e-laering/")
    p.locator(".md-content a[href*='03-bpa-og-retten-til-bpa']").first.click()
    p.wait_for_url("**/03-bpa-og-retten-til-bpa/")
    p.wait_for_selector("button[data-kb-skriv-ut]")
    stub_print(p)
    p.get_by_role("button", name="Skriv ut med løsning").click()
    assert p.evaluate("window.__prints") == 1
    p.emulate_media(media="print")
    assert p.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    assert p.locator("details.kb-del2").evaluate("e => getComputedStyle(e).display") == "block"
    assert p.get_by_text("Når kommunen har vurdert kostnadene").is_visible()
    p.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert p.locator("details.kb-del2").evaluate("e => getComputedStyle(e).display") == "none"


def test_the_solution_is_closed_on_screen_and_opens_for_the_group(page):
    base, p = page
    p.goto(f"{base}/e-laering/03-bpa-og-retten-til-bpa/")
    box = p.locator(".kb-svar").first
    assert not box.is_visible()
    p.get_by_text("Del 2: Forslag til løsning").click()
    assert box.is_visible()
    assert "Evaluatorens svar" in box.inner_text() and "Veiledende." in box.inner_text()
    link = box.locator("a.kb-prov-selv")
    assert "/tjenester/bpa/#sak=" in link.get_attribute("href")
    sak = p.evaluate("h => JSON.parse(decodeURIComponent(h.split('#sak=')[1]))", link.get_attribute("href"))
    assert sak == {"tjeneste": "bpa", "kommune": "gjovik",
                   "opplysninger": {"alder": 34, "timer_per_uke": 28, "varighet_ar": 10}}


@pytest.mark.parametrize("name", ["03-bpa-og-retten-til-bpa", "09-utsatt-iverksettelse-og-klage"])
def test_the_open_solution_has_no_serious_accessibility_violations(page, name):
    from axe_playwright_python.sync_playwright import Axe
    base, p = page
    p.goto(f"{base}/e-laering/{name}/")
    p.evaluate("() => document.querySelectorAll('details').forEach(d => d.setAttribute('open', ''))")
    results = Axe().run(p)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
