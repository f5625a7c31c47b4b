"""Oslo's Gerica routine as data: every section, every template exactly as the tables, the rules.

The expected values below are transcribed from the source (Oslo kommune, *Gerica –
Saksbehandling – Rutine v. 2.0*), independently of the YAML, and the YAML's text is also
checked word for word against the source file.
"""

from __future__ import annotations

import re

import pytest

from kb.knowledge.loader import load_kb, load_kb_or_raise
from kb.oslo.models import SERVICE_IDS, normalize, sections_for_service, templates_for_service
from tests.oslo_support import SOURCE, data_root


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    """The real knowledge base (with minimal files for services not written yet)."""
    return load_kb_or_raise(data_root(tmp_path_factory))


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


# --- sections ------------------------------------------------------------------------

SECTIONS = [
    ("1", "Innledning"), ("1.1", "Aktuelle dokumenter"), ("2", "Utførelse av rutinen"),
    ("2.1", "Registrering av brukeropplysninger"), ("2.1.1", "Ny søker"),
    ("2.1.2", "Når søker er registrert i Gerica fra før"), ("2.1.3", "Verifisering av personopplysninger"),
    ("2.1.4", "Ved flytting"), ("2.2", "Når skal en henvendelse registreres som en søknad"),
    ("2.3", "Registrering av søknad"), ("2.4", "Behandling/avvisning av søknad"),
    ("2.5", "Krav til dokumentasjon"), ("2.5.1", "Kartlegging"), ("2.5.2", "Medvirkning"),
    ("2.5.3", "Brukermedvirkning"), ("2.5.4", "Kartlegginger som skal gjøres før oppstart av tjenesten"),
    ("2.6", "Søknader som trekkes"), ("2.7", "Vurdering av søkers rett til tjenester"), ("2.8", "Vedtak"),
    ("2.8.1", "Vedtak med og uten tidsbegrensning"), ("2.8.2", "Samlevedtak"),
    ("2.9", "Tjenester som opphører etter brukers ønske"), ("2.10", "Opphør av tjenesten ved revurderingsdato"),
    ("2.11", "Endring av vedtak"), ("2.11.1", "Forhåndsvarsel"), ("2.11.2", "Utsatt iverksettelse"),
    ("2.12", "Klagesaksbehandling"), ("3", "Saksbilde"), ("3.1", "Saksflyt"),
    ("4", "Aktuelle dokumentmaler"), ("4.1", "Vedtaksmaler (ikke uttømmende)"),
    ("4.2", "Andre maler knyttet til saksbehandlingen"), ("4.3", "Klagesaksmaler"),
]


def test_expected_sections_are_the_source_headings(source_text):
    headings = re.findall(r"^(\d+(?:\.\d+)*) (\S.*?)\s*$", source_text, re.M)
    # Table rows in 4.1–4.3 also start with a number; headings are the ones with a known title.
    found = [(n, t) for n, t in headings if (n, t) in set(SECTIONS)]
    assert found == SECTIONS


def test_every_section_present_in_order(kb):
    got = [(s.nummer, s.tittel) for s in kb.oslo.alle_seksjoner()]
    assert got == SECTIONS


def test_every_section_cites_itself(kb):
    for s in kb.oslo.alle_seksjoner():
        assert s.kilde.dokument == "oslo-gerica-rutine"
        assert s.kilde.avsnitt == f"{s.nummer} {s.tittel}"


def test_section_text_is_verbatim_from_source(kb, source_text):
    src = normalize(source_text)
    checked = 0
    for s in kb.oslo.alle_seksjoner():
        for item in s.innhold:
            text = item.avsnitt if hasattr(item, "avsnitt") else item.punkt
            assert normalize(text) in src, f"{s.nummer}: {text[:60]}"
            checked += 1
    assert checked == 145


def test_lists_are_punkt_items(kb):
    s = kb.oslo.seksjon("2.4")
    grounds = [i.punkt for i in s.innhold if hasattr(i, "punkt")]
    assert len(grounds) == 5
    assert grounds[0].startswith("søknaden er sendt til feil kommune")
    kartlegging = [i.punkt for i in kb.oslo.seksjon("2.5.1").innhold if hasattr(i, "punkt")]
    assert len(kartlegging) == 14


