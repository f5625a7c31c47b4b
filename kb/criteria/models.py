"""Schemas for the criteria: services, criteria, sections, chapters, glossary, navigation aids."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import ConfigDict, Field, Tag, model_validator

from kb.reading.schema import Avsnitt, Kilde, Linjer, Lovhenvisning, NonEmpty, Punkt, Slug, Strict, key_tag
from kb.rules.language import Regel

# --- services -----------------------------------------------------------------

Art = Literal["vilkar", "utelukker", "hovedregel_ikke", "vurderingsmoment", "prioriteres",
              "provd_forst", "rettskrav", "malgruppe", "lovvilkar"]
"""Kinds of criterion.

* ``vilkar``: a requirement; the rule says when it is met.
* ``utelukker``: excludes the service; the rule says when the exclusion applies.
* ``hovedregel_ikke``: "som hovedregel innvilges ikke"; the rule says when it applies.
* ``vurderingsmoment``: a consideration in the overall assessment (always skjønn).
* ``prioriteres``: a priority signal (never decides the outcome).
* ``provd_forst``: an alternative that must have been tried first; the rule says when it was.
* ``rettskrav``: a condition of a statutory right; decides ``rettskrav``, not ``utfall``.
* ``malgruppe``: one of several target groups; its rule is shown but does not decide ``utfall``.
* ``lovvilkar``: a condition the law itself states (``lovtekster.yaml``); decides ``rettskrav``.
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
    "lovvilkar": "Lovens vilkår",
}


class Unntak(Strict):
    """A municipality-scoped exception to a criterion (Catala style), e.g. "Gjelder ikke for Gran kommune"."""

    kommune: Slug
    tekst: NonEmpty
    """The source's words, e.g. ``Gjelder ikke for Gran kommune``."""


class AvvikFraLoven(Strict):
    """Where a regional criterion is stricter than, or departs from, the law."""

    tekst: NonEmpty
    """A plain Norwegian sentence for the caseworker naming the law (e.g. «Kriteriet sier «mer
    enn …», mens pasient- og brukerrettighetsloven § 2-1 d sier «minst …» …»)."""
    lovtekster: list[Slug] = Field(min_length=1)
    """The provisions (``lovtekster.yaml`` ids) the sentence rests on; their sources are cited."""


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
    linjer: Linjer | None = None
    """Where the criterion's words stand in the source text file of its document (``kb check``
    requires it and checks that the words are there)."""
    lovhenvisninger: list[Lovhenvisning] = []
    """The laws the criterion's own text names (e.g. «vilkårene i PBRL §2-1d»)."""
    gyldig_fra: dt.date | None = None
    """First day the criterion applies (an evaluation on an earlier date leaves it out)."""
    gyldig_til: dt.date | None = None
    """Last day the criterion applies."""
    avvik_fra_loven: AvvikFraLoven | None = None
    """Set where the criterion is stricter than, or departs from, the law: it then keeps its own
    status but never decides the outcome on its own."""

    def gjelder_pa(self, dato: dt.date) -> bool:
        """True when the criterion is in force on ``dato``."""
        return (self.gyldig_fra is None or dato >= self.gyldig_fra) and (
            self.gyldig_til is None or dato <= self.gyldig_til)


