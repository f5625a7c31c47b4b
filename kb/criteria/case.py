"""Reading a case for the evaluator: service, municipality (id or name), facts, assessment date.

The municipality decides the criteria set (``kriteriesett.yaml``); a municipality that no set
covers is an error that says which set covers which municipalities. Yes/no facts accept
``ja``/``nei``; numbers are checked against the vocabulary's type and bounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from kb.reading.casefile import NOT_A_MAPPING, SAFE_INTEGER, YES_NO, CaseError, as_numbers_read, checked_order, reject_unknown_keys, shorten, shown
from kb.reading.schema import Kommune, Lov, Opplysning
from kb.criteria.models import Kriteriesett, Tjeneste


class KnowledgeBase(Protocol):
    """What the evaluator reads from a knowledge base.

    The caller (the CLI, the site, a test) loads one (:class:`kb.knowledge.loader.KnowledgeBase`)
    and hands it in; this wing stands below the knowledge base, so it neither loads nor imports it.
    """

    tjenester: Mapping[str, Tjeneste]
    kommuner: Mapping[str, Kommune]
    kriteriesett: Mapping[str, Kriteriesett]
    opplysninger: Mapping[str, Opplysning]
    lover: Mapping[str, Lov]

    def tjenester_per_sett(self) -> Mapping[str, Mapping[str, Tjeneste]]: ...

    def parameterverdier(self, dato: dt.date) -> Mapping[str, int | float]: ...

    def kilde_tekst(self, dokument: str, avsnitt: str) -> str: ...

    def kilde_korttittel(self, dokument: str) -> str: ...

CASE_KEYS = frozenset({"tjeneste", "kommune", "opplysninger", "vurderingsdato", "sak"})
"""Keys a case file may have (``sak`` is read by ``kb procedure``, so one file serves both)."""


def criteria_set_for(kb: KnowledgeBase, sid: str, kommune: str | None) -> str:
    """The id of the criteria set to use: the one covering ``kommune``, or (without a
    municipality) the first set that has the service."""
    sets = kb.tjenester_per_sett()
    if kommune is None or not kb.kriteriesett:
        return next(s for s, services in sets.items() if sid in services)
    for sett in kb.kriteriesett.values():
        if kommune in sett.kommuner:
            if sid not in sets.get(sett.id, {}):
                raise CaseError(f"kriteriesettet «{sett.navn}» ({sett.region}) har ikke tjenesten «{sid}»",
                                ("tjeneste",))
            return sett.id
    name = kb.kommuner[kommune].navn
    covered = "; ".join(f"«{s.navn}» ({s.region}) gjelder {', '.join(kb.kommuner[k].navn for k in s.kommuner if k in kb.kommuner)}"
                        for s in kb.kriteriesett.values())
    raise CaseError(f"ingen kriterier i kunnskapsbasen gjelder for {name} kommune: {covered}", ("kommune",))


def validate_case(case: Mapping[str, Any], kb: KnowledgeBase) -> tuple[Tjeneste, str | None, dict, dt.date]:
    """Check a case against the knowledge base; return the service (from the criteria set that
    covers the municipality), the municipality id, the facts and the assessment date.

    Numbers are read as the browser holds them (:func:`kb.reading.casefile.as_numbers_read`) and
    keys are checked in :func:`kb.reading.casefile.checked_order`, so both engines name the same
    error first.

    Raises :class:`CaseError` naming the bad value.
    """
    checked = _common_case(case, kb)
    return checked if checked is not None else _checked_case(case, kb)


def _checked_case(case: Mapping[str, Any], kb: KnowledgeBase) -> tuple[Tjeneste, str | None, dict, dt.date]:
    """:func:`validate_case` step by step: every check in order, so the first problem is the one named."""
    if not isinstance(case, Mapping):
        raise CaseError(NOT_A_MAPPING)
    case = as_numbers_read(case)
    reject_unknown_keys(case, CASE_KEYS)
    sid = case.get("tjeneste")
    if sid is None:
        raise CaseError("mangler feltet «tjeneste» (tjenestens id, f.eks. bpa)")
    if not isinstance(sid, str) or not any(sid in s for s in kb.tjenester_per_sett().values()):
        raise CaseError(f"ukjent tjeneste {shown(sid)} (kjente: {', '.join(sorted(kb.tjenester))})", ("tjeneste",))
    kommune = municipality_id(case.get("kommune"), kb)
    sett = criteria_set_for(kb, sid, kommune)
    facts = case.get("opplysninger")
    if facts is None:
        facts = {}
    if not isinstance(facts, Mapping):
        raise CaseError(f"«opplysninger» skal være en tabell (navn: verdi), fikk {shown(facts)}",
                        ("opplysninger",))
    clean = {}
    for name in checked_order(facts):
        value = facts[name]
        definition = kb.opplysninger.get(name) if isinstance(name, str) else None
        if definition is None:
            raise CaseError(f"ukjent opplysning «{shorten(str(name), 40)}» (se faktavokabularet, "
                            "kb/data/opplysninger.yaml)", ("opplysninger", name))
        if value is not None:
            clean[name] = fact_value(definition, value, ("opplysninger", name))
    when = case.get("vurderingsdato")
    if when is None:
        when = dt.date.today()
    elif isinstance(when, str):
        try:
            when = dt.date.fromisoformat(when)
        except ValueError:
            raise CaseError(f"«vurderingsdato» skal være en dato (ÅÅÅÅ-MM-DD), fikk {shown(when)}",
                            ("vurderingsdato",)) from None
    elif isinstance(when, dt.datetime) or not isinstance(when, dt.date):
        raise CaseError(f"«vurderingsdato» skal være en dato (ÅÅÅÅ-MM-DD), fikk {shown(when)}", ("vurderingsdato",))
    t = kb.tjenester_per_sett()[sett][sid]
    if (t.gyldig_fra and when < t.gyldig_fra) or (t.gyldig_til and when > t.gyldig_til):
        raise CaseError(f"kriteriene for «{sid}» gjelder ikke på vurderingsdatoen {when.isoformat()}",
                        ("vurderingsdato",))
    return t, kommune, clean, when


_DATES: dict[str, dt.date] = {}
"""Assessment dates read from text, by their text."""
_TABLES: dict[int, tuple] = {}
"""Per knowledge base (by ``id``, with the mappings read, so a new one is never taken for an
old one): the facts' checks and the criteria sets of services by municipality (:func:`_tables`)."""
_LARGEST = SAFE_INTEGER - 1


