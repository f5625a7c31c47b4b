"""Caseworker pages without programmer noise: rules read as Norwegian sentences, no rule syntax,
criterion ids or fact names in the text, notes on the text behind «Om teksten», and the «Kort
fortalt» box and the template catalogue say what a caseworker needs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from kb.rules.language import Alle, Ikke, Noen, Sammenligning
from kb.rules.sentences import checked, sentence


class _Text(HTMLParser):
    """Visible text of a page's article: hidden elements, code, collapsed «Om teksten» left out."""

    SKIP = {"script", "style", "code", "details", "nav", "header", "footer"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        hidden = tag in self.SKIP or "hidden" in a
        if tag == "article":
            self._in_article += 1
        self._stack.append(hidden or (self._stack[-1] if self._stack else False))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag == "article":
            self._in_article -= 1
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_article and not (self._stack and self._stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    assert len(text) > 300, text  # the article was found
    return text


def test_rules_read_as_norwegian_sentences(kb):
    facts = kb.opplysninger
    assert checked(Sammenligning(fakta="alder", op="<", verdi=67), facts) == "Sjekkes: søker er under 67 år."
    assert sentence(Sammenligning(fakta="timer_per_uke", op=">", verdi=32), facts) == \
        "behovet er vurdert til mer enn 32 timer per uke"
    assert sentence(Ikke(ikke=Sammenligning(fakta="kognitiv_svikt")), facts) == "søker har ikke kognitiv svikt"
    assert sentence(Sammenligning(fakta="tilpasning_bolig_utprovd"), facts) == "tilpasning av egen bolig er prøvd ut"
    both = Alle(alle=[Sammenligning(fakta="alder", op=">=", verdi=18), Sammenligning(fakta="bor_hjemme")])
    assert sentence(both, facts) == "søker er minst 18 år og søker bor hjemme (ikke i institusjon)"
    either = Noen(noen=[Sammenligning(fakta="venter_barn"), Sammenligning(fakta="barnets_alder", op="<", verdi=18)])
    assert sentence(either, facts) == "minst ett av dette: familien venter barn; barnet er under 18 år"


def test_a_question_without_a_known_subject_is_quoted_with_its_answer(kb):
    text = sentence(Sammenligning(fakta="kan_gjennomfores_hjemme", op="==", verdi=False), kb.opplysninger)
    assert text == ("svaret på «Kan rehabiliteringen, habiliteringen eller behandlingen gjennomføres i søkers "
                    "hjem?» er nei")


def test_every_rule_in_the_knowledge_base_reads_without_code(kb):
    for t in kb.tjenester.values():
        for k in t.kriterier():
            if k.regel is not None:
                text = checked(k.regel, kb.opplysninger)
                assert not re.search(r"[a-z]_[a-z]|[<>=≤≥≠]|\[", text), (k.kriterium, text)


@pytest.fixture(scope="module")
def service_pages(built_site, kb):
    return {sid: (built_site / "tjenester" / sid / "index.html").read_text(encoding="utf-8") for sid in kb.tjenester}


def test_service_pages_show_no_rule_syntax_ids_or_fact_names(service_pages, kb):
    facts = [f.navn for f in kb.opplysninger.values() if "_" in f.navn]
    for sid, html in service_pages.items():
        text = visible_text(html)
        assert "Sjekkes av evaluatoren" not in text and "⚙" not in text, sid
        assert not re.search(r"\w+ = (ja|nei)\b|[≤≥≠]", text), sid
        ids = [k.kriterium for k in kb.tjenester[sid].kriterier()]
        assert not [i for i in ids if i in text], sid
        assert not [f for f in facts if f in text], sid
        assert "Andre ord for tjenesten" not in text and "kb evaluate" not in text, sid


def test_notes_on_the_text_are_behind_a_collapsed_om_teksten(service_pages):
    bpa = service_pages["bpa"]
    assert "Aldersgrensen for rettskravet" in bpa  # the editorial note is on the page …
    assert "Aldersgrensen for rettskravet" not in visible_text(bpa)  # … but not in the open text
    assert re.search(r'<details class="kb-om">\s*<summary>Om teksten</summary>', bpa)
    middag = service_pages["middagsombringing"]
    assert "usikker lesning" not in visible_text(middag).lower()
    assert re.search(r'<details class="warning">\s*<summary>Om teksten: deler av siden er en usikker', middag)


def test_kort_fortalt_links_the_tried_first_list_the_right_and_the_fee(service_pages):
    lang = service_pages["langtidsopphold"]
    assert re.search(r'<a href="#langtidsopphold-tilpasning-bolig">6 tiltak i innsatstrappen</a>', lang)
    bpa = service_pages["bpa"]
    assert '<a href="#lovens-vilkar-for-retten">lovens vilkår for retten</a>' in bpa
    assert 'id="lovens-vilkar-for-retten"' in bpa and 'id="pbrl-2-1-d-alder"' in bpa
    assert re.search(r'Uten rettskrav: <a href="#bpa-kommunen-kan-vurdere">«Selvom man ikke har rettskrav', bpa)
    assert "Avhenger av hva tjenesten omfatter: Det tas egenbetaling for den delen som omfatter praktisk" in bpa


def test_oslo_templates_on_a_regional_page_are_labelled_as_oslo_practice(service_pages):
    text = visible_text(service_pages["praktisk-bistand"])
    assert "Brevmaler i Oslo kommune Oslo kommunes praksis i Gerica, ikke en del av de regionale kriteriene" in text
    assert "Oslo kommunes praksis (Gerica)" in text


def test_placeholder_template_names_are_shown_as_placeholders(built_site, service_pages):
    catalogue = (built_site / "oslo" / "maler" / "index.html").read_text(encoding="utf-8")
    shown = visible_text(catalogue)
    assert "OK_ Oppdragsavtaler ‹tjeneste›" in shown
    assert "«XXX» er en plassholder for tjenesten" in shown
    assert "Oppdragsavtaler XXX" not in visible_text(service_pages["stottekontakt"])


def test_the_catalogue_opens_with_which_template_for_which_service(built_site):
    html = (built_site / "oslo" / "maler" / "index.html").read_text(encoding="utf-8")
    first_h2 = re.search(r"<h2 id=\"([^\"]+)\">", html).group(1)
    assert first_h2 == "maler-per-tjeneste"
    section = html.split('id="maler-per-tjeneste"')[1].split("<h2")[0]
    assert "541 OK_Sak - Innvilget med betaling, fast sats" in section  # names, not bare numbers
    assert "med egenandel" in section and "uten egenandel" in section and "tidsavgrenset" in section


def test_the_start_page_links_every_part(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for href in ("tjenester/", "oversikt/", "veiledning/", "oslo/", "oslo/maler/", "e-laering/", "ordliste/"):
        assert f'href="{href}"' in html, href