Innhold = Annotated[
    Union[Annotated[Avsnitt, Tag("avsnitt")], Annotated[Punkt, Tag("punkt")],
          Annotated[Kriterium, Tag("kriterium")]],
    key_tag("avsnitt", "punkt", "kriterium"),
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


class Grunnlag(Strict):
    """The basis of a structured value such as ``lovpalagt``: the source passage that states it,
    or an editorial reading with its reason and the law it rests on."""

    redaksjonell: bool = False
    """True when the sources do not state the value and it is an editorial reading."""
    kilde: Kilde | None = None
    """The passage that states the value (or, for a reading, the passage it reads)."""
    linjer: Linjer | None = None
    sitat: str = ""
    """The source's words at ``linjer``, restored."""
    begrunnelse: str = ""
    """Why the reading holds (required when ``redaksjonell``)."""
    lovhenvisninger: list[Lovhenvisning] = []
    """The law the reading rests on."""

    @model_validator(mode="after")
    def _complete(self) -> "Grunnlag":
        if self.redaksjonell:
            if not self.begrunnelse or not self.lovhenvisninger:
                raise ValueError("en redaksjonell lesning trenger «begrunnelse» og «lovhenvisninger»")
        elif self.kilde is None or self.linjer is None or not self.sitat:
            raise ValueError("et grunnlag i kilden trenger «kilde», «linjer» og «sitat» "
                             "(eller redaksjonell: true med begrunnelse)")
        if (self.linjer is None) != (not self.sitat):
            raise ValueError("«linjer» og «sitat» hører sammen: oppgi begge eller ingen")
        return self


class Aldersgrense(Strict):
    """Age limits stated by the text, in the source's words; the numbers are the parameters
    (``parametre.yaml``) that the rules read, never literals here."""

    tekst: NonEmpty
    """The source's words."""
    parametre: list[Slug] = []
    """Ids of the parameters that hold the limits (e.g. ``bpa-aldersgrense``)."""
    merknad: str = ""
    """Editorial note, e.g. how the limit is read from the text."""


class Tjeneste(Strict):
    """A service with its sections, structured facts and source."""

    id: Slug
    navn: NonEmpty
    kortnavn: str = ""
    kilde: Kilde
    inngar_i: Slug | None = None
    """Parent service whose criteria also apply (avlastning and omsorgsstønad in pårørendestøtte)."""
    lovpalagt: bool | Literal["avhenger"]
    """True or false; ``avhenger`` where it depends on the case (whether the service is given as a
    health and care service under helse- og omsorgstjenesteloven): the condition is stated in
    ``lovpalagt_grunnlag.begrunnelse``, and ``kb procedure`` asks the case."""
    lovpalagt_grunnlag: Grunnlag
    """Why the service is (or is not) statutory: it decides klagefrist and klageinstans."""
    egenandel: Egenandel
    aldersgrense: Aldersgrense | None = None
    lovgrunnlag: list[Lovhenvisning] = []
    stikkord: list[str] = []
    """Words caseworkers search for (synonyms, ASCII spellings)."""
    rettskrav: Regel | None = None
    """When set: the statutory right, combining criteria with ``{kriterium: id}``."""
    uten_rettskrav: Slug | None = None
    """The criterion whose text says the municipality may still grant the service without a right
    (BPA: ``bpa-kommunen-kan-vurdere``)."""
    gjelder_ikke_for: list[Unntak] = []
    gyldig_fra: dt.date | None = None
    gyldig_til: dt.date | None = None
    seksjoner: list[Seksjon] = Field(min_length=1)
    usikker_tekst: bool = False
    merknad: str = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Tjeneste":
        if self.lovpalagt == "avhenger" and not self.lovpalagt_grunnlag.begrunnelse:
            raise ValueError("«lovpalagt: avhenger» trenger vilkåret i «lovpalagt_grunnlag.begrunnelse»")
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

    def kriterier_med_overskrift(self):
        """``(heading path, criterion)`` for every criterion, in source order."""
        def walk(sections, path):
            for s in sections:
                here = path + [s.overskrift]
                for item in s.innhold:
                    if isinstance(item, Kriterium):
                        yield here, item
                yield from walk(s.underseksjoner, here)
        yield from walk(self.seksjoner, [])

    def kriterier(self) -> list[Kriterium]:
        """All criteria of this service, in source order."""
        return [i for s in self.alle_seksjoner() for i in s.innhold if isinstance(i, Kriterium)]


class Kriteriesett(Strict):
    """A set of allocation criteria and the municipalities it covers (``kriteriesett.yaml``).

    A case for a municipality is evaluated against the set that covers it; a municipality's own
    exceptions stay exceptions on the criteria (``unntak``), not a set of their own.
    """

    id: Slug
    navn: NonEmpty
    region: NonEmpty
    kilde: Kilde
    mappe: NonEmpty
    """Folder (under ``kb/data``) with one YAML file per service."""
    kommuner: list[Slug] = Field(min_length=1)
    merknad: str = ""


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
