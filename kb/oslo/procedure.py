"""``kb procedure``: answer Oslo's Gerica routine's questions for a case (veiledende).

The routine's decisions are data: each rule in ``kb/data/oslo/regler.yaml`` has its answers
(``svar``) with a condition in the rule language over the ``sak`` fields and the service's
properties, next to its quote; this module evaluates them generically (:mod:`kb.oslo.decide`).
Numbers come from ``kb/data/parametre.yaml``.

Input (every field optional)::

    tjeneste: korttidsplass
    sak:
      utfall: innvilget      # innvilget | avslag | avvisning | opphor |
                             # utsatt_iverksettelse_innvilget | utsatt_iverksettelse_avslag
      egenandel: true
      forventet_varighet_dager: 10
      forventet_saksbehandlingstid_dager: 20
      vedtak_mottatt: 2026-12-01
      endring: reduksjon     # okning | reduksjon | opphor | forlengelse
      enig_med_bruker: false
      beskrevet_i_vedtaket: false
      gitt_etter_helse_og_omsorgstjenesteloven: true  # where «lovpalagt» is «avhenger»
      gitt_som_avlastning: false   # a korttidsplass given as avlastning is free
      etter_brukers_onske: false   # the user has said the service is no longer wanted (2.9)

Output: ``enkeltvedtak_kreves``, ``forvaltningsmelding_kreves``, ``forhandsvarsel_kreves``
(true/false, or null when the input does not decide it), ``vedtaksmal`` (``{"id", "navn"}`` or
null), ``klagefrist`` (ISO date or null), ``klageinstans`` and ``begrunnelse``: for each answer
the rule (``regler.yaml``, or the template mapping), its quoted text, its section and why.

Every number (14 days, 4 and 3 weeks) is a parameter. When the case does not say whether the
service has a fee, the service's own ``egenandel`` (ja/nei) is used and the reason says so;
``avhenger`` leaves it unknown. Unknown input gives ``null`` with the missing fields named.

Example::

    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> a = answer({"tjeneste": "korttidsplass",
    ...             "sak": {"utfall": "avslag", "forventet_saksbehandlingstid_dager": 20}}, load_kb_or_raise())
    >>> a["enkeltvedtak_kreves"], a["forvaltningsmelding_kreves"], a["vedtaksmal"]["id"]
    (True, True, 509)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping, Protocol

from pydantic import ValidationError

from kb.reading.casefile import NOT_A_MAPPING, YES_NO, CaseError, as_numbers_read, reject_unknown_keys, shorten, shown
from kb.reading.messages import describe_error
from kb.oslo.decide import CaseContext, decide_question
from kb.oslo.models import SERVICE_IDS, Mal, OsloRutine, Sak


class KnowledgeBase(Protocol):
    """What the procedure reads from a knowledge base.

    The caller (the CLI, the site, a test) loads one (:class:`kb.knowledge.loader.KnowledgeBase`)
    and hands it in; this wing stands below the knowledge base, so it neither loads nor imports it.
    """

    oslo: OsloRutine | None
    tjenester: Mapping[str, Any]
    """The services by id (:class:`kb.criteria.models.Tjeneste`; the procedure reads their ``navn``,
    ``lovpalagt`` and ``egenandel``, and does not import the criteria wing, its peer)."""
    maler: Mapping[str, Mal]

    def parameterverdier(self, dato: dt.date) -> Mapping[str, int | float]: ...

    def kilde_tekst(self, dokument: str, avsnitt: str) -> str: ...

CASE_KEYS = frozenset({"tjeneste", "sak", "kommune", "opplysninger", "vurderingsdato"})
"""Keys a case file may have: ``sak`` is read here; ``kommune``, ``opplysninger`` and
``vurderingsdato`` belong to ``kb evaluate``, so one case file serves both commands."""
SAK_KEYS = frozenset(Sak.model_fields)
"""Keys of the ``sak`` mapping."""
ANSWERS = ("enkeltvedtak_kreves", "forvaltningsmelding_kreves", "forhandsvarsel_kreves",
           "vedtaksmal", "klagefrist", "klageinstans")
"""The output's answer keys, in order (``begrunnelse`` follows them)."""

YEARS = (1900, 2100)
"""The years a decision may be received in (``vedtak_mottatt``); the browser's holiday table covers
them (and the year after, where the last deadlines end)."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""ÅÅÅÅ-MM-DD in ASCII digits (used with ``fullmatch``: no stray newline, no other digits)."""


# --- reading the case --------------------------------------------------------------


