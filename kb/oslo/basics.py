"""Names shared by the Oslo routine's modules: the document id, the contract's service ids, the
outcome and change vocabularies, and small text helpers."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

DOKUMENT = "oslo-gerica-rutine"
"""Id of the routine in ``kilder.yaml``."""

SERVICE_IDS: tuple[str, ...] = (
    "velferdsteknologi", "middagsombringing", "stottekontakt", "dagaktivitet-funksjonsnedsettelse",
    "parorendestotte", "avlastning", "omsorgsstonad", "dagaktivitet-demens", "praktisk-bistand", "bpa",
    "helsetjenester-i-hjemmet", "hverdagsrehabilitering", "psykisk-helse-og-rus",
    "koordinator-individuell-plan", "barnekoordinator", "omsorgsbolig", "korttidsplass", "langtidsopphold")
"""The regional service ids of the public contract (docs/utviklere/arkitektur.md), whether or not
their files exist yet."""

Utfall = Literal["innvilget", "avslag", "avvisning", "opphor",
                 "utsatt_iverksettelse_innvilget", "utsatt_iverksettelse_avslag"]
"""Outcome of a case in ``kb procedure``."""

Endring = Literal["okning", "reduksjon", "opphor", "forlengelse"]
"""A change to an existing decision."""

PLACEHOLDER = re.compile(r"\{([a-z0-9_]+(?::[a-z0-9-]+)?)\}")
"""A placeholder in an answer's reason: ``{felt}``, ``{p:parameter}`` or ``{mal:id}``."""

SectionNumber = Annotated[str, Field(pattern=r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")]


def normalize(text: str) -> str:
    """Text with all whitespace runs collapsed to one space (for quote checks)."""
    return " ".join(str(text).split())


def slugify(text: str) -> str:
    """ASCII slug for URLs: ``2.3 Registrering av søknad`` → ``2-3-registrering-av-soknad``."""
    s = text.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("é", "e")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


