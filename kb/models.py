"""Schemas for the knowledge base (pydantic 2).

Every model forbids unknown keys and is strict: a YAML value must already have the
type the schema asks for. An unquoted ``no`` (read by PyYAML as ``False``) in a text
field is therefore an error, not the text "no".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

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


class Kildedokument(Strict):
    """A source document in the register (``kilder.yaml``)."""

    id: Slug
    tittel: NonEmpty
    utgiver: NonEmpty
    fil: NonEmpty
    """File name under ``shared/sources``."""
    merknad: str = ""


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
    type: Literal["heltall", "tall", "ja_nei"]
    enhet: str = ""
    sporsmal: NonEmpty
    """The question a caseworker asks, in bokmål."""
    beskrivelse: str = ""
    min: float | int | None = None
    max: float | int | None = None


# --- rules --------------------------------------------------------------------


Operator = Literal["<", "<=", ">", ">=", "==", "!="]


class Sammenligning(Strict):
    """Compare a fact with a value: ``{fakta: alder, op: "<", verdi: 67}``.

    ``op`` defaults to ``==`` and ``verdi`` to ``true``, so ``{fakta: bor_hjemme}``
    means "bor_hjemme is true".
    """

    fakta: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    op: Operator = "=="
    verdi: bool | int | float = True


class Alle(Strict):
    """All sub-rules hold (three-valued AND)."""

    alle: list["Regel"] = Field(min_length=1)


class Noen(Strict):
    """At least one sub-rule holds (three-valued OR)."""

    noen: list["Regel"] = Field(min_length=1)


class Ikke(Strict):
    """Negation (three-valued NOT)."""

    ikke: "Regel"


class KriteriumRef(Strict):
    """The value of another criterion's rule in the same service (or its parent)."""

    kriterium: Slug


def _key_tag(*keys: str):
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


Regel = Annotated[
    Union[Annotated[Sammenligning, Tag("fakta")], Annotated["Alle", Tag("alle")],
          Annotated["Noen", Tag("noen")], Annotated["Ikke", Tag("ikke")],
          Annotated[KriteriumRef, Tag("kriterium")]],
    _key_tag("fakta", "alle", "noen", "ikke", "kriterium"),
]
"""A machine rule: data, evaluated by :mod:`kb.rules`, never by ``eval``."""

for _model in (Alle, Noen, Ikke):
    _model.model_rebuild()


# --- services -----------------------------------------------------------------

Art = Literal["vilkar", "utelukker", "hovedregel_ikke", "vurderingsmoment", "prioriteres",
              "provd_forst", "rettskrav", "malgruppe"]
"""Kinds of criterion.

* ``vilkar``: a requirement; the rule says when it is met.
* ``utelukker``: excludes the service; the rule says when the exclusion applies.
* ``hovedregel_ikke``: "som hovedregel innvilges ikke"; the rule says when it applies.
* ``vurderingsmoment``: a consideration in the overall assessment (always skjønn).
* ``prioriteres``: a priority signal (never decides the outcome).
* ``provd_forst``: an alternative that must have been tried first; the rule says when it was.
* ``rettskrav``: a condition of a statutory right; decides ``rettskrav``, not ``utfall``.
* ``malgruppe``: one of several target groups; its rule is shown but does not decide ``utfall``.
"""

ART_NAVN: dict[str, str] = {
    "vilkar": "Vilkår",
    "utelukker": "Utelukker tildeling",
    "hovedregel_ikke": "Som hovedregel innvilges ikke",
    "vurderingsmoment": "Vurderingsmoment",
    "prioriteres": "Prioriteres",
    "provd_forst": "Må være prøvd først",
    "rettskrav": "Vilkår for rettskrav",
    "malgruppe": "Målgruppe",
}


class Unntak(Strict):
    """A municipality-scoped exception to a criterion (Catala style), e.g. "Gjelder ikke for Gran kommune"."""

    kommune: Slug
    tekst: NonEmpty
    """The source's words, e.g. ``Gjelder ikke for Gran kommune``."""


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


class Kriterium(Strict):
    """A criterion as the source words it, with its kind and optional machine rule."""

    kriterium: Slug
    """Stable id, unique in the knowledge base (e.g. ``bpa-arbeidsleder``)."""
    art: Art
    tekst: NonEmpty
    """The source's words, restored, not paraphrased."""
    form: Literal["punkt", "avsnitt", "avledet"] = "punkt"
    """A bullet or running text in the source; ``avledet`` when the criterion restates text
    found elsewhere in the section (it is then not counted as a passage of its own)."""
    regel: Regel | None = None
    unntak: list[Unntak] = []
    usikker_tekst: bool = False
    merknad: str = ""
    """Editorial note (not source text), e.g. how the rule reads the criterion."""
    kilde: Kilde | None = None
    """Defaults to the service's document and this section's heading."""
    gyldig_fra: dt.date | None = None
    """First day the criterion applies (an evaluation on an earlier date leaves it out)."""
    gyldig_til: dt.date | None = None
    """Last day the criterion applies."""

    def gjelder_pa(self, dato: dt.date) -> bool:
        """True when the criterion is in force on ``dato``."""
        return (self.gyldig_fra is None or dato >= self.gyldig_fra) and (
            self.gyldig_til is None or dato <= self.gyldig_til)