def test_source_paragraphs_are_all_kept(kb, source_text):
    """Every non-heading line of sections 1–4.1, up to the first template table, is in the YAML."""
    body = source_text.split("Id Sakstype")[0]
    yaml_text = " ".join(normalize(i.avsnitt if hasattr(i, "avsnitt") else i.punkt)
                         for s in kb.oslo.alle_seksjoner() for i in s.innhold)
    titles = {f"{n} {t}" for n, t in SECTIONS} | {"Gerica - Saksbehandling - Rutine v. 2.0"}
    for line in body.splitlines():
        line = normalize(line.replace("•", ""))
        if not line or line in titles:
            continue
        assert line in yaml_text, line


@pytest.mark.parametrize("term,nummer", [
    ("sakskortet", "1"), ("sak 100", "2.3"), ("journalnotat 140", "2.3"), ("121-saksbehandlerjournal", "2.6"),
    ("tjeneste 100", "2.5.1"), ("136: OL-Fagjournal", "2.5.1"), ("SvarUt", "1"), ("IPLOS", "2.5"),
])
def test_gerica_practice_kept(kb, term, nummer):
    assert term in kb.oslo.seksjon(nummer).tekst()
    assert any(nummer in b.seksjoner and term.split(":")[0].lower() in (b.begrep + b.sitat).lower()
               for b in kb.oslo.gerica)


def test_sections_name_services(kb):
    assert [s.nummer for s in sections_for_service(kb, "bpa")] == ["2.11.1", "2.11.2", "4.1"]
    assert "2.8.1" in [s.nummer for s in sections_for_service(kb, "korttidsplass")]
    assert "2.6" in [s.nummer for s in sections_for_service(kb, "langtidsopphold")]
    assert "2.11.1" in [s.nummer for s in sections_for_service(kb, "omsorgsbolig")]
    for s in kb.oslo.alle_seksjoner():
        assert set(s.tjenester) <= set(SERVICE_IDS)


# --- templates -----------------------------------------------------------------------