def parse_case(case: Any, kb: KnowledgeBase) -> tuple[str | None, Sak]:
    """Validate a case mapping; return the service id (or ``None``) and the typed ``sak``.

    Raises :class:`kb.criteria.evaluate.CaseError` (with the data path of the bad value) for unknown
    keys, an unknown service, wrong types, bad enum values and bad dates.
    """
    if not isinstance(case, Mapping):
        raise CaseError(NOT_A_MAPPING)
    case = as_numbers_read(case)
    reject_unknown_keys(case, CASE_KEYS)
    sid = case.get("tjeneste")
    if sid is not None:
        if not isinstance(sid, str):
            raise CaseError(f"«tjeneste» skal være en tjeneste-id (tekst), fikk {sid!r}", ("tjeneste",))
        known = set(SERVICE_IDS) | set(kb.tjenester)
        if sid not in known:
            raise CaseError(f"ukjent tjeneste «{shorten(sid, 40)}» (kjente: {', '.join(sorted(known))})",
                            ("tjeneste",))
    raw = case.get("sak")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CaseError(f"«sak» skal være en tabell (nøkkel: verdi), f.eks. «utfall: innvilget», fikk {shown(raw)}",
                        ("sak",))
    data = dict(raw)
    reject_unknown_keys(data, SAK_KEYS, ("sak",), "i «sak»")
    for name in ("egenandel", "enig_med_bruker", "beskrevet_i_vedtaket", "gitt_etter_helse_og_omsorgstjenesteloven",
                 "gitt_som_avlastning", "etter_brukers_onske"):
        value = data.get(name)
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            data[name] = YES_NO[value.strip().lower()]
    value = data.get("vedtak_mottatt")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            data["vedtak_mottatt"] = dt.date.fromisoformat(value)
        except ValueError:
            raise CaseError(f"«vedtak_mottatt» er ikke en gyldig dato: {value!r}",
                            ("sak", "vedtak_mottatt")) from None
    try:
        sak = Sak.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "sak"
        raise CaseError(describe_error(err), ("sak", name)) from None
    check_bounds(sak, kb)
    if sak.utfall == "opphor" and sak.endring in ("okning", "forlengelse"):
        raise CaseError(f"«utfall: opphor» og «endring: {sak.endring}» motsier hverandre: et opphør er verken "
                        "en økning eller en forlengelse (rett ett av feltene)", ("sak", "endring"))
    if sak.gitt_som_avlastning and sak.egenandel:
        raise CaseError("«egenandel: ja» og «gitt_som_avlastning: ja» motsier hverandre: avlastning er gratis "
                        "(rett ett av feltene)", ("sak", "egenandel"))
    if sak.vedtak_mottatt is not None and not YEARS[0] <= sak.vedtak_mottatt.year <= YEARS[1]:
        raise CaseError(f"«vedtak_mottatt» må være en dato mellom år {YEARS[0]} og {YEARS[1]}, "
                        f"fikk {sak.vedtak_mottatt.isoformat()}", ("sak", "vedtak_mottatt"))
    return sid, sak


def check_bounds(sak: Sak, kb: KnowledgeBase) -> None:
    """Refuse a whole number outside its field's ``min``/``max`` (``saksfelter.yaml``).

    The message names the field and its bounds; the browser's ``kb.procedure`` gives the same.
    """
    for name, felt in (kb.oslo.saksfelter if kb.oslo else {}).items():
        value = getattr(sak, name, None)
        if felt.type != "heltall" or not isinstance(value, int) or isinstance(value, bool):
            continue
        if (felt.min is not None and value < felt.min) or (felt.max is not None and value > felt.max):
            unit = f" {felt.enhet}" if felt.enhet else ""
            low = felt.min if felt.min is not None else "…"
            high = felt.max if felt.max is not None else "…"
            raise CaseError(f"«{name}» må være mellom {low} og {high}{unit}, fikk {value}", ("sak", name))


# --- answering ---------------------------------------------------------------------


def answer(case: Mapping, kb: KnowledgeBase) -> dict:
    """Answer the routine's questions for ``case`` (``tjeneste`` and ``sak``); see the module docs.

    Raises :class:`kb.reading.casefile.CaseError` when the case is invalid.
    """
    if kb.oslo is None or not kb.oslo.regler:
        raise CaseError("kunnskapsbasen mangler Oslo-rutinen (kb/data/oslo/rutine.yaml og regler.yaml)")
    sid, sak = parse_case(case, kb)
    when = assessment_date(case)
    context = CaseContext.build(kb, sid, sak, when)
    out: dict = {}
    begrunnelse: list[dict] = []
    for question in ANSWERS:
        value, reasons = decide_question(kb, question, context)
        out[question] = value
        begrunnelse += reasons
    out["begrunnelse"] = begrunnelse
    return out


def assessment_date(case: Mapping) -> dt.date:
    """The date whose parameter values apply: the case's ``vurderingsdato``, else today."""
    when = case.get("vurderingsdato")
    if isinstance(when, str) and _ISO_DATE.fullmatch(when):
        try:
            return dt.date.fromisoformat(when)
        except ValueError:
            pass
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        return when
    if when is not None:
        raise CaseError(f"«vurderingsdato» skal være en dato (ÅÅÅÅ-MM-DD), fikk {shown(when)}", ("vurderingsdato",))
    return dt.date.today()
