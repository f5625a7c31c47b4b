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
        if b["svar"] == "forhandsvarsel_kreves":  # a new application: the form says «gjelder ikke», not «oppgi endring»
            assert want["forhandsvarsel_kreves"] is None and b["mangler"] == ["endring"]
            assert page.inner_text("[data-kb-svar=forhandsvarsel_kreves] strong") == "gjelder ikke"
            continue
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


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3].split("#")[0]


def test_a_new_application_shows_gjelder_ikke_and_an_avslag_no_fee(site_base, browser):
    page = browser.new_page()
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    prefix = "kb-saksgang-1-"
    assert "ukjent" in page.inner_text("[data-kb-svar=forhandsvarsel_kreves] strong")  # nothing entered yet
    page.select_option("#" + prefix + "tjeneste", "korttidsplass")
    page.select_option("#" + prefix + "utfall", "avslag")
    page.wait_for_function("() => document.querySelector('[data-kb-svar=forhandsvarsel_kreves] strong')"
                           ".textContent === 'gjelder ikke'")
    endring = page.eval_on_selector("#" + prefix + "endring", "s => s.options[s.selectedIndex].textContent")
    assert endring.startswith("gjelder ikke")
    assert "Egenandel" not in page.inner_text("[data-kb-svar=vedtaksmal]")  # an avslag's template has no fee
    # a change is not a new application: then forhåndsvarsel is asked, not «gjelder ikke»
    page.select_option("#" + prefix + "endring", "reduksjon")
    page.wait_for_function("() => document.querySelector('[data-kb-svar=forhandsvarsel_kreves] strong')"
                           ".textContent !== 'gjelder ikke'")
    # every «se hvorfor» is a link to a rule anchor that exists on the rules page
    page.select_option("#" + prefix + "endring", "")
    page.select_option("#" + prefix + "utfall", "")
    page.wait_for_selector(".kb-saksgang__hvorfor")
    hrefs = page.eval_on_selector_all(".kb-saksgang__hvorfor", "els => els.map(a => a.href)")
    assert len(hrefs) >= 2
    for href in hrefs:
        assert "#regel-" in href or "#mal-" in href or href.endswith("/maler/"), href
        anchor = href.split("#")[1] if "#" in href else None
        other = browser.new_page()
        other.goto(href)
        if anchor:
            assert other.locator(f"[id='{anchor}']").count() == 1, href
        other.close()
    page.close()


def test_numbers_out_of_bounds_are_refused_like_the_cli(site_base, browser):
    page = browser.new_page()
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    prefix = "kb-saksgang-1-"
    felter = {f.felt: f for f in KB.oslo.saksfelter.values()}
    for name in ("forventet_varighet_dager", "forventet_saksbehandlingstid_dager"):
        assert felter[name].max is not None
        assert page.get_attribute("#" + prefix + name, "max") == str(felter[name].max)
        for value in (1_000_000_000, felter[name].max + 1):
            page.fill("#" + prefix + name, str(value))
            page.wait_for_selector(".kb-saksgang__feil")
            want = python_procedure({"sak": {name: value}}, KB)["error"]
            assert page.inner_text(".kb-saksgang__feil") == want
            assert str(felter[name].max) in want
            assert page.get_attribute("#" + prefix + name, "aria-invalid") == "true"
        page.fill("#" + prefix + name, str(felter[name].max))  # the bound itself is fine
        page.wait_for_selector(".kb-saksgang__svar dl")
        assert "ok" in python_procedure({"sak": {name: felter[name].max}}, KB)
        page.fill("#" + prefix + name, "")
    page.close()


def test_the_form_fits_390_px(site_base, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    page.select_option("#kb-saksgang-1-tjeneste", "dagaktivitet-funksjonsnedsettelse")
    page.select_option("#kb-saksgang-1-utfall", "utsatt_iverksettelse_avslag")
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.querySelector('.kb-saksgang').getBoundingClientRect().right") <= 390
    context.close()


def test_copy_button_copies_the_answers(site_base, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_base + "/oslo/")
    page.wait_for_selector(".kb-saksgang__svar dl")
    page.select_option("#kb-saksgang-1-tjeneste", "korttidsplass")
    page.select_option("#kb-saksgang-1-utfall", "avslag")
    page.fill("#kb-saksgang-1-vedtak_mottatt", "2026-12-04")
    page.wait_for_function("() => document.querySelector('[data-kb-svar=klagefrist] strong').textContent.includes('.')")
    page.click("text=Kopier svarene")
    page.wait_for_function("() => document.querySelector('.kb-saksgang__status').textContent.includes('kopiert')")
    text = page.evaluate("navigator.clipboard.readText()")
    want = python_procedure({"tjeneste": "korttidsplass", "sak": {"utfall": "avslag", "vedtak_mottatt": "2026-12-04"}},
                            KB)["ok"]
    assert ".".join(reversed(want["klagefrist"].split("-"))) in text
    assert f"{want['vedtaksmal']['id']} {want['vedtaksmal']['navn']}" in text
    assert "Korttidsplass" in text and "veiledende" in text
    context.close()


def test_prov_selv_on_oslo_e_learning_cases_opens_saksgang_prefilled(site_base, browser):
    page = browser.new_page()
    for case in ("01-henvendelse-eller-soknad", "08-reduksjon-og-forhandsvarsel", "09-utsatt-iverksettelse-og-klage"):
        page.goto(f"{site_base}/e-laering/{case}/")
        links = page.eval_on_selector_all(".kb-svar a.kb-prov-selv", "els => els.map(a => a.href)")
        boxes = page.locator(".kb-svar").count()
        assert links and len(links) == boxes, (case, len(links), boxes)
        for href in links:
            assert _path(href) == "/oslo/", href
            import json
            from urllib.parse import unquote
            linked = json.loads(unquote(href.split("#sak=")[1]))
            page.goto("about:blank")  # as from the e-learning page: a new page load
            page.goto(href)
            page.wait_for_selector(".kb-saksgang__svar dl")
            assert "fylt ut fra lenken" in page.inner_text(".kb-saksgang__lenke")
            assert "Ikke brukt" not in page.inner_text(".kb-saksgang__lenke")
            assert page.input_value("#kb-saksgang-1-tjeneste") == linked.get("tjeneste", "")
            for name, value in linked["sak"].items():
                shown = page.input_value(f"#kb-saksgang-1-{name}")
                assert shown == ({True: "ja", False: "nei"}.get(value, str(value)) if not isinstance(value, int)
                                 or isinstance(value, bool) else str(value)), (name, value, shown)
            want = python_procedure(linked, KB)["ok"]
            if want["klagefrist"]:
                page.wait_for_function("d => document.querySelector('[data-kb-svar=klagefrist] strong').textContent === d",
                                       arg=".".join(reversed(want["klagefrist"].split("-"))))
    page.close()


def test_search_finds_the_form_page(site_base, browser):
    from tests.browser import kb_search
    page = browser.new_page()
    page.goto(site_base + "/")
    for query in ("beregn klagefrist", "klagefrist dato"):
        hits = [_path(site_base + "/" + h.lstrip("/")) if not h.startswith("http") else _path(h)
                for h in kb_search(page, query)]
        assert hits and hits[0] == "/oslo/", (query, hits[:5])
    page.close()
