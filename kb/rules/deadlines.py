"""Klagefrist: the complaint deadline for a decision, with the rule that gave it.

Four weeks for statutory services (pasient- og brukerrettighetsloven § 7-5) and three weeks for
the others (forvaltningsloven § 29) (regional criteria, *Klageadgang*; the numbers are the parameters ``klagefrist-uker-lovpalagt`` and
``klagefrist-uker-ikke-lovpalagt`` in ``kb/data/parametre.yaml``), counted from the day the
decision was received. The deadline is computed as domstolloven §§ 148–149 say: a deadline
in weeks ends on the same weekday as the day it counts from, and when that day is a
Saturday, Sunday or public holiday it moves to the next working day. Norwegian public
holidays come from the ``holidays`` package.

The number of weeks is handed in by the caller, read from the parameters in force (this module
never loads the knowledge base):

    >>> import datetime as dt
    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> parametre = load_kb_or_raise().parameterverdier(dt.date(2026, 12, 4))
    >>> frist = klagefrist(dt.date(2026, 12, 4), lovpalagt=False, uker=klagefrist_uker(parametre, False))
    >>> frist.dato, frist.uker, frist.forskjovet
    (datetime.date(2026, 12, 28), 3, True)
    >>> frist.regler
    ('klagefrist-ikke-lovpalagt', 'fristberegning')
    >>> "første juledag" in frist.forklaring and "domstolloven § 149" in frist.forklaring
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import holidays

RULE_STATUTORY = "klagefrist-lovpalagt"
RULE_OTHER = "klagefrist-ikke-lovpalagt"
RULE_COUNTING = "fristberegning"
"""Ids of the rules in ``regler.yaml`` that this module applies."""

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


@dataclass(frozen=True)
class Frist:
    """A computed deadline: the last day, how it was found, and the rules used."""

    dato: dt.date
    """The last day to complain."""
    uker: int
    mottatt: dt.date
    forskjovet: bool
    """True when the deadline moved because the last day was not a working day."""
    forklaring: str
    """The computation in Norwegian, naming the rule."""
    regler: tuple[str, ...]
    """Ids of the rules used (``regler.yaml``)."""


def norsk_dato(d: dt.date) -> str:
    """``fredag 4. desember 2026``."""
    return f"{WEEKDAYS[d.weekday()]} {d.day}. {MONTHS[d.month - 1]} {d.year}"


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    # Sundays are handled as weekend days below; the package's own Sunday entries are not needed.
    return holidays.Norway(years=year, language="no", include_sundays=False)


def fridag(d: dt.date) -> str | None:
    """Why ``d`` is not a working day (``en lørdag``, ``en søndag`` or the holiday's name), or ``None``."""
    name = _holidays(d.year).get(d)
    if name:
        parts = [n.strip() for n in str(name).split(";")]
        return " og ".join(n if n.startswith("Kristi") else n[:1].lower() + n[1:] for n in parts)
    if d.weekday() >= 5:
        return "en " + WEEKDAYS[d.weekday()]
    return None


def neste_virkedag(d: dt.date) -> dt.date:
    """``d`` itself when it is a working day, else the next working day (domstolloven § 149)."""
    while fridag(d):
        d += dt.timedelta(days=1)
    return d


WEEKS_PARAMETER = {True: "klagefrist-uker-lovpalagt", False: "klagefrist-uker-ikke-lovpalagt"}
"""The parameter (``parametre.yaml``) that holds the klagefrist in weeks, by whether the service is
statutory."""


def klagefrist_uker(parametre: Mapping[str, float], lovpalagt: bool) -> int:
    """The klagefrist in weeks from the parameter values in force (``kb.parameterverdier(dato)``).

    >>> klagefrist_uker({"klagefrist-uker-lovpalagt": 4, "klagefrist-uker-ikke-lovpalagt": 3}, True)
    4
    """
    return int(parametre[WEEKS_PARAMETER[lovpalagt]])


LAW_STATUTORY = "pasient- og brukerrettighetsloven § 7-5"
LAW_OTHER = "forvaltningsloven § 29"
"""The law behind each deadline, named in the explanation."""


def klagefrist(mottatt: dt.date, lovpalagt: bool, *, uker: int, hvilken: str | None = None) -> Frist:
    """The complaint deadline for a decision received on ``mottatt``.

    ``uker`` is the number of weeks in force: the parameter ``klagefrist-uker-lovpalagt`` (four
    weeks) or ``klagefrist-uker-ikke-lovpalagt`` (three), as :func:`klagefrist_uker` reads it;
    ``lovpalagt`` names the rule and the law the explanation cites; ``hvilken`` says why the
    deadline applies when it is not simply whether the service is statutory.
    """
    if isinstance(mottatt, dt.datetime) or not isinstance(mottatt, dt.date):
        raise TypeError("mottatt skal være en dato (datetime.date)")
    if not isinstance(lovpalagt, bool):
        raise TypeError("lovpalagt skal være True eller False")
    if isinstance(uker, bool) or not isinstance(uker, int):
        raise TypeError("uker skal være et heltall (parameteren som gjelder)")
    rule = RULE_STATUTORY if lovpalagt else RULE_OTHER
    siste = mottatt + dt.timedelta(weeks=uker)
    dato = neste_virkedag(siste)
    if hvilken is None:
        hvilken = "tjenesten er lovpålagt" if lovpalagt else "tjenesten er ikke lovpålagt"
    law = LAW_STATUTORY if lovpalagt else LAW_OTHER
    text = [f"Klagefristen er {uker} uker fra vedtaket ble mottatt {norsk_dato(mottatt)} ({hvilken}; {law})."]
    text.append(f"En frist i uker går ut på samme ukedag (domstolloven § 148): {norsk_dato(siste)}.")
    if dato != siste:
        hvorfor = ", ".join(f"{norsk_dato(d)} er {fridag(d)}" for d in _days(siste, dato))
        text.append(f"Fristen forlenges til nærmeste virkedag fordi {hvorfor} (domstolloven § 149): "
                    f"{norsk_dato(dato)}.")
    return Frist(dato=dato, uker=uker, mottatt=mottatt, forskjovet=dato != siste,
                 forklaring=" ".join(text), regler=(rule, RULE_COUNTING))


def _days(start: dt.date, end: dt.date):
    d = start
    while d < end:
        yield d
        d += dt.timedelta(days=1)
