"""Legal parameters (``kb/data/parametre.yaml``): every number the rules, the procedure, the
klagefrist and the pages use, in one place, OpenFisca style.

Each parameter has values keyed by the date they take effect (``fra``); the value in force on an
assessment date is the latest whose ``fra`` is on or before it (a value without ``fra`` applies
from the beginning). Rules refer to a parameter with ``verdi: {parameter: id}``.

Example::

    >>> import datetime as dt
    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> load_kb_or_raise().parameterverdier(dt.date(2026, 12, 1))["bpa-aldersgrense"]
    67
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from kb.reading.schema import Kilde, Lovhenvisning, NonEmpty, Slug, Strict


class ParameterVerdi(Strict):
    """One value of a parameter, from a date, with its source."""

    fra: dt.date | None = None
    """First day the value applies; ``None`` when the source gives no date (applies from the start)."""
    verdi: int | float
    kilde: Kilde
    sitat: NonEmpty
    """The source's words that state the number (checked against the restored text)."""
    lovhenvisninger: list[Lovhenvisning] = []
    """The law the text names for the number, if any."""
    merknad: str = ""


class Parameter(Strict):
    """A legal number with its values over time."""

    id: Slug
    beskrivelse: NonEmpty
    enhet: NonEmpty
    """Unit in Norwegian, e.g. ``år``, ``uker``, ``dager``, ``timer per uke``."""
    verdier: list[ParameterVerdi] = Field(min_length=1)

    @model_validator(mode="after")
    def _dated_in_order(self) -> "Parameter":
        dates = [v.fra for v in self.verdier]
        if None in dates[1:]:
            raise ValueError("bare den første verdien kan stå uten «fra»: skriv «fra: ÅÅÅÅ-MM-DD» (datoen den nye verdien gjelder fra) på hver ny verdi, eller fjern den nye verdien")
        known = [d for d in dates if d is not None]
        if known != sorted(set(known)):
            raise ValueError("verdiene skal stå med stigende «fra»-dato, hver dato én gang: flytt verdien etter den med tidligere dato, eller rett datoen")
        return self

    def gjeldende(self, dato: dt.date) -> ParameterVerdi | None:
        """The value in force on ``dato`` (``None`` before the first dated value)."""
        current = None
        for v in self.verdier:
            if v.fra is None or v.fra <= dato:
                current = v
        return current


def values_on(parametre: dict[str, Parameter], dato: dt.date) -> dict[str, int | float]:
    """Every parameter's value in force on ``dato`` (parameters with none are left out)."""
    out = {}
    for pid, p in parametre.items():
        v = p.gjeldende(dato)
        if v is not None:
            out[pid] = v.verdi
    return out