def _tables(kb: KnowledgeBase) -> tuple[dict, dict]:
    """``(facts, routes)`` of ``kb``: each fact's ``(yes_no, lowest, highest, definition)``,
    where a whole number within ``lowest``–``highest`` is taken as it is; and ``(service,
    municipality) → service`` for the pairs already found to have a criteria set."""
    found = _TABLES.get(id(kb))
    if (found is not None and found[0] is kb and found[1] is kb.opplysninger and found[2] is kb.kommuner
            and found[3] is kb.kriteriesett):
        return found[4], found[5]
    facts = {}
    for name, d in kb.opplysninger.items():
        lowest = -_LARGEST if d.min is None else max(d.min, -_LARGEST)
        highest = _LARGEST if d.max is None else min(d.max, _LARGEST)
        facts[name] = (d.type == "ja_nei", lowest, highest, d)
    if len(_TABLES) > 100:
        _TABLES.clear()
    _TABLES[id(kb)] = (kb, kb.opplysninger, kb.kommuner, kb.kriteriesett, facts, {})
    return facts, _TABLES[id(kb)][5]


def _common_case(case: Any, kb: KnowledgeBase) -> tuple[Tjeneste, str | None, dict, dt.date] | None:
    """:func:`validate_case` for a case with nothing to report (a dict with known keys, a known
    service and municipality id, known facts with values of their type, a date or none), in
    one pass; ``None`` for anything else, which :func:`_checked_case` then reads and names."""
    if type(case) is not dict or not case.keys() <= CASE_KEYS:
        return None
    facts_table, routes = _tables(kb)
    sid = case.get("tjeneste")
    kommune = case.get("kommune")
    t = routes.get((sid, kommune)) if type(sid) is str and (kommune is None or type(kommune) is str) else None
    if t is None:
        if type(sid) is not str or (kommune is not None and (type(kommune) is not str or kommune not in kb.kommuner)):
            return None
        sets = kb.tjenester_per_sett()
        if not any(sid in s for s in sets.values()):
            return None
        try:
            t = sets[criteria_set_for(kb, sid, kommune)][sid]
        except CaseError:
            return None
        routes[(sid, kommune)] = t
    facts = case.get("opplysninger")
    clean: dict = {}
    if facts is not None:
        if type(facts) is not dict:
            return None
        for name, value in facts.items():
            entry = facts_table.get(name)
            if entry is None:
                return None
            if value is None:
                continue
            kind = type(value)
            if entry[0]:  # yes/no
                if kind is bool:
                    clean[name] = value
                    continue
                if kind is str:
                    word = YES_NO.get(value.strip().lower())
                    if word is not None:
                        clean[name] = word
                        continue
                return None
            if kind is int and entry[1] <= value <= entry[2]:
                clean[name] = value
                continue
            if kind is float:  # as both engines hold numbers (kb.reading.casefile.as_numbers_read)
                if value.is_integer() and -SAFE_INTEGER < value < SAFE_INTEGER:
                    value = int(value)
            elif kind is not int or not -SAFE_INTEGER < value < SAFE_INTEGER:
                return None
            try:
                clean[name] = fact_value(entry[3], value, ("opplysninger", name))
            except CaseError:
                return None
    when = case.get("vurderingsdato")
    if when is None:
        when = dt.date.today()
    elif type(when) is str:
        read = _DATES.get(when)
        if read is None:
            try:
                read = dt.date.fromisoformat(when)
            except ValueError:
                return None
            if len(_DATES) > 10_000:
                _DATES.clear()
            _DATES[when] = read
        when = read
    elif type(when) is not dt.date:
        return None
    if (t.gyldig_fra and when < t.gyldig_fra) or (t.gyldig_til and when > t.gyldig_til):
        return None
    return t, kommune, clean, when


