"""The «Saksgang (Oslo)» form: on the routine's start page and rules page, used with the keyboard
alone, it shows the answers of ``kb procedure`` with the rule behind each, marked veiledende, and
sends nothing anywhere."""

from __future__ import annotations

from kb.knowledge.loader import load_kb_or_raise
from tests.conftest import DATA
from tests.procedure_cases import python_procedure

KB = load_kb_or_raise(DATA)


def tab_to(page, element_id: str, limit: int = 600) -> None:
    """Press Tab until the element with ``element_id`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab når aldri #{element_id}")


def test_the_form_with_the_keyboard_alone(site_base, browser):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(site_base + "/oslo/regler/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    storage = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    before = page.evaluate(storage)  # the theme's own state; the form adds nothing
    prefix = "kb-saksgang-1-"
    tab_to(page, prefix + "tjeneste")
    page.keyboard.type("Korttidsplass")  # a select chooses the option whose label starts so
    tab_to(page, prefix + "utfall")
    page.keyboard.type("Avslag")
    tab_to(page, prefix + "forventet_saksbehandlingstid_dager")
    page.keyboard.type("20")
    tab_to(page, prefix + "vedtak_mottatt")
    page.keyboard.type("04122026")  # dd.mm.yyyy in the date field
    page.wait_for_function("() => document.querySelector('[data-kb-svar=klagefrist] strong')"
                           " && document.querySelector('[data-kb-svar=klagefrist] strong').textContent.includes('.')")
    case = {"tjeneste": "korttidsplass", "sak": {"utfall": "avslag", "forventet_saksbehandlingstid_dager": 20,
                                                   "vedtak_mottatt": page.input_value("#" + prefix + "vedtak_mottatt")}}
    want = python_procedure(case, KB)["ok"]
    shown = {q: page.inner_text(f"[data-kb-svar={q}]") for q in ("enkeltvedtak_kreves", "vedtaksmal", "klagefrist",
                                                                  "forvaltningsmelding_kreves", "klageinstans")}
    assert shown["enkeltvedtak_kreves"].startswith("ja") and shown["forvaltningsmelding_kreves"].startswith("ja")
    assert shown["vedtaksmal"].startswith(f"{want['vedtaksmal']['id']} {want['vedtaksmal']['navn']}")
    assert shown["klagefrist"].startswith(".".join(reversed(want["klagefrist"].split("-"))))
    assert shown["klageinstans"].startswith(want["klageinstans"])
    for b in want["begrunnelse"]:
        assert b["forklaring"] in page.inner_text(f"[data-kb-svar={b['svar']}]")
    href = page.get_attribute("[data-kb-svar=vedtaksmal] a", "href")
    assert href.endswith(f"maler/#mal-{want['vedtaksmal']['id']}")
    assert "Veiledende" in page.inner_text(".kb-saksgang__svar")
    assert hosts == {site_base.split("/")[2]}
    assert page.evaluate(storage) == before
    context.close()


def test_the_start_page_has_the_form(site_base, browser):
    page = browser.new_page()
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    assert page.locator(".kb-saksgang select").count() >= 5
    assert "ukjent" in page.inner_text("[data-kb-svar=klagefrist]")  # nothing entered: no date
    page.close()