# id, navn, gruppe, bruksområde (whole cell), tidsavgrenset, vedtaksdokument, kontroll før utsending
TEMPLATES = [
    (509, "OK_Sak – Avslag", "4.1", "Brukes ved avslag på søknad om tjenester.", "Ja", "Ja", "Ja"),
    (506, "OK_Sak - Innvilget m/betaling, pr.bistand/pers.ass", "4.1",
     "Oslo har pålagt bydelene å opplyse hvilken inntekt som er lagt til grunn når satsen for praktisk bistand "
     "er beregnet. Flettingen i denne malen er derfor annerledes enn malen under hvor betalingen er en fast sats.",
     "Nei", "Ja", "Ja"),
    (541, "OK_Sak - Innvilget med betaling, fast sats", "4.1",
     "Brukes ved vedtak om korttidsplasser, (bortsett fra avlastning som er gratis, da brukes innvilget uten "
     "betaling).", "Ja", "Ja", "Ja"),
    (5006, "OK_Sak - Innvilget med betaling, fast sats_ikke tidsavgrenset-SvarUt", "4.1",
     "Brukes ved vedtak om dagsenter med betaling og andre tjenester med fast pris.", "Nei", "Ja", "Ja"),
    (507, "OK_Sak – Innvilget u/betaling + alle langtidsplasser", "4.1",
     "Brukes til alle tjenester som det ikke betales egenandel for slik som: Helsetjenester i hjemmet "
     "Avlastning Støttekontakt Omsorgsstønad Praktisk bistand og opplæring Langtidsplasser (det fattes eget "
     "vedtak om vederlag)", "Nei", "Ja", "Ja"),
    (557, "OK_Sak - Økonomisk vedtak", "4.1",
     "Brukes når det fattes vedtak på betalingstjenester før likningsopplysninger foreligger. Når disse "
     "foreligger, fattes eget økonomisk vedtak med opplysning om betaling.", "Ja", "Nei", "Ja"),
    (5050, "OK_Sak_Innvilgelse av utsatt iverksettelse", "4.1", "", "Nei", "Nei", "Ja"),
    (5051, "OK_Sak_Avslag på utsatt iverksettelse", "4.1", "", "Nei", "Nei", "Ja"),
    (5054, "OK_Sak_Opphørsvedtak", "4.1", "", "Nei", "Nei", "Ja"),
    (3731, "OK_Sak-Innvilget Trygghetsalarm/trygghetspakke-SvarUt", "4.1",
     "Brukes ved vedtak på trygghetsalarm med betaling. Om brukeren skal betale egenandel for trygghetsalarm er "
     "avhengig av inntekten, men betalingssatsen er fast (per måned). Brukes for alle trygghetspakkene "
     "(TP1,TP2 og TP3).", "Nei", "Ja", "Ja"),
    (2044, "OK_Brev vedr. opphør av tjeneste", "4.2",
     "Når bruker selv har gitt beskjed om at tjenesten kan avsluttes, skal dette dokumenteres i Gerica av den "
     "som har mottatt beskjeden. Det gis beskjed til saksbehandler i OL – Beskjedjournal som sender brev med "
     "bekreftelse på at tjenesten stoppes etter brukers ønske.", None, "Nei", "Ja"),
    (528, "OK_Forhåndsvarsel", "4.2", "Brukes ved opphør eller endring av tjeneste.", None, "Nei", "Nei"),
    (3836, "OK_Mal - brevmal 2 signaturer", "4.2", "", None, "Nei", "Ja"),
    (4177, "OK_Mal - brevmal", "4.2", "", None, "Nei", "Nei"),
    (None, "OK_ Oppdragsavtaler XXX", "4.2", "Det er 3 ulike maler for avlaster, støttekontakt og omsorgsstønad.",
     None, "Nei", "Ja"),
    (530, "OK_Sak - Forvaltningsmelding", "4.2", "", None, "Nei", "Ja"),
    (5030, "OK_Sak_Forhåndsvarsel_utsatt iverksettelse", "4.2", "Skal sendes når det er endring av tjenestetilbudet",
     None, "Nei", "Ja"),
    (553, "OK_Samtykkemal_opplysninger", "4.2", "Ved innhenting av samtykke ved søknad om tjenester", None,
     "Nei", "Nei"),
    (1474, "OK_Vedrørende klage på egenbetaling", "4.3",
     "Gjelder klage på egenbetaling praktisk bistand som avvises fordi riktige inntektsopplysninger er lagt til "
     "grunn (egentlig en klage på bystyrets betalingssatser).", None, "Nei", "Ja"),
    (3210, "OK_Sak - Forvaltningsmelding Klage", "4.3",
     "Brukes hvis saksbehandlingsfristen ikke kan overholdes (foreløpig svar).", None, "Nei", "Nei"),
    (3471, "OK_Sak - Klage følgeskriv til Statsforvalteren", "4.3", "Brukes når klagen sendes til klageinstansen.",
     None, "Nei", "Ja"),
    (529, "OK_Sak - Klage saksfremstilling", "4.3", "Brukes når klagen sendes til klageinstansen.", None,
     "Nei", "Ja"),
    (539, "OK_Sak - Klagesak-brev til bruker", "4.3", "Brukes når klagen sendes til klageinstansen.", None,
     "Nei", "Ja"),
    (5028, "OK_SAK_Vedtak avvisning av klage", "4.3",
     "Brukes når klagen avvises. Klagen kan kun avvises om klagefristen er passert, det er manglende fullmakt "
     "eller det mangler signatur.", None, "Nei", "Ja"),
]


def test_template_counts(kb):
    groups = [m.gruppe for m in kb.maler.values()]
    assert (groups.count("4.1"), groups.count("4.2"), groups.count("4.3")) == (10, 8, 6)
    assert len(kb.maler) == 24
    assert sum(1 for m in kb.maler.values() if m.id is not None) == 23


def test_template_ids_unique(kb, data_root_path):
    from kb.reading.yamlfile import read_yaml
    ids = [row["id"] for row in read_yaml(data_root_path / "oslo" / "maler.yaml").data if row["id"] is not None]
    assert len(ids) == len(set(ids)) == 23


@pytest.fixture(scope="module")
def data_root_path(tmp_path_factory):
    return data_root(tmp_path_factory)


@pytest.mark.parametrize("row", TEMPLATES, ids=lambda r: str(r[0] or r[1]))
def test_template_matches_source_table(kb, row):
    mal_id, navn, gruppe, bruk, tidsavgrenset, vedtaksdokument, kontroll = row
    m = kb.maler[str(mal_id) if mal_id is not None else navn]
    assert (m.id, m.navn, m.gruppe) == (mal_id, navn, gruppe)
    assert m.bruk() == bruk
    assert m.tidsavgrenset == tidsavgrenset
    assert (m.vedtaksdokument, m.kontroll_for_utsending) == (vedtaksdokument, kontroll)


