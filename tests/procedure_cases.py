"""Cases for comparing the two engines of ``kb procedure``: the Python answer, and random cases."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import strategies as st

from kb.oslo.models import SERVICE_IDS
from kb.oslo.procedure import answer
from kb.reading.casefile import NOT_A_MAPPING, CaseError, one_line

JS_PROCEDURE_ALL = """cases => Promise.all(cases.map(c => globalThis.kb.procedure(c).then(
    r => ({ok: r}), e => ({error: e instanceof Error ? e.message : String(e)}))))"""
"""Answers a list of cases in the page; each answer is ``{ok: result}`` or ``{error: message}``."""


def python_procedure(case, kb) -> dict:
    """``{"ok": <kb procedure --json>}`` or ``{"error": <the CLI's message without file and line>}``."""
    if not isinstance(case, dict):
        return {"error": NOT_A_MAPPING}
    try:
        return {"ok": json.loads(json.dumps(answer(case, kb), ensure_ascii=False))}
    except CaseError as exc:
        return {"error": one_line(str(exc))}


# Dates near holidays and year ends, inside the browser's holiday table (built for the build year
# −5 … +10), plus invalid ones.
_DATES = st.one_of(st.dates(min_value=dt.date(2024, 1, 1),
                            max_value=dt.date(2030, 12, 31)).map(lambda d: d.isoformat()),
                   st.sampled_from(["2026-12-04", "2026-03-05", "2025-12-20", "2026-02-30", "01.12.2026",
                                    "1800-01-01", "2026-1-1"]),
                   st.integers(0, 30000000), st.booleans())
# Characters chosen so both engines agree on which are printable (Python's and Chromium's Unicode
# versions differ on newly assigned characters).
_TEXT = st.text(st.sampled_from(list("abcæøå ÆØÅ-_'\"\\\n\t\x00\x85\u2028\u200b€😀1")), max_size=8)
_BAD = st.one_of(_TEXT, st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False,
                                                                          width=32), st.booleans(), st.none())
_YES_NO = st.one_of(st.booleans(), st.sampled_from(["ja", "nei", " Ja ", "NEI", "kanskje"]), _BAD)
_DAYS = st.one_of(st.integers(-2, 40), st.sampled_from([13, 14, 15]), _BAD)
_SAK = st.fixed_dictionaries({}, optional={
    "utfall": st.one_of(st.sampled_from(["innvilget", "avslag", "avvisning", "opphor",
                                         "utsatt_iverksettelse_innvilget", "utsatt_iverksettelse_avslag"]), _BAD),
    "endring": st.one_of(st.sampled_from(["okning", "reduksjon", "opphor", "forlengelse"]), _BAD),
    "egenandel": _YES_NO, "enig_med_bruker": _YES_NO, "beskrevet_i_vedtaket": _YES_NO,
    "gitt_etter_helse_og_omsorgstjenesteloven": _YES_NO, "gitt_som_avlastning": _YES_NO,
    "etter_brukers_onske": _YES_NO,
    "forventet_varighet_dager": _DAYS, "forventet_saksbehandlingstid_dager": _DAYS,
    "vedtak_mottatt": _DATES})


def random_procedure_case(kb):
    """A random case: any service (or none, or an unknown one), a random ``sak`` with missing and
    bad values, sometimes a vurderingsdato or an unknown key."""
    services = st.sampled_from(sorted(set(SERVICE_IDS) | set(kb.tjenester)) + ["finnes-ikke"])
    return st.fixed_dictionaries({"sak": _SAK}, optional={
        "tjeneste": st.one_of(services, services, services, st.integers(0, 3)),
        "vurderingsdato": st.one_of(st.sampled_from(["2026-06-01", "2027-01-01", "2026-13-01"]), st.integers(0, 9)),
        "kommune": st.just("oslo"),
        "navn": st.just("Kari")})