def municipality_id(value: Any, kb: KnowledgeBase) -> str | None:
    """The municipality's id for ``value``: its id (``gjovik``) or its name in any case (``Gjøvik``)."""
    if value is None:
        return None
    if isinstance(value, str):
        if value in kb.kommuner:
            return value
        folded = value.strip().casefold()
        for k in kb.kommuner.values():
            if folded in (k.id, k.navn.casefold()):
                return k.id
    raise CaseError(f"ukjent kommune {shown(value)} (kjente: {', '.join(sorted(kb.kommuner))})", ("kommune",))


def fact_value(d: Opplysning, value: Any, loc: tuple) -> bool | int | float:
    """``value`` checked against the fact's type and bounds; ``ja``/``nei`` become booleans."""
    kind = type(value)
    if d.type == "ja_nei":
        if kind is bool:
            return value
        if kind is str and value.strip().lower() in YES_NO:
            return YES_NO[value.strip().lower()]
        if not isinstance(value, bool):
            raise CaseError(f"«{d.navn}» skal være ja eller nei (eller true/false), fikk {shown(value)}", loc)
        return value
    if kind is int and (d.min is None or value >= d.min) and (d.max is None or value <= d.max):
        return value  # the common case: a whole number within bounds
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CaseError(f"«{d.navn}» skal være et tall{f' ({d.enhet})' if d.enhet else ''}, fikk {shown(value)}",
                        loc)
    if d.type == "heltall" and not (isinstance(value, int) or float(value).is_integer()):
        raise CaseError(f"«{d.navn}» skal være et heltall, fikk {shown(value)}", loc)
    if value != value or value in (float("inf"), float("-inf")):
        raise CaseError(f"«{d.navn}» skal være et endelig tall, fikk {shown(value)}", loc)
    if (d.min is not None and value < d.min) or (d.max is not None and value > d.max):
        raise CaseError(f"«{d.navn}» = {shown(value)} er utenfor gyldig område ({d.min}–{d.max})", loc)
    return value