def test_template_order_is_source_order(kb):
    assert [m.nokkel for m in kb.maler.values()] == [str(r[0]) if r[0] else r[1] for r in TEMPLATES]


def test_template_text_is_in_source(kb, source_text):
    src = normalize(source_text)
    for m in kb.maler.values():
        assert normalize(m.navn) in src
        if m.bruksomrade:
            assert normalize(m.bruksomrade) in src
        for p in m.bruksomrade_punkter:
            assert normalize(p) in src


def test_empty_cells_stay_empty(kb):
    empty = {m.nokkel for m in kb.maler.values() if m.bruksomrade == "" and not m.bruksomrade_punkter}
    assert empty == {"5050", "5051", "5054", "3836", "4177", "530"}


@pytest.mark.parametrize("service,expected,absent", [
    ("korttidsplass", {509, 541, 507, 5054, 528}, {506, 5006, 3731}),
    ("avlastning", {509, 507, 5054}, {541, 506}),
    ("bpa", {509, 506, 507, 5050, 5051}, {541, 5006, 3731}),
    ("praktisk-bistand", {506, 507, 1474}, {541}),
    ("dagaktivitet-demens", {5006, 507}, {541, 506}),
    ("velferdsteknologi", {3731, 507}, {541, 506, 5006}),
    ("langtidsopphold", {507, 509}, {541}),
    ("middagsombringing", {509, 507, 2044}, {541, 506, 5006, 3731}),
])
def test_templates_for_service(kb, service, expected, absent):
    ids = {m.id for m in templates_for_service(kb, service)}
    assert expected <= ids
    assert not (absent & ids)


def test_oppdragsavtaler_for_the_three_services(kb):
    for sid in ("avlastning", "stottekontakt", "omsorgsstonad"):
        assert "OK_ Oppdragsavtaler XXX" in [m.navn for m in templates_for_service(kb, sid)]
    assert "OK_ Oppdragsavtaler XXX" not in [m.navn for m in templates_for_service(kb, "bpa")]


def test_every_mapping_quotes_its_template(kb):
    for tm in kb.oslo.tjenestemaler:
        source = kb.maler[str(tm.sitat_fra if tm.sitat_fra is not None else tm.mal)]
        assert normalize(tm.sitat) in normalize(source.navn + " " + source.bruk())
        assert tm.tjenester == "alle" or set(tm.tjenester) <= set(SERVICE_IDS)


# --- rules ---------------------------------------------------------------------------


def test_every_rule_cites_an_existing_section(kb):
    for r in kb.oslo.regler.values():
        if r.kilde.dokument == "oslo-gerica-rutine":
            s = kb.oslo.seksjon(r.seksjon)
            assert s is not None, r.id
            assert r.kilde.avsnitt == s.overskrift
            for q in r.sitat:
                assert normalize(q) in s.tekst(), (r.id, q)
        else:
            assert r.kilde.dokument in kb.kilder
            assert r.seksjon is None


@pytest.mark.parametrize("rule_id,section", [
    ("henvendelse-som-soknad", "2.2"), ("forvaltningsmelding", "2.3"), ("enkeltvedtak-hovedregel", "2.3"),
    ("enkeltvedtak-unntak-fjorten-dager", "2.3"), ("enkeltvedtak-egenandel", "2.3"),
    ("avvisning-grunner", "2.4"), ("avvisning-vedtak", "2.4"), ("dokumentasjonskrav", "2.5"),
    ("kartlegging", "2.5.1"), ("trukket-soknad", "2.6"), ("begrunnelse-innhold", "2.8"),
    ("tidsbegrensning", "2.8.1"), ("opphor-brukers-onske", "2.9"), ("revurdering-forhandsvarsel", "2.10"),
    ("opphor-ved-utlopsdato", "2.10"), ("forhandsvarsel-endring", "2.11.1"),
    ("utsatt-iverksettelse-informasjon", "2.11.2"), ("utsatt-iverksettelse-avslag", "2.11.2"),
])
def test_issue_rules_exist(kb, rule_id, section):
    assert kb.oslo.regel(rule_id).seksjon == section


