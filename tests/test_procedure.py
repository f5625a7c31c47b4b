"""``kb procedure``: every rule and template choice of the Oslo routine, with the source's own examples."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from kb.criteria.evaluate import CaseError
from kb.knowledge.loader import load_kb, load_kb_or_raise
from kb.oslo.procedure import ANSWERS, answer
from tests.oslo_support import data_root, kb_command


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return data_root(tmp_path_factory)


@pytest.fixture(scope="module")
def kb(root):
    return load_kb_or_raise(root)


def ask(kb, tjeneste=None, **sak):
    case = {"sak": sak}
    if tjeneste is not None:
        case["tjeneste"] = tjeneste
    return answer(case, kb)


def reasons(result, key):
    return [b for b in result["begrunnelse"] if b["svar"] == key]


def rule_ids(result, key):
    return [b["regel"] for b in reasons(result, key)]


def service_with(kb, **want):
    """Some service whose fields match ``want`` (e.g. ``lovpalagt=False``)."""
    for sid, t in kb.tjenester.items():
        if all((getattr(t, k) if k != "svar" else t.egenandel.svar) == v for k, v in want.items()):
            return sid
    pytest.fail(f"ingen tjeneste med {want} i kunnskapsbasen")


# --- enkeltvedtak (2.3, 2.4, 2.10, 2.11.2) ------------------------------------------------


def test_avvisning_requires_a_decision(kb):
    a = ask(kb, "bpa", utfall="avvisning")
    assert a["enkeltvedtak_kreves"] is True
    assert rule_ids(a, "enkeltvedtak_kreves") == ["avvisning-vedtak"]
    assert "Ved avvisning skal det fattes ett vedtak" in reasons(a, "enkeltvedtak_kreves")[0]["tekst"]


def test_fee_always_requires_enkeltvedtak_even_when_short(kb):
    a = ask(kb, "korttidsplass", utfall="innvilget", egenandel=True, forventet_varighet_dager=10)
    assert a["enkeltvedtak_kreves"] is True
    assert rule_ids(a, "enkeltvedtak_kreves") == ["enkeltvedtak-egenandel"]
    assert reasons(a, "enkeltvedtak_kreves")[0]["seksjon"] == "2.3"


@pytest.mark.parametrize("days", [1, 10, 14])
def test_fourteen_day_exception_without_fee(kb, days):
    a = ask(kb, utfall="innvilget", egenandel=False, forventet_varighet_dager=days)
    assert a["enkeltvedtak_kreves"] is False
    assert rule_ids(a, "enkeltvedtak_kreves") == ["enkeltvedtak-unntak-fjorten-dager"]


def test_longer_than_fourteen_days_needs_enkeltvedtak(kb):
    a = ask(kb, utfall="innvilget", egenandel=False, forventet_varighet_dager=15)
    assert a["enkeltvedtak_kreves"] is True
    assert rule_ids(a, "enkeltvedtak_kreves") == ["enkeltvedtak-hovedregel"]


def test_short_service_with_unknown_fee_is_undecided(kb):
    a = ask(kb, utfall="innvilget", forventet_varighet_dager=5)
    assert a["enkeltvedtak_kreves"] is None
    assert reasons(a, "enkeltvedtak_kreves")[0]["mangler"] == ["egenandel"]


def test_fee_from_service_data_when_case_is_silent(kb):
    free = service_with(kb, svar="nei")
    paid = service_with(kb, svar="ja")
    depends = service_with(kb, svar="avhenger")
    assert ask(kb, free, utfall="innvilget", forventet_varighet_dager=7)["enkeltvedtak_kreves"] is False
    a = ask(kb, paid, utfall="innvilget", forventet_varighet_dager=7)
    assert a["enkeltvedtak_kreves"] is True
    assert "kunnskapsbasen" in reasons(a, "enkeltvedtak_kreves")[0]["forklaring"]
    assert ask(kb, depends, utfall="innvilget", forventet_varighet_dager=7)["enkeltvedtak_kreves"] is None
    # The case's own answer wins over the service data.
    assert ask(kb, paid, utfall="innvilget", egenandel=False, forventet_varighet_dager=7)["enkeltvedtak_kreves"] is False


def test_main_rule_when_duration_unknown(kb):
    a = ask(kb, utfall="innvilget", egenandel=False)
    assert a["enkeltvedtak_kreves"] is True
    assert reasons(a, "enkeltvedtak_kreves")[0]["mangler"] == ["forventet_varighet_dager"]


def test_avslag_needs_enkeltvedtak(kb):
    a = ask(kb, "stottekontakt", utfall="avslag", forventet_varighet_dager=3, egenandel=False)
    assert a["enkeltvedtak_kreves"] is True
    assert rule_ids(a, "enkeltvedtak_kreves") == ["enkeltvedtak-hovedregel"]


def test_avslag_on_utsatt_iverksettelse_is_not_enkeltvedtak(kb):
    a = ask(kb, "bpa", utfall="utsatt_iverksettelse_avslag")
    assert a["enkeltvedtak_kreves"] is False
    assert rule_ids(a, "enkeltvedtak_kreves") == ["utsatt-iverksettelse-avslag"]
    assert "ikke et enkeltvedtak" in reasons(a, "enkeltvedtak_kreves")[0]["tekst"]


def test_innvilget_utsatt_iverksettelse_is_left_to_the_caseworker(kb):
    assert ask(kb, "bpa", utfall="utsatt_iverksettelse_innvilget")["enkeltvedtak_kreves"] is None


def test_opphor(kb):
    a = ask(kb, "bpa", utfall="opphor")
    assert a["enkeltvedtak_kreves"] is True
    assert rule_ids(a, "enkeltvedtak_kreves") == ["opphor-ved-utlopsdato"]
    b = ask(kb, "bpa", utfall="opphor", beskrevet_i_vedtaket=True)
    assert b["enkeltvedtak_kreves"] is False
    assert b["vedtaksmal"] is None


# --- forvaltningsmelding (2.3) ----------------------------------------------------------------


@pytest.mark.parametrize("days,expected", [(20, True), (15, True), (14, False), (3, False), (None, None)])
def test_forvaltningsmelding(kb, days, expected):
    a = ask(kb, "bpa", forventet_saksbehandlingstid_dager=days)
    assert a["forvaltningsmelding_kreves"] is expected
    r = reasons(a, "forvaltningsmelding_kreves")
    assert [b["regel"] for b in r] == ["forvaltningsmelding"]
    assert r[0]["seksjon"] == "2.3"
    if expected:
        assert "530" in r[0]["forklaring"]
    if days is None:
        assert r[0]["mangler"] == ["forventet_saksbehandlingstid_dager"]


# --- forhåndsvarsel (2.10, 2.11.1) -------------------------------------------------------------


def test_eksempel_1_bpa_reduction(kb):
    a = ask(kb, "bpa", endring="reduksjon", enig_med_bruker=False)
    assert a["forhandsvarsel_kreves"] is True
    assert rule_ids(a, "forhandsvarsel_kreves") == ["forhandsvarsel-endring", "utsatt-iverksettelse-informasjon"]
    # The example says nothing about agreement: the main rule still applies.
    assert ask(kb, "bpa", endring="reduksjon")["forhandsvarsel_kreves"] is True


def test_eksempel_2_described_in_the_decision(kb):
    a = ask(kb, "helsetjenester-i-hjemmet", endring="reduksjon", beskrevet_i_vedtaket=True)
    assert a["forhandsvarsel_kreves"] is False
    assert rule_ids(a, "forhandsvarsel_kreves") == ["forhandsvarsel-beskrevet-i-vedtaket"]
    b = ask(kb, "helsetjenester-i-hjemmet", endring="reduksjon", beskrevet_i_vedtaket=False)
    assert b["forhandsvarsel_kreves"] is True


def test_eksempel_3_day_centre_ends_against_users_will(kb):
    a = ask(kb, "dagaktivitet-demens", endring="opphor", enig_med_bruker=False)
    assert a["forhandsvarsel_kreves"] is True
    assert ask(kb, "dagaktivitet-demens", utfall="opphor", enig_med_bruker=False)["forhandsvarsel_kreves"] is True


def test_examples_in_the_rules_data(kb):
    examples = kb.oslo.regel("forhandsvarsel-endring").eksempler
    assert len(examples) == 4
    for e in examples:
        case = {"sak": e.sak.model_dump(exclude_none=True)}
        if e.tjeneste:
            case["tjeneste"] = e.tjeneste
        got = answer(case, kb)
        for key, value in e.forventet.model_dump(exclude_none=True).items():
            assert got[key] == value, (e.navn, key)


def test_agreed_change_needs_no_forhandsvarsel(kb):
    a = ask(kb, "bpa", endring="reduksjon", enig_med_bruker=True)
    assert a["forhandsvarsel_kreves"] is False
    assert rule_ids(a, "forhandsvarsel_kreves") == ["forhandsvarsel-endring"]


def test_extension_and_increase_need_no_forhandsvarsel(kb):
    a = ask(kb, "korttidsplass", endring="forlengelse")
    assert a["forhandsvarsel_kreves"] is False
    assert rule_ids(a, "forhandsvarsel_kreves") == ["revurdering-forhandsvarsel"]
    b = ask(kb, "bpa", endring="okning", enig_med_bruker=False)
    assert b["forhandsvarsel_kreves"] is False
    assert rule_ids(b, "forhandsvarsel_kreves") == ["forhandsvarsel-okning"]


def test_forhandsvarsel_undecided_without_a_change(kb):
    a = ask(kb, "bpa", utfall="innvilget")
    assert a["forhandsvarsel_kreves"] is None
    assert reasons(a, "forhandsvarsel_kreves")[0]["mangler"] == ["endring"]


# --- vedtaksmal (4.1) ---------------------------------------------------------------------------


@pytest.mark.parametrize("tjeneste,sak,expected", [
    ("bpa", {"utfall": "avslag"}, 509),
    (None, {"utfall": "avslag"}, 509),
    ("omsorgsbolig", {"utfall": "opphor"}, 5054),
    ("bpa", {"utfall": "utsatt_iverksettelse_innvilget"}, 5050),
    ("bpa", {"utfall": "utsatt_iverksettelse_avslag"}, 5051),
    ("korttidsplass", {"utfall": "innvilget", "egenandel": True}, 541),
    ("korttidsplass", {"utfall": "innvilget", "egenandel": False}, 507),
    ("avlastning", {"utfall": "innvilget"}, 507),
    ("avlastning", {"utfall": "innvilget", "egenandel": True}, 507),
    ("praktisk-bistand", {"utfall": "innvilget", "egenandel": True}, 506),
    ("praktisk-bistand", {"utfall": "innvilget", "egenandel": False}, 507),
    ("bpa", {"utfall": "innvilget", "egenandel": True}, 506),
    ("dagaktivitet-demens", {"utfall": "innvilget", "egenandel": True}, 5006),
    ("dagaktivitet-funksjonsnedsettelse", {"utfall": "innvilget", "egenandel": True}, 5006),
    ("velferdsteknologi", {"utfall": "innvilget", "egenandel": True}, 3731),
    ("velferdsteknologi", {"utfall": "innvilget", "egenandel": False}, 507),
    ("langtidsopphold", {"utfall": "innvilget", "egenandel": True}, 507),
    ("langtidsopphold", {"utfall": "innvilget", "egenandel": False}, 507),
    ("helsetjenester-i-hjemmet", {"utfall": "innvilget", "egenandel": False}, 507),
    ("stottekontakt", {"utfall": "innvilget", "egenandel": False}, 507),
    (None, {"utfall": "innvilget", "egenandel": False}, 507),
])
def test_vedtaksmal(kb, tjeneste, sak, expected):
    a = ask(kb, tjeneste, **sak)
    assert a["vedtaksmal"] == {"id": expected, "navn": kb.maler[str(expected)].navn}
    r = reasons(a, "vedtaksmal")
    assert r and r[0]["regel"] == f"mal-{expected}"


@pytest.mark.parametrize("tjeneste,sak,missing", [
    ("middagsombringing", {"utfall": "innvilget", "egenandel": True}, []),   # no template named for it
    (None, {"utfall": "innvilget", "egenandel": True}, ["tjeneste"]),
    ("bpa", {}, ["utfall"]),
])
def test_vedtaksmal_undecided(kb, tjeneste, sak, missing):
    a = ask(kb, tjeneste, **sak)
    assert a["vedtaksmal"] is None
    assert reasons(a, "vedtaksmal")[0]["mangler"] == missing


def test_vedtaksmal_follows_service_fee_when_case_is_silent(kb):
    expected = {"ja": 506, "nei": 507, "avhenger": None}
    for sid in ("praktisk-bistand", "bpa"):
        svar = kb.tjenester[sid].egenandel.svar
        got = ask(kb, sid, utfall="innvilget")["vedtaksmal"]
        assert (got or {}).get("id") == expected[svar], sid
    assert ask(kb, "korttidsplass", utfall="innvilget")["vedtaksmal"]["id"] == (
        541 if kb.tjenester["korttidsplass"].egenandel.svar == "ja" else None
        if kb.tjenester["korttidsplass"].egenandel.svar == "avhenger" else 507)


def test_avvisning_has_no_invented_template(kb):
    a = ask(kb, "bpa", utfall="avvisning")
    assert a["vedtaksmal"] is None
    r = reasons(a, "vedtaksmal")
    assert r[0]["regel"] == "avvisning-vedtak"
    assert "ingen egen mal" in r[0]["forklaring"]


# --- klagefrist and klageinstans ------------------------------------------------------------------
# The weeks are read from parametre.yaml (what they are is the data's and the conformance cases'
# business); the dates below are chosen so that only the holiday logic decides a moved deadline.


def weeks(kb, pid: str) -> int:
    return kb.parameter(pid, dt.date.today())


def plus_weeks(day: dt.date, n: int) -> str:
    return (day + dt.timedelta(weeks=n)).isoformat()



def test_klagefrist_statutory_four_weeks(kb):
    sid = service_with(kb, lovpalagt=True)
    a = ask(kb, sid, utfall="innvilget", vedtak_mottatt=dt.date(2026, 12, 1))
    assert a["klagefrist"] == plus_weeks(dt.date(2026, 12, 1), weeks(kb, "klagefrist-uker-lovpalagt"))
    assert a["klageinstans"].startswith("statsforvalteren")
    assert rule_ids(a, "klagefrist") == ["klagefrist-lovpalagt"]


NOT_HOL = {"gitt_etter_helse_og_omsorgstjenesteloven": False}
"""No service is plainly «ikke lovpålagt» any more (those the source calls so are «avhenger»): the
three-week deadline applies when the case says the service is not given under hol."""


def test_klagefrist_non_statutory_three_weeks(kb):
    sid = service_with(kb, lovpalagt="avhenger")
    a = ask(kb, sid, utfall="avslag", vedtak_mottatt=dt.date(2026, 12, 1), **NOT_HOL)
    assert a["klagefrist"] == plus_weeks(dt.date(2026, 12, 1), weeks(kb, "klagefrist-uker-ikke-lovpalagt"))
    assert a["klageinstans"] == "kommunens klageutvalg"
    assert rule_ids(a, "klagefrist") == ["klagefrist-ikke-lovpalagt"]


def test_klagefrist_moves_past_christmas(kb):
    sid = service_with(kb, lovpalagt="avhenger")
    # received so that the deadline falls on første juledag (a Friday): it moves to Monday the 28th
    received = dt.date(2026, 12, 25) - dt.timedelta(weeks=weeks(kb, "klagefrist-uker-ikke-lovpalagt"))
    a = ask(kb, sid, vedtak_mottatt=received, **NOT_HOL)
    assert a["klagefrist"] == "2026-12-28"
    assert "fristberegning" in rule_ids(a, "klagefrist")
    assert "domstolloven § 149" in " ".join(b["forklaring"] for b in reasons(a, "klagefrist"))
    # every reason quotes the three-week rule, never «fire uker» (finding 8)
    for b in reasons(a, "klagefrist"):
        assert "tre uker" in b["tekst"] and "fire uker" not in b["tekst"], b
    assert "forvaltningsloven § 29" in reasons(a, "klagefrist")[0]["forklaring"]


def test_moved_four_week_deadline_quotes_the_four_week_rule(kb):
    # received so that the deadline falls on andre juledag 2025 (a Friday): it moves to Monday the 29th
    a = ask(kb, "bpa", vedtak_mottatt=dt.date(2025, 12, 26) - dt.timedelta(weeks=weeks(kb, "klagefrist-uker-lovpalagt")))
    assert a["klagefrist"] == "2025-12-29"
    assert all("fire uker" in b["tekst"] for b in reasons(a, "klagefrist"))
    assert "pasient- og brukerrettighetsloven § 7-5" in reasons(a, "klagefrist")[0]["forklaring"]


@pytest.mark.parametrize("sid", ["velferdsteknologi", "middagsombringing", "omsorgsbolig",
                                 "dagaktivitet-funksjonsnedsettelse"])
def test_disputed_basis_asks_the_case_and_never_says_three_weeks_alone(kb, sid):
    assert kb.tjenester[sid].lovpalagt == "avhenger"
    a = ask(kb, sid, utfall="innvilget", vedtak_mottatt=dt.date(2026, 9, 7))
    assert a["klagefrist"] is None and a["klageinstans"] is None
    for key in ("klagefrist", "klageinstans"):
        (b,) = reasons(a, key)
        assert b["mangler"] == ["gitt_etter_helse_og_omsorgstjenesteloven"]
        text = b["forklaring"]
        assert "4 uker" in text and "statsforvalteren" in text and "3 uker" in text and "klageutvalg" in text
        assert "§§ 7-2 og 7-5" in text
    yes = ask(kb, sid, utfall="innvilget", vedtak_mottatt=dt.date(2026, 9, 7),
              gitt_etter_helse_og_omsorgstjenesteloven=True)
    assert yes["klagefrist"] == plus_weeks(dt.date(2026, 9, 7), weeks(kb, "klagefrist-uker-lovpalagt"))
    assert yes["klageinstans"].startswith("statsforvalteren")
    no = ask(kb, sid, utfall="innvilget", vedtak_mottatt=dt.date(2026, 9, 7), **NOT_HOL)
    assert no["klagefrist"] == plus_weeks(dt.date(2026, 9, 7), weeks(kb, "klagefrist-uker-ikke-lovpalagt"))
    assert no["klageinstans"] == "kommunens klageutvalg"


def test_the_hol_field_does_not_override_a_plain_statutory_service(kb):
    a = ask(kb, "bpa", utfall="innvilget", vedtak_mottatt=dt.date(2026, 9, 7), **NOT_HOL)
    assert a["klagefrist"] == plus_weeks(dt.date(2026, 9, 7), weeks(kb, "klagefrist-uker-lovpalagt"))


def test_klagefrist_needs_date_and_service(kb):
    a = ask(kb, "bpa", utfall="innvilget")
    assert a["klagefrist"] is None and a["klageinstans"] is not None
    assert reasons(a, "klagefrist")[0]["mangler"] == ["vedtak_mottatt"]
    b = ask(kb, utfall="innvilget", vedtak_mottatt=dt.date(2026, 12, 1))
    assert b["klagefrist"] is None and b["klageinstans"] is None


def test_avvisning_has_klageadgang(kb):
    assert ask(kb, "bpa", utfall="avvisning", vedtak_mottatt=dt.date(2026, 12, 1))["klagefrist"] is not None


def test_no_klagefrist_for_utsatt_iverksettelse(kb):
    a = ask(kb, "bpa", utfall="utsatt_iverksettelse_avslag", vedtak_mottatt=dt.date(2026, 12, 1))
    assert a["klagefrist"] is None and a["klageinstans"] is None


def test_unknown_statutory_status_when_service_file_missing(tmp_path, root):
    copy = tmp_path / "data"
    shutil.copytree(root, copy)
    (copy / "tjenester" / "middagsombringing.yaml").unlink()
    kb, _ = load_kb(copy)
    a = answer({"tjeneste": "middagsombringing", "sak": {"vedtak_mottatt": dt.date(2026, 12, 1)}}, kb)
    assert a["klagefrist"] is None and a["klageinstans"] is None
    assert "ingen fil" in reasons(a, "klagefrist")[0]["forklaring"]


# --- parameters come from the rules data, not from code ---------------------------------------------


def test_numbers_are_read_from_the_parameters(tmp_path, root):
    """Every number the procedure uses is a parameter in parametre.yaml: edit a copy, the answers follow."""
    copy = tmp_path / "data"
    shutil.copytree(root, copy)
    path = copy / "parametre.yaml"
    text = path.read_text(encoding="utf-8")
    import re
    before = load_kb_or_raise(root)
    three = weeks(before, "klagefrist-uker-ikke-lovpalagt")
    for pid, new in (("forvaltningsmelding-dager", 30), ("enkeltvedtak-unntak-dager", 7),
                     ("klagefrist-uker-ikke-lovpalagt", three + 2)):
        start = text.index(f"- id: {pid}\n")
        m = re.compile(r"    - verdi: \S+\n").search(text, start)  # its first value
        text = text[:m.start()] + f"    - verdi: {new}\n" + text[m.end():]
    path.write_text(text, encoding="utf-8")
    kb = load_kb_or_raise(copy, cached=False)
    assert ask(kb, forventet_saksbehandlingstid_dager=20)["forvaltningsmelding_kreves"] is False
    assert ask(kb, utfall="innvilget", egenandel=False, forventet_varighet_dager=10)["enkeltvedtak_kreves"] is True
    sid = service_with(kb, lovpalagt="avhenger")
    assert ask(kb, sid, vedtak_mottatt=dt.date(2026, 12, 1), **NOT_HOL)["klagefrist"] == plus_weeks(
        dt.date(2026, 12, 1), three + 2)


def test_setting_a_decorative_field_in_the_rules_is_refused(tmp_path, root):
    """The old «parametre.utfall» changed no answer; such fields are gone and refused."""
    copy = tmp_path / "data"
    shutil.copytree(root, copy)
    path = copy / "oslo" / "regler.yaml"
    text = path.read_text(encoding="utf-8").replace("    maler: [530]\n", "    maler: [530]\n    utfall: [avslag]\n", 1)
    path.write_text(text, encoding="utf-8")
    _, problems = load_kb(copy)
    assert any("ukjent felt «utfall»" in str(p) for p in problems)


# --- output shape and bad input --------------------------------------------------------------------


def test_output_shape(kb):
    a = ask(kb, "korttidsplass", utfall="innvilget", egenandel=True, forventet_varighet_dager=10,
            forventet_saksbehandlingstid_dager=20, vedtak_mottatt=dt.date(2026, 12, 1), endring="reduksjon",
            enig_med_bruker=False, beskrevet_i_vedtaket=False)
    assert list(a) == list(ANSWERS) + ["begrunnelse"]
    assert {b["svar"] for b in a["begrunnelse"]} == set(ANSWERS)
    for b in a["begrunnelse"]:
        assert set(b) == {"svar", "regel", "tekst", "seksjon", "kilde", "forklaring", "mangler"}
        assert b["regel"] in kb.oslo.regler or b["regel"].startswith("mal-") or b["regel"] == "malkatalog"
        assert b["tekst"] and b["kilde"]
    json.dumps(a)


@pytest.mark.parametrize("case,message", [
    ({"tjeneste": "sykehjem"}, "ukjent tjeneste"),
    ({"fylke": "oslo"}, "ukjent felt «fylke»"),
    ({"sak": {"utfall": "ja"}}, "ugyldig verdi"),
    ({"sak": {"egenandel": "kanskje"}}, "ja eller nei"),
    ({"sak": {"forventet_varighet_dager": True}}, "helt antall dager"),
    ({"sak": {"forventet_varighet_dager": -1}}, "negativ"),
    ({"sak": {"vedtak_mottatt": "1. desember"}}, "dato"),
    ({"sak": {"endring": "mer"}}, "ugyldig verdi"),
    ({"sak": {"vedtak_mottatt": dt.date(9999, 12, 30)}}, "mellom år 1900 og 2100"),
    ({"sak": {"hastesak": True}}, "ukjent felt «hastesak»"),
    ({"sak": [1, 2]}, "tabell"),
])
def test_answer_rejects_bad_cases(kb, case, message):
    with pytest.raises(CaseError, match=message):
        answer(case, kb)


def run(args, cwd, input=None):
    return subprocess.run(kb_command() + list(args), capture_output=True, text=True, cwd=cwd, input=input,
                          timeout=120)


def test_cli_json(tmp_path, root):
    case = tmp_path / "sak.yaml"
    case.write_text("tjeneste: korttidsplass\nsak:\n  utfall: innvilget\n  egenandel: true\n"
                    "  forventet_varighet_dager: 10\n  forventet_saksbehandlingstid_dager: 20\n"
                    "  vedtak_mottatt: 2026-12-01\n  endring: reduksjon\n  enig_med_bruker: false\n"
                    "  beskrevet_i_vedtaket: false\n", encoding="utf-8")
    proc = run(["--data", str(root), "procedure", str(case), "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == list(ANSWERS) + ["begrunnelse"]
    assert out["enkeltvedtak_kreves"] is True and out["forvaltningsmelding_kreves"] is True
    assert out["forhandsvarsel_kreves"] is True
    assert out["vedtaksmal"] == {"id": 541, "navn": "OK_Sak - Innvilget med betaling, fast sats"}
    kb = load_kb_or_raise(root)
    pid = "klagefrist-uker-lovpalagt" if kb.tjenester["korttidsplass"].lovpalagt else "klagefrist-uker-ikke-lovpalagt"
    expected = plus_weeks(dt.date(2026, 12, 1), weeks(kb, pid))
    assert out["klagefrist"] == expected


def test_cli_text_says_veiledende(tmp_path, root):
    proc = run(["--data", str(root), "procedure", "-"], tmp_path, input="tjeneste: bpa\nsak: {utfall: avslag}\n")
    assert proc.returncode == 0, proc.stderr
    assert "VEILEDENDE" in proc.stdout
    assert "509 OK_Sak – Avslag" in proc.stdout


@pytest.mark.parametrize("text,line,message", [
    ("tjeneste: bpa\nsak: {utfall: ja}\n", 2, "ugyldig verdi"),
    ("tjeneste: sykehjem\n", 1, "ukjent tjeneste"),
    ("tjeneste: bpa\nsak:\n  foo: 1\n", 3, "ukjent felt «foo»"),
    ("tjeneste: bpa\nsak:\n  egenandel: kanskje\n", 3, "ja eller nei"),
    ("tjeneste: bpa\nsak:\n  vedtak_mottatt: 2026-13-01\n", 3, "ugyldig dato"),
    ("tjeneste: bpa\nsak:\n  forventet_varighet_dager: ti\n", 3, "helt antall dager"),
    ("!!python/object/apply:os.system [echo hei]\n", 1, "taggen er ikke tillatt"),
    ("tjeneste: [bpa\n", 2, "ugyldig YAML"),
    ("- bpa\n", 1, "tabell"),
])
def test_cli_bad_input_exits_2_with_one_line(tmp_path, root, text, line, message):
    case = tmp_path / "sak.yaml"
    case.write_text(text, encoding="utf-8")
    proc = run(["--data", str(root), "procedure", str(case), "--json"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"sak.yaml:{line}:" in lines[0]
    assert message in lines[0]


def test_cli_missing_file(tmp_path, root):
    proc = run(["--data", str(root), "procedure", "finnes-ikke.yaml"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "kb: finnes-ikke.yaml: filen finnes ikke"
