"""«Vurder en sak» on the service pages, as a caseworker uses it: generated from the facts, the
result updates while typing and equals ``kb.evaluate``, keyboard only, a journal note, a link
that fills the form, nothing sent or stored, axe, 390 px, and the offline build from file://."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from kb.knowledge.loader import load_kb_or_raise
from kb.site.pages.common import facts_for
from tests.conftest import DATA

KB = load_kb_or_raise(DATA)
READY = ".kb-vurder[data-kb-klar=ja]"
FORM_RESULT = "() => document.querySelector('.kb-vurder').kbForm.last.json"

# Count every write to browser storage or cookies, and every network API call, from the start.
SPY = """(() => {
  const log = globalThis.__kbSpy = [];
  for (const name of ['setItem', 'removeItem', 'clear']) {
    const original = Storage.prototype[name];
    Storage.prototype[name] = function (...a) { log.push('storage.' + name); return original.apply(this, a); };
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', { get() { return cookie.get.call(document); },
    set(v) { log.push('cookie'); cookie.set.call(document, v); } });
  const fetch = globalThis.fetch;
  globalThis.fetch = function (...a) { log.push('fetch'); return fetch.apply(this, a); };
  navigator.sendBeacon = () => { log.push('beacon'); return false; };
})();"""


@pytest.fixture
def page(site_base, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    context.add_init_script(SPY)
    p = context.new_page()
    yield site_base, p
    context.close()


def open_form(p, url: str):
    p.goto(url)
    p.wait_for_selector(READY)
    return p.locator(".kb-vurder")


FORM_SHAPE = """() => { const f = document.querySelector('.kb-vurder');
  return {names: [...f.querySelectorAll('.kb-felt[data-fakta]')].map(e => e.dataset.fakta),
          choices: [...f.querySelectorAll('fieldset.kb-janei')].map(g => [...g.querySelectorAll('label')].map(l => l.textContent.trim())),
          kinds: [...f.querySelectorAll('.kb-felt[data-fakta]')].map(e => e.matches('fieldset') ? 'ja_nei' : 'tall'),
          kommuner: f.querySelectorAll('select option').length, result: f.querySelector('.kb-resultat').textContent}; }"""


def test_every_service_page_has_a_form_for_its_facts(page):
    base, p = page
    for sid, t in KB.tjenester.items():
        open_form(p, f"{base}/tjenester/{sid}/")
        shape = p.evaluate(FORM_SHAPE)
        facts = facts_for(KB, t)
        assert shape["names"] == [f.navn for f in facts], sid
        assert shape["kinds"] == ["ja_nei" if f.type == "ja_nei" else "tall" for f in facts], sid
        assert all(c == ["Ja", "Nei", "Ikke kartlagt"] for c in shape["choices"]), sid
        covering = next(s for s in KB.kriteriesett.values() if sid in KB.tjenester_per_sett()[s.id])
        assert shape["kommuner"] == len(covering.kommuner) + 1  # the set's municipalities and «Ikke valgt»
        assert "Veiledende" in shape["result"] and "De regionale kriteriene (veiledende): " in shape["result"], sid


def test_result_updates_while_typing_and_equals_the_engine(page):
    base, p = page
    form = open_form(p, f"{base}/tjenester/bpa/")
    p.fill("#kb-bpa-dato", "2026-06-01")
    p.locator("#kb-bpa-alder").press_sequentially("70")
    p.locator("#kb-bpa-timer_per_uke").press_sequentially("40")
    p.locator("#kb-bpa-varighet_ar").press_sequentially("3,5")
    p.locator("fieldset[data-fakta=kan_vaere_arbeidsleder] input[value=true]").check()
    p.select_option("#kb-bpa-kommune", "gjovik")
    text = form.locator(".kb-resultat").inner_text()
    # at 70 the law's right depends on BPA granted before 67: asked, not guessed
    assert "De regionale kriteriene (veiledende): Oppfylt" in text
    assert "Rett etter pasient- og brukerrettighetsloven § 2-1 d: Uavklart" in text
    # the law's answer first
    assert text.index("Rett etter pasient-") < text.index("De regionale kriteriene (veiledende)")
    assert "Fikk søker innvilget BPA før fylte 67 år?" in text
    p.locator("fieldset[data-fakta=bpa_innvilget_for_67] input[value=false]").check()
    text = form.locator(".kb-resultat").inner_text()
    assert "Rett etter pasient- og brukerrettighetsloven § 2-1 d: Nei – alder 70 år, grensen er under 67 år" in text
    # no green «Oppfylt» under a red «Nei»: the guidance's answer is shown without colour
    assert form.locator(".kb-utfall").get_attribute("class") == "kb-utfall kb-utfall--dempet"
    assert "Avvik fra loven: Loven gir rett også etter fylte 67 år" in text
    assert "vurderes av saksbehandler" in text
    sak = {"tjeneste": "bpa", "kommune": "gjovik", "vurderingsdato": "2026-06-01",
           "opplysninger": {"alder": 70, "timer_per_uke": 40, "varighet_ar": 3.5, "kan_vaere_arbeidsleder": True,
                            "bpa_innvilget_for_67": False}}
    assert p.evaluate(FORM_RESULT) == p.evaluate("s => kb.evaluate(s)", sak)
    p.locator("fieldset[data-fakta=bpa_innvilget_for_67] input[value=true]").check()
    assert "Rett etter pasient- og brukerrettighetsloven § 2-1 d: Ja" in form.locator(".kb-resultat").inner_text()
    p.fill("#kb-bpa-alder", "200")
    assert "Må være mellom 0 og 130 år" in form.inner_text()
    assert p.get_attribute("#kb-bpa-alder", "aria-invalid") == "true"
    # an invalid field: no result at all (not the last one), only what to fix
    result = form.locator(".kb-resultat").inner_text()
    assert "Rett etter" not in result and "Oppfylt" not in result and "Ingen vurdering" in result


def test_keyboard_alone_and_the_journal_note(page, kb):
    base, p = page
    p.context.grant_permissions(["clipboard-read", "clipboard-write"])
    form = open_form(p, f"{base}/tjenester/bpa/")
    p.focus("#kb-bpa-kommune")
    p.keyboard.press("ArrowDown")  # the first municipality
    for _ in range(10):  # past the date's parts to the age
        p.keyboard.press("Tab")
        if p.evaluate("() => document.activeElement.id") == "kb-bpa-alder":
            break
    p.keyboard.type("45")
    p.keyboard.press("Tab")  # into the yes/no group, where the arrows choose
    p.keyboard.press("ArrowRight")  # from «Ikke kartlagt» (checked) round to «Ja»
    assert p.is_checked("fieldset[data-fakta=kan_vaere_arbeidsleder] input[value=true]")
    assert p.input_value("#kb-bpa-kommune") == "gjovik"
    # what the form sends is the first municipality, age 45 and «Ja»: the engine's answer for that case
    from kb.criteria.evaluate import evaluate
    sent = {"tjeneste": "bpa", "kommune": "gjovik", "opplysninger": {"alder": 45, "kan_vaere_arbeidsleder": True}}
    assert p.evaluate(FORM_RESULT)["mangler"] == evaluate(sent, kb).mangler
    for _ in range(20):
        p.keyboard.press("Tab")
        if p.evaluate("() => document.activeElement.textContent") == "Kopier som journalnotat":
            break
    p.keyboard.press("Enter")
    p.wait_for_selector(".kb-kopistatus:has-text('kopiert')")
    note = p.evaluate("() => navigator.clipboard.readText()")
    for needle in ("Tjeneste: Brukerstyrt personlig assistanse (BPA)", "Kommune: Gjøvik", "alder 45 år",
                   "kan være arbeidsleder: ja", "Rett etter pasient- og brukerrettighetsloven § 2-1 d: Uavklart",
                   "De regionale kriteriene (veiledende): Oppfylt", "Ikke avklart: ",
                   "Hvor mange timer hjelp i uken", "Regionale kriterier, BPA › Kriterier",
                   "Veiledende – saksbehandler avgjør"):
        assert needle in note, needle
    assert note.index("Rett etter") < note.index("De regionale kriteriene")
    assert_plain(note)


def test_a_link_fills_the_form_and_carries_no_personal_data(page):
    base, p = page
    p.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sak = {"tjeneste": "stottekontakt", "kommune": "gran", "vurderingsdato": "2026-03-01",
           "opplysninger": {"alder": 12}, "navn": "Kari Fiktiv"}
    form = open_form(p, f"{base}/tjenester/stottekontakt/#sak=" + urllib.parse.quote(json.dumps(sak)))
    assert p.input_value("#kb-stottekontakt-alder") == "12"
    assert p.input_value("#kb-stottekontakt-kommune") == "gran"
    assert p.input_value("#kb-stottekontakt-dato") == "01.03.2026"  # dd.mm.åååå, one field
    del sak["navn"]
    assert p.evaluate(FORM_RESULT) == p.evaluate("s => kb.evaluate(s)", sak)
    assert "Skjemaet er delvis fylt ut fra lenken" in form.inner_text()  # «navn» was left out, and it says so
    assert "Skjemaet er fylt ut fra lenken" not in form.inner_text()
    form.get_by_role("button", name="Kopier som journalnotat").click()
    p.wait_for_selector(".kb-kopistatus:has-text('kopiert')")
    assert "Kari" not in p.evaluate("() => navigator.clipboard.readText()")


def test_nothing_is_sent_or_stored_while_evaluating(page):
    base, p = page
    p.context.grant_permissions(["clipboard-read", "clipboard-write"])
    form = open_form(p, f"{base}/tjenester/langtidsopphold/")
    p.wait_for_load_state("networkidle")
    requests: list[str] = []
    p.on("request", lambda r: requests.append(r.url))
    p.evaluate("() => { globalThis.__kbSpy.length = 0; }")
    for field in form.locator(".kb-tall input").all():
        field.press_sequentially("80")
    for group in form.locator("fieldset.kb-janei").all():
        group.locator("input[value=false]").check()
    p.select_option("#kb-langtidsopphold-kommune", "gran")
    form.get_by_role("button", name="Kopier som journalnotat").click()
    form.get_by_role("button", name="Tøm skjemaet").click()
    assert requests == []
    assert p.evaluate("() => globalThis.__kbSpy") == []


@pytest.mark.parametrize("width", [1280, 390])
def test_form_is_accessible_and_fits(page, width, tmp_path_factory):
    from axe_playwright_python.sync_playwright import Axe
    base, p = page
    p.set_viewport_size({"width": width, "height": 900})
    form = open_form(p, f"{base}/tjenester/omsorgsstonad/")
    form.locator(".kb-tall input").first.press_sequentially("10")
    form.locator("fieldset.kb-janei input[value=true]").first.check()
    form.locator("details.kb-skjonnliste summary").click()
    results = Axe().run(p, context=".kb-vurder")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert p.evaluate("() => document.documentElement.scrollWidth") <= width
    assert form.evaluate("e => e.scrollWidth <= e.clientWidth")
    shots = tmp_path_factory.mktemp("screenshots")
    form.screenshot(path=str(shots / f"vurder-{width}.png"))


def test_offline_build_form_works_from_the_file_system(browser, offline_site):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_site / "tjenester" / "bpa.html").as_uri())
    page.wait_for_selector(READY)
    page.locator("#kb-bpa-alder").press_sequentially("70")
    text = page.locator(".kb-resultat").inner_text()
    assert "Rett etter pasient- og brukerrettighetsloven § 2-1 d: Uavklart" in text
    assert "Fikk søker innvilget BPA før fylte 67 år?" in text
    answer = page.evaluate("() => kb.evaluate({tjeneste: 'barnekoordinator', opplysninger: {venter_barn: true}})")
    assert answer["tjeneste"] == "barnekoordinator"
    page.close()
    assert [r for r in requests if not r.startswith(("file:", "data:"))] == []


def test_a_scenarios_try_it_link_opens_the_filled_form(page):
    """«Prøv selv» on a scenario page opens its service's form filled in with the page's case."""
    base, p = page
    p.goto(f"{base}/e-laering/03-bpa-og-retten-til-bpa/")
    href = p.locator("a[href*='#sak=']").first.get_attribute("href")
    sak = json.loads(urllib.parse.unquote(href.split("#sak=", 1)[1]))
    p.goto(urllib.parse.urljoin(p.url, href))
    p.wait_for_selector(READY)
    assert "fylt ut fra lenken" in p.locator(".kb-vurder").inner_text()
    assert p.evaluate(FORM_RESULT) == p.evaluate("s => kb.evaluate(s)", sak)


ORDINARY_BPA = {"tjeneste": "bpa", "kommune": "gran", "vurderingsdato": "2026-06-01",
                "opplysninger": {"alder": 45, "timer_per_uke": 40, "varighet_ar": 3, "kan_vaere_arbeidsleder": True,
                                 "vesentlig_okt_kostnad_dokumentert": False}}


def assert_plain(text: str) -> None:
    """No fact name, criterion id, raw enum or ISO date in text a person reads."""
    from tests.plain_words import ids_in
    assert ids_in(text, KB) == [], text


def test_journal_note_of_an_ordinary_bpa_case_is_short_and_plain(page):
    """The journal note a caseworker pastes: about 1,000 characters, the law's answer first,
    skjønn criteria and avvik by name, short sources, no ids or ISO dates."""
    base, p = page
    p.context.grant_permissions(["clipboard-read", "clipboard-write"])
    form = open_form(p, f"{base}/tjenester/bpa/#sak=" + urllib.parse.quote(json.dumps(ORDINARY_BPA)))
    result = form.locator(".kb-resultat").inner_text()
    assert result.index("Rett etter pasient- og brukerrettighetsloven § 2-1 d: Ja") < result.index(
        "De regionale kriteriene (veiledende): Oppfylt")
    assert_plain(result)
    form.get_by_role("button", name="Kopier som journalnotat").click()
    p.wait_for_selector(".kb-kopistatus:has-text('kopiert')")
    note = p.evaluate("() => navigator.clipboard.readText()")
    assert 600 <= len(note) <= 1300, (len(note), note)
    lines = note.splitlines()
    assert lines[0] == "Vurdering etter tildelingskriteriene 01.06.2026"
    assert lines[3].startswith("Rett etter pasient- og brukerrettighetsloven § 2-1 d: Ja")
    for needle in ("Kommune: Gran", "alder 45 år", "hjelpebehov 40 timer per uke", "varighet 3 år",
                   "vesentlig økt kostnad dokumentert: nei", "Skjønn (saksbehandler vurderer): Omfattende og varig behov",
                   "Avvik fra loven (loven går foran): ", "Kilder: ", "pasient- og brukerrettighetsloven § 2-1 d",
                   "Veiledende – saksbehandler avgjør."):
        assert needle in note, needle
    assert "linje" not in note and "›  ›" not in note
    assert_plain(note)


def test_the_unntak_line_names_the_criterion_by_its_title(page):
    base, p = page
    sak = {"tjeneste": "psykisk-helse-og-rus", "kommune": "gran", "vurderingsdato": "2026-06-01", "opplysninger": {}}
    form = open_form(p, f"{base}/tjenester/psykisk-helse-og-rus/#sak=" + urllib.parse.quote(json.dumps(sak)))
    text = form.locator(".kb-resultat").inner_text()
    assert "Gjelder ikke i denne saken: «" in text and "»: Gjelder ikke for Gran kommune" in text
    assert_plain(text)


def test_a_link_reads_what_the_engine_reads_and_says_what_it_dropped(page):
    base, p = page
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    good = {"tjeneste": "bpa", "kommune": "Gjøvik", "vurderingsdato": "2026-06-01",
            "opplysninger": {"alder": 45, "kan_vaere_arbeidsleder": "ja"}}
    form = open_form(p, f"{base}/tjenester/bpa/#sak=" + urllib.parse.quote(json.dumps(good)))
    assert p.input_value("#kb-bpa-kommune") == "gjovik"
    assert p.is_checked("fieldset[data-fakta=kan_vaere_arbeidsleder] input[value=true]")
    assert "Skjemaet er fylt ut fra lenken." in form.inner_text()
    assert p.evaluate(FORM_RESULT) == p.evaluate("s => kb.evaluate(s)", good)
    bad = {"tjeneste": "bpa", "vurderingsdato": "0005-12-04", "opplysninger": {"alder": {"x": 1}}}
    p.evaluate("h => { location.hash = h; }", "sak=" + urllib.parse.quote(json.dumps(bad)))
    p.wait_for_function("() => document.querySelector('.kb-lenkemelding').textContent.includes('delvis')")
    notice = p.locator(".kb-lenkemelding").inner_text()
    assert "Lenken hadde en ugyldig dato; den er ikke brukt." in notice
    assert "Hvor gammel er søker?" in notice and "Skjemaet er fylt ut fra lenken" not in notice
    assert p.input_value("#kb-bpa-alder") == ""
    p.evaluate("() => { location.hash = 'kriterier'; }")
    p.wait_for_timeout(200)
    assert errors == []


def test_the_date_is_one_field_and_refuses_years_the_engines_do_not_accept(page):
    base, p = page
    form = open_form(p, f"{base}/tjenester/bpa/")
    p.focus("#kb-bpa-kommune")
    p.keyboard.press("Tab")
    assert p.evaluate("() => document.activeElement.id") == "kb-bpa-dato"
    p.keyboard.press("Tab")
    assert p.evaluate("() => document.activeElement.id") == "kb-bpa-alder"  # one tab stop
    p.fill("#kb-bpa-dato", "04.12.0005")
    assert "Skriv en dato som dd.mm.åååå, mellom år 1900 og 2100." in form.inner_text()
    assert p.get_attribute("#kb-bpa-dato", "aria-invalid") == "true"
    p.fill("#kb-bpa-dato", "31.02.2026")
    assert p.get_attribute("#kb-bpa-dato", "aria-invalid") == "true"
    p.fill("#kb-bpa-dato", "01.06.2026")
    assert p.get_attribute("#kb-bpa-dato", "aria-invalid") is None
    assert p.evaluate(FORM_RESULT + "") is not None
    assert p.evaluate("() => document.querySelector('.kb-vurder').kbForm.last.sak.vurderingsdato") == "2026-06-01"


def test_finn_ut_dette_moves_focus_to_the_field(page):
    base, p = page
    open_form(p, f"{base}/tjenester/bpa/")
    p.locator("#kb-bpa-alder").press_sequentially("45")
    p.keyboard.press("Tab")  # the field loses focus: the result stays in place
    link = p.locator(".kb-sporsmal a[data-fakta=timer_per_uke]")
    link.focus()
    p.keyboard.press("Enter")
    assert p.evaluate("() => document.activeElement.id") == "kb-bpa-timer_per_uke"


def test_the_search_panel_closes_when_focus_leaves_it(page):
    base, p = page
    p.goto(base + "/")
    box = p.locator("input[data-kb-search]")
    box.click()
    box.fill("bpa")
    p.wait_for_selector("a[data-kb-result]")
    assert p.evaluate("() => document.getElementById('__search').checked")
    for _ in range(40):
        p.keyboard.press("Tab")
        if not p.evaluate("() => !!document.activeElement.closest('.md-search')"):
            break
    assert not p.evaluate("() => document.getElementById('__search').checked")


def test_a_dated_value_shows_under_the_criteria_whose_rule_uses_it_until_it_applies(page):
    """The export lists a rule's dated values (proven with a dated value in a copy of the data in
    test_one_home); the form shows those after the vurderingsdato, in words, and drops them from that day."""
    base, p = page
    form = open_form(p, f"{base}/tjenester/bpa/")
    p.evaluate("""() => { const f = document.querySelector('.kb-vurder').kbForm;
      for (const c of f.data.kriterier) if (c.kriterium === 'pbrl-2-1-d-alder') c.daterte_verdier = [{fra: '2027-01-01', tekst: '70 år'}]; }""")
    p.fill("#kb-bpa-dato", "31.12.2026")
    p.locator("#kb-bpa-alder").press_sequentially("68")
    rows = form.locator(".kb-krit .kb-senere")
    assert rows.count() == 1, rows.all_inner_texts()
    assert rows.first.inner_text().startswith("Endres: fra 01.01.2027: 70 år")
    p.fill("#kb-bpa-dato", "01.01.2027")
    p.wait_for_function("() => document.querySelector('.kb-vurder').kbForm.last.vurderingsdato === '2027-01-01'")
    assert form.locator(".kb-krit .kb-senere").count() == 0