Innhold = Annotated[
    Union[Annotated[Avsnitt, Tag("avsnitt")], Annotated[Punkt, Tag("punkt")],
          Annotated[Kriterium, Tag("kriterium")]],
    _key_tag("avsnitt", "punkt", "kriterium"),
]

Del = Literal["tjenestebeskrivelse", "formal", "malgruppe", "lovgrunnlag", "kriterier",
              "utelukker", "hovedregel_ikke", "omfatter_ikke", "kvalitetskrav", "merknader",
              "tiltak", "annet"]


class Seksjon(Strict):
    """A section of a service as the source has it: heading and content in order."""

    overskrift: NonEmpty
    """Heading as restored from the source, e.g. ``Kriterier``."""
    del_: Del = Field(alias="del")
    innhold: list[Innhold] = []
    underseksjoner: list["Seksjon"] = []

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


Seksjon.model_rebuild()


class Egenandel(Strict):
    """Fee: ``ja``, ``nei``, ``avhenger`` or ``ikke_omtalt`` (the source says nothing), with the
    source's words (or, for ``ikke_omtalt``, a note saying so)."""

    svar: Literal["ja", "nei", "avhenger", "ikke_omtalt"]
    tekst: NonEmpty


class Aldersgrense(Strict):
    """Age limits stated by the text (years); the rules enforce them."""

    fra: int | None = None
    til: int | None = None
    tekst: NonEmpty


class Tjeneste(Strict):
    """A service with its sections, structured facts and source."""

    id: Slug
    navn: NonEmpty
    kortnavn: str = ""
    kilde: Kilde
    inngar_i: Slug | None = None
    """Parent service whose criteria also apply (avlastning and omsorgsstønad in pårørendestøtte)."""
    lovpalagt: bool
    lovpalagt_tekst: str = ""
    egenandel: Egenandel
    aldersgrense: Aldersgrense | None = None
    lovgrunnlag: list[Lovhenvisning] = []
    stikkord: list[str] = []
    """Words caseworkers search for (synonyms, ASCII spellings)."""
    rettskrav: Regel | None = None
    """When set: the statutory right, combining criteria with ``{kriterium: id}``."""
    gjelder_ikke_for: list[Unntak] = []
    gyldig_fra: dt.date | None = None
    gyldig_til: dt.date | None = None
    seksjoner: list[Seksjon] = Field(min_length=1)
    usikker_tekst: bool = False
    merknad: str = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Tjeneste":
        if self.gyldig_fra and self.gyldig_til and self.gyldig_til < self.gyldig_fra:
            raise ValueError("gyldig_til er før gyldig_fra")
        return self

    def alle_seksjoner(self):
        """All sections, depth first."""
        stack = list(reversed(self.seksjoner))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.underseksjoner))

    def kriterier(self) -> list[Kriterium]:
        """All criteria of this service, in source order."""
        return [i for s in self.alle_seksjoner() for i in s.innhold if isinstance(i, Kriterium)]


# --- chapters, glossary -------------------------------------------------------


class Kapittel(Strict):
    """A general chapter (principles, case handling, expectations, complaints)."""

    id: Slug
    tittel: NonEmpty
    rekkefolge: int
    kilde: Kilde
    lovhenvisninger: list[Lovhenvisning] = []
    """The laws the chapter cites (the source's «… - Lovdata» links), as Lovdata links."""
    stikkord: list[str] = []
    """Words caseworkers search for that lead here (shown as tags; editorial)."""
    seksjoner: list[Seksjon] = Field(min_length=1)
    usikker_tekst: bool = False
    merknad: str = ""


class Ordforklaring(Strict):
    """A glossary entry."""

    term: NonEmpty
    forklaring: NonEmpty
    synonymer: list[str] = []
    """Words caseworkers type that the source does not use (sykehjem, omsorgslønn …)."""
    se: list[Slug] = []
    """Ids of services or chapters where the term is used."""
    kilde: Kilde | None = None



# --- navigation aids (editorial, not criteria) -------------------------------------


class Innsatstrinn(Strict):
    """A step of the innsatstrapp and the services placed on it.

    The step's name quotes the source; the placement of services is editorial and says so.
    """

    id: Slug
    navn: NonEmpty
    kilde: Kilde
    tjenester: list[Slug] = []
    merknad: str = ""
    usikker_tekst: bool = False


class Kategori(Strict):
    """A type of need for browsing (a tag on the service pages); editorial, not a criterion."""

    id: Slug
    navn: NonEmpty
    beskrivelse: str = ""
    tjenester: list[Slug] = Field(min_length=1)