def test_rule_parameters(kb):
    import datetime as dt
    r, values = kb.oslo.regler, kb.parameterverdier(dt.date(2026, 12, 1))
    assert values["forvaltningsmelding-dager"] == 14 and values["enkeltvedtak-unntak-dager"] == 14
    assert values["klagefrist-uker-lovpalagt"] == 4 and values["klagefrist-uker-ikke-lovpalagt"] == 3
    assert r["forvaltningsmelding"].parametre.maler == [530]

    def answers(rule_id, question):
        return [s for s in r[rule_id].svar if s.sporsmal == question]
    assert answers("forvaltningsmelding", "forvaltningsmelding_kreves")[0].nar.verdi.parameter == "forvaltningsmelding-dager"
    assert answers("klagefrist-lovpalagt", "klagefrist")[0].frist_uker.parameter == "klagefrist-uker-lovpalagt"
    assert "statsforvalteren" in answers("klagefrist-lovpalagt", "klageinstans")[0].verdi
    assert answers("klagefrist-ikke-lovpalagt", "klageinstans")[0].verdi == "kommunens klageutvalg"
    assert r["opphor-brukers-onske"].parametre.maler == [2044]
    assert "fire uker" in r["klagefrist-lovpalagt"].tekst
    assert "tre uker" in r["klagefrist-ikke-lovpalagt"].tekst


def test_avvisning_grounds(kb):
    grounds = {g.id: g for g in kb.oslo.regel("avvisning-grunner").grunner}
    assert list(grounds) == ["feil-kommune", "feil-instans", "uten-representasjonsgrunnlag", "allerede-avgjort",
                             "avgjort-av-klageinstans"]
    assert grounds["feil-kommune"].avvises and "veiledning om hvor søknaden skal sendes" in grounds["feil-kommune"].tiltak
    assert not grounds["feil-instans"].avvises and "rette instans" in grounds["feil-instans"].tiltak
    assert not grounds["uten-representasjonsgrunnlag"].avvises
    assert "bekymringsmelding" in grounds["uten-representasjonsgrunnlag"].tiltak


def test_checklists(kb):
    assert len(kb.oslo.regel("dokumentasjonskrav").punkter) == 4
    assert len(kb.oslo.regel("kartlegging").punkter) == 14
    assert len(kb.oslo.regel("begrunnelse-innhold").punkter) == 3
    assert len(kb.oslo.regel("kartlegging-for-oppstart").punkter) == 3


def test_three_forhandsvarsel_examples(kb):
    names = [e.navn for e in kb.oslo.regel("forhandsvarsel-endring").eksempler]
    assert [n.split(" (")[0] for n in names] == ["Eksempel 1", "Eksempel 2", "Eksempel 2", "Eksempel 3"]


def test_rule_laws_and_templates_exist(kb):
    for r in kb.oslo.regler.values():
        for ref in r.lovgrunnlag:
            assert ref.lov in kb.lover
        for mal_id in r.parametre.maler:
            assert str(mal_id) in kb.maler
    assert {"domstolloven"} <= {ref.lov for ref in kb.oslo.regel("fristberegning").lovgrunnlag}


# --- checks catch mistakes -------------------------------------------------------------


def _break(root, name, old, new):
    path = root / "oslo" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name,old,new,message", [
    ("regler.yaml", "Som hovedregel skal det fattes enkeltvedtak", "Som hovedregel kan det fattes enkeltvedtak",
     "står ikke ordrett"),
    ("regler.yaml", 'seksjon: "2.2"', 'seksjon: "2.99"', "ukjent avsnitt 2.99"),
    ("maler.yaml", "- id: 506", "- id: 509", "finnes fra før"),
    ("tjenestemaler.yaml", "- mal: 541", "- mal: 9999", "ukjent mal 9999"),
    ("rutine.yaml", 'avsnitt: "2.3 Registrering av søknad"}', 'avsnitt: "2.3 Registrering"}', "skal vise til seg selv"),
    ("rutine.yaml", "tjenester: [langtidsopphold]", "tjenester: [sykehjem]", "ukjent tjeneste «sykehjem»"),
])
def test_load_reports_broken_oslo_data(tmp_path, data_root_path, name, old, new, message):
    import shutil
    root = tmp_path / "data"
    shutil.copytree(data_root_path, root)
    _break(root, name, old, new)
    _, problems = load_kb(root)
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line for p in problems if message in p.message)
