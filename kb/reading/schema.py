"""Shared schemas: the strict base model, ids, sources, laws, municipalities and facts (pydantic 2).

Every model forbids unknown keys and is strict: a YAML value must already have the
type the schema asks for. An unquoted ``no`` in a text field is therefore an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""Lowercase ASCII id such as ``bpa`` or ``helsetjenester-i-hjemmet``."""

NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base: unknown keys are errors, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- sources and laws -------------------------------------------------------


class Kilde(Strict):
    """A source citation: a document from the register and the passage in it."""

    dokument: Slug
    avsnitt: NonEmpty
    """Heading path in the source, e.g. ``Brukerstyrt personlig assistanse (BPA) › Kriterier``."""


class Linjer(Strict):
    """A line range (1-based, inclusive) in a source text file."""

    fra: Annotated[int, Field(ge=1)]
    til: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _in_order(self) -> "Linjer":
        if self.til < self.fra:
            raise ValueError(f"linjer: «til» ({self.til}) er før «fra» ({self.fra})")
        return self

    def tekst(self) -> str:
        """``linje 980`` or ``linje 980–985``."""
        return f"linje {self.fra}" if self.fra == self.til else f"linje {self.fra}–{self.til}"


class Kildedokument(Strict):
    """A source document in the register (``kilder.yaml``)."""

    id: Slug
    tittel: NonEmpty
    utgiver: NonEmpty
    fil: NonEmpty
    """File name of the source text under ``kb/data/kilder/``."""
    korttittel: str = ""
    """Short title for citations under each criterion, e.g. ``Regionale kriterier``."""
    merknad: str = ""
    adresse: str = ""
    """Where the text was read (a web address), for sources from outside the seeds."""
    lest: dt.date | None = None
    """The date the text at ``adresse`` was read."""
    art: Literal["lovtekst", "kommentar", "forarbeid", "kommunal", "tilsyn"] | None = None
    """What the source is: the law's text, Helsedirektoratet's commentary, preparatory works, a
    municipality's summary, or a supervisory authority's statement."""


class Lov(Strict):
    """A law or regulation in the register (``lover.yaml``)."""

    id: Slug
    navn: NonEmpty
    """Official title, e.g. ``Lov om kommunale helse- og omsorgstjenester m.m.``."""
    korttittel: NonEmpty
    """Official short name, e.g. ``helse- og omsorgstjenesteloven``."""
    forkortelse: str = ""
    lovdata_id: Annotated[str, Field(pattern=r"^(lov|forskrift|traktat)/\d{4}-\d{2}-\d{2}(-\d+)?$")]
    """Lovdata id such as ``lov/2011-06-24-30``."""
    merknad: str = ""
    """Where the id comes from when the sources do not give it."""

    @property
    def url(self) -> str:
        """Link to the law on Lovdata."""
        if self.lovdata_id.startswith("traktat/"):
            return f"https://lovdata.no/dokument/TRAKTAT/{self.lovdata_id}"
        return f"https://lovdata.no/{self.lovdata_id}"


class Lovhenvisning(Strict):
    """A structured reference to a provision: law id + paragraph (+ ledd, nummer, bokstav)."""

    lov: Slug
    paragraf: str = ""
    """Paragraph as written in the law, e.g. ``3-2``, ``2-1 d``; empty for the whole law."""
    ledd: str = ""
    nummer: str = ""
    bokstav: str = ""
    kapittel: str = ""
    merknad: str = ""
    """Editorial note on the reference, e.g. what the source writes that the reference leaves out."""

    def lovdata_url(self, lov: Lov) -> str:
        """Link to the provision on Lovdata, e.g. ``https://lovdata.no/lov/2011-06-24-30/§3-2``."""
        base = lov.url
        if self.paragraf:
            return f"{base}/§{self.paragraf.replace(' ', '')}"
        if self.kapittel:
            kind = {"lov": "NL", "forskrift": "SF"}.get(lov.lovdata_id.split("/")[0])
            if kind:
                return f"https://lovdata.no/dokument/{kind}/{lov.lovdata_id}/KAPITTEL_{self.kapittel}"
        return base

    def label(self, lov: Lov) -> str:
        """Human citation, e.g. ``helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b``."""
        parts = [lov.korttittel]
        if self.paragraf:
            parts.append(f"§ {self.paragraf}")
        elif self.kapittel:
            parts.append(f"kapittel {self.kapittel}")
        if self.ledd:
            parts.append(f"{self.ledd} ledd")
        if self.nummer:
            parts.append(f"nr. {self.nummer}")
        if self.bokstav:
            parts.append(f"bokstav {self.bokstav}")
        return " ".join(parts)


# --- municipalities and facts -----------------------------------------------


class Kommune(Strict):
    """A municipality (``kommuner.yaml``)."""

    id: Slug
    navn: NonEmpty
    region: str = ""
    kilde: str = ""
    """Where the municipality is named; ``utenfor kildene: …`` when added from elsewhere."""


class Opplysning(Strict):
    """A fact in the vocabulary (``opplysninger.yaml``): what kartlegging finds out."""

    navn: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    etikett: NonEmpty
    """The fact in a few words, as person-facing text names it (``alder``, ``BPA innvilget før 67
    år``): reasons, journal notes and reports never show ``navn``."""
    type: Literal["heltall", "tall", "ja_nei"]
    enhet: str = ""
    sporsmal: NonEmpty
    """The question a caseworker asks, in bokmål."""
    beskrivelse: str = ""
    min: float | int | None = None
    max: float | int | None = None


def key_tag(*keys: str):
    """Discriminate a union of mappings by which of ``keys`` the mapping has."""

    def pick(value):
        if isinstance(value, dict):
            for key in keys:
                if key in value:
                    return key
            return None
        for key in keys:
            if hasattr(value, key):
                return key
        return None

    return Discriminator(pick, custom_error_type="ukjent_form",
                         custom_error_message=f"må ha én av nøklene {', '.join(keys)}")


class Avsnitt(Strict):
    """A paragraph of running text."""

    avsnitt: NonEmpty
    usikker_tekst: bool = False
    merknad: str = ""


class Punkt(Strict):
    """A bullet that is not a criterion (e.g. in Formål or Merknader)."""

    punkt: NonEmpty
    usikker_tekst: bool = False
    merknad: str = ""


