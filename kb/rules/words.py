"""The words people read: one vocabulary for the Python engine, the command line and the browser.

Text meant for a person names a fact by its label (``etikett`` in ``opplysninger.yaml``, e.g.
«alder», «BPA innvilget før 67 år»), a criterion by its short title, an outcome in words, a date
as dd.mm.åååå and a number with a decimal comma; ids stay in the JSON's id fields. The browser
reads the same words: :func:`export` is written into ``evaluator/felles.js`` (key ``ord``) at
build time, so there are never two hand-kept copies.

    >>> dato("2026-12-01"), tall(32.5), tall(40), JA_NEI[None]
    ('01.12.2026', '32,5', '40', 'uavklart')
    >>> kort_tittel("Søker må ha et langvarig behov for assistanse. Behovet må være over 32 timer.")
    'Søker må ha et langvarig behov for assistanse'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Mapping

JA_NEI = {True: "ja", False: "nei", None: "uavklart"}
"""A yes/no value inside a sentence."""
RETT = {True: "Ja", False: "Nei", None: "Uavklart"}
"""The law's answer on a right, as a headline."""
LIMIT = {"<": "under", "<=": "høyst", ">": "over", ">=": "minst", "==": "lik", "!=": "ulik"}
"""A comparison in words: «grensen er under 67»."""
STATUS = {"oppfylt": "Oppfylt", "ikke_oppfylt": "Ikke oppfylt", "uavklart": "Uavklart", "skjonn": "Skjønn"}
"""A criterion's status as a word."""
UTFALL = {
    "oppfylt": ["Oppfylt", "Kriteriene som kan sjekkes, er oppfylt. Skjønnskriteriene må vurderes."],
    "ikke_oppfylt": ["Ikke oppfylt", "Et vilkår er ikke oppfylt, eller noe utelukker tildeling."],
    "uavklart": ["Uavklart", "Kan ikke avgjøres før opplysningene som mangler, er kartlagt."],
}
"""The regional criteria's outcome: the word and what it means."""
ART = {"vilkar": "Vilkår", "utelukker": "Utelukker tildeling", "hovedregel_ikke": "Som hovedregel innvilges ikke",
       "vurderingsmoment": "Vurderingsmoment", "prioriteres": "Prioriteres", "provd_forst": "Må være prøvd først",
       "rettskrav": "Vilkår for rettskrav", "malgruppe": "Målgruppe", "lovvilkar": "Lovens vilkår"}
"""A criterion's kind in words."""
KOMMUNE = {"etikett": "kommune", "sporsmal": "Hvilken kommune gjelder saken?"}
"""The municipality, asked for like a fact when an exception depends on it."""
VEILEDENDE = "Veiledende – saksbehandler avgjør"
REGIONALE = "De regionale kriteriene (veiledende)"
"""The heading of the guidance's answer, after the law's."""

_SENTENCE_END = re.compile(r"(?<=[a-zæøå0-9)»])(?:\.(?=\s+[A-ZÆØÅ«(]|$)|[:;](?=\s|$))")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def dato(value) -> str:
    """A date as dd.mm.åååå (``2026-12-01`` → ``01.12.2026``); other text unchanged."""
    if isinstance(value, dt.date):
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    m = _DATE.match(str(value))
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else str(value)


def tall(value) -> str:
    """A number with a decimal comma (``32.5`` → ``32,5``; ``40.0`` → ``40``)."""
    if isinstance(value, bool):
        return JA_NEI[value]
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def etikett(name: str, vocabulary: Mapping | None) -> str:
    """A fact's label: its ``etikett``, or for ``kommune`` the municipality's."""
    if name == "kommune":
        return KOMMUNE["etikett"]
    fact = vocabulary.get(name) if vocabulary else None
    label = getattr(fact, "etikett", "") if fact is not None else ""
    return label or name.replace("_", " ")


def sporsmal(name: str, vocabulary: Mapping | None) -> str:
    """The question that finds a fact out (``kommune``: which municipality)."""
    fact = vocabulary.get(name) if vocabulary else None
    return fact.sporsmal if fact is not None else KOMMUNE["sporsmal"]


def kort_tittel(tekst: str, width: int = 50) -> str:
    """A criterion's short title: its first sentence, cut at a word within ``width`` characters."""
    text = " ".join(str(tekst).split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(first) <= width:
        return first
    cut = first[: width - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def export() -> dict:
    """The words the browser reads (``kbData.felles.ord``)."""
    return {"ja_nei": {"true": JA_NEI[True], "false": JA_NEI[False], "null": JA_NEI[None]},
            "rett": {"true": RETT[True], "false": RETT[False], "null": RETT[None]},
            "grense": dict(LIMIT), "status": dict(STATUS), "utfall": {k: list(v) for k, v in UTFALL.items()},
            "art": dict(ART), "kommune": dict(KOMMUNE), "veiledende": VEILEDENDE, "regionale": REGIONALE}
