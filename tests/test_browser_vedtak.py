"""«Lag vedtaksutkast» (docs/javascripts/kb-vedtak.js) from «Saksgang (Oslo)» and from «Vurder en sak»:
with the keyboard alone the draft appears, takes the focus, can be copied, holds the parts an
enkeltvedtak must have built from the data, and nothing is sent elsewhere or stored."""

from __future__ import annotations

import datetime as dt

from kb.knowledge.loader import load_kb_or_raise
from kb.reading.schema import Lovhenvisning
from tests.conftest import DATA
from tests.procedure_cases import python_procedure

KB = load_kb_or_raise(DATA)
HEADING = "Veiledende utkast – saksbehandler avgjør"
PLACEHOLDER = "[Saksbehandlers vurdering og hovedhensyn: …]"
STORAGE = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"


def tab_to_text(page, text: str, limit: int = 800) -> None:
    """Press Tab until the focused element's text is ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab når aldri «{text}»")


def dotted(iso: str) -> str:
    return ".".join(reversed(iso.split("-")))


def open_draft_with_keyboard(page) -> str:
    tab_to_text(page, "Lag vedtaksutkast")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kb-vedtak h3")
    assert page.evaluate("() => document.activeElement.classList.contains('kb-vedtak')")
    return page.inner_text(".kb-vedtak")


def copy_with_keyboard(page) -> str:
    tab_to_text(page, "Kopier")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kb-vedtak__status').textContent.includes('kopiert')")
    return page.evaluate("navigator.clipboard.readText()")


def test_draft_from_saksgang_with_the_keyboard_alone(site_base, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    before = page.evaluate(STORAGE)
    prefix = "kb-saksgang-1-"
    page.focus("#" + prefix + "tjeneste")
    page.keyboard.type("Korttidsplass")
    page.keyboard.press("Tab")
    page.keyboard.type("Avslag")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == prefix + "vedtak_mottatt":
            break
    page.keyboard.type("04122026")
    page.wait_for_function("() => document.querySelector('[data-kb-svar=klagefrist] strong').textContent.includes('.')")
    shown = open_draft_with_keyboard(page)
    case = {"tjeneste": "korttidsplass", "sak": {"utfall": "avslag",
                                                 "vedtak_mottatt": page.input_value("#" + prefix + "vedtak_mottatt")}}
    want = python_procedure(case, KB)["ok"]
    t = KB.tjenester["korttidsplass"]
    assert HEADING in shown and PLACEHOLDER in shown
    assert "Avslag – " + t.navn in shown
    assert "Klagefrist: " + dotted(want["klagefrist"]) in shown
    assert "Klageinstans: " + want["klageinstans"] in shown
    assert f"{want['vedtaksmal']['id']} {want['vedtaksmal']['navn']}" in shown  # the Oslo template
    for ref in t.lovgrunnlag:  # lovgrunnlag from the data, each linked to Lovdata
        lov = KB.lover[ref.lov]
        assert page.locator(f".kb-vedtak a[href='{ref.lovdata_url(lov)}']").count() >= 1, ref
        assert ref.label(lov) in shown
    fvl18 = KB.lovtekster["fvl-18"]
    assert " ".join(fvl18.sitater[0].tekst.split()) in shown
    for pid in ("fvl-18", "fvl-27"):
        p = KB.lovtekster[pid]
        url = Lovhenvisning(lov=p.lov, paragraf=p.paragraf).lovdata_url(KB.lover[p.lov])
        assert page.locator(f".kb-vedtak a[href='{url}']").count() == 1, pid
    text = copy_with_keyboard(page)
    assert HEADING in text and PLACEHOLDER in text and dotted(want["klagefrist"]) in text
    assert hosts == {site_base.split("/")[2]}
    assert page.evaluate(STORAGE) == before
    context.close()


def test_draft_from_the_evaluator_form_with_the_keyboard_alone(site_base, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(site_base + "/tjenester/bpa/")
    page.wait_for_selector(".kb-vurder[data-kb-klar=ja]")
    before = page.evaluate(STORAGE)
    page.select_option("#kb-bpa-kommune", "gjovik")
    shown = open_draft_with_keyboard(page)
    t = KB.tjenester["bpa"]
    today = page.evaluate("() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1)"
                          ".padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }")
    want = python_procedure({"tjeneste": "bpa", "sak": {"vedtak_mottatt": today}}, KB)["ok"]
    assert want["klagefrist"] and dt.date.fromisoformat(want["klagefrist"]) > dt.date.fromisoformat(today)
    assert HEADING in shown and PLACEHOLDER in shown
    assert t.navn in shown and KB.kommuner["gjovik"].navn + " kommune" in shown
    assert "Klagefrist: " + dotted(want["klagefrist"]) in shown
    for ref in t.lovgrunnlag:
        assert ref.label(KB.lover[ref.lov]) in shown
    # the criteria applied, by their text, with short sources
    assert "Kriterier som er lagt til grunn" in shown
    assert "Kilde: Regionale kriterier" in shown
    assert "Oslo-mal" not in shown  # not an Oslo case
    text = copy_with_keyboard(page)
    assert HEADING in text and PLACEHOLDER in text and dotted(want["klagefrist"]) in text
    assert hosts == {site_base.split("/")[2]}
    assert page.evaluate(STORAGE) == before
    context.close()
