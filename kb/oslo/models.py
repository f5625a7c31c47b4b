"""Schemas for Oslo kommune's Gerica case-handling routine, its rules and template catalogue.

Content lives in ``kb/data/oslo/``:

* ``rutine.yaml``: every section (1 Innledning … 4.3 Klagesaksmaler) in the source's words,
  with the services each section concerns and the Gerica terms it uses;
* ``regler.yaml``: the routine's rules as data (quoted text + structured parameters),
  used by :mod:`kb.oslo.procedure`;
* ``maler.yaml``: the document templates of 4.1–4.3 exactly as the tables say;
* ``tjenestemaler.yaml``: which template applies to which regional service (and outcome).

:func:`load_oslo` is called by :mod:`kb.knowledge.loader`; it also checks the cross-references
(sections, quotes, laws, templates, service ids) and reports problems as ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable, Iterator, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator

from kb.reading.schema import Avsnitt, Kilde, Lovhenvisning, NonEmpty, Punkt, Slug, Strict
from kb.rules.language import ParameterRef, Regel
from kb.reading.yamlfile import Problem

DOKUMENT = "oslo-gerica-rutine"
"""Id of the routine in ``kilder.yaml``."""

SERVICE_IDS: tuple[str, ...] = (
    "velferdsteknologi", "middagsombringing", "stottekontakt", "dagaktivitet-funksjonsnedsettelse",
    "parorendestotte", "avlastning", "omsorgsstonad", "dagaktivitet-demens", "praktisk-bistand", "bpa",
    "helsetjenester-i-hjemmet", "hverdagsrehabilitering", "psykisk-helse-og-rus",
    "koordinator-individuell-plan", "barnekoordinator", "omsorgsbolig", "korttidsplass", "langtidsopphold")
"""The regional service ids of the public contract (DESIGN.md), whether or not their files exist yet."""

Utfall = Literal["innvilget", "avslag", "avvisning", "opphor",
                 "utsatt_iverksettelse_innvilget", "utsatt_iverksettelse_avslag"]
"""Outcome of a case in ``kb procedure``."""

Endring = Literal["okning", "reduksjon", "opphor", "forlengelse"]
"""A change to an existing decision."""

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


def _pick_item(value) -> str | None:
    keys = ("avsnitt", "punkt")
    if isinstance(value, dict):
        return next((k for k in keys if k in value), None)
    return next((k for k in keys if hasattr(value, k)), None)


Innhold = Annotated[
    Union[Annotated[Avsnitt, Tag("avsnitt")], Annotated[Punkt, Tag("punkt")]],
    Discriminator(_pick_item, custom_error_type="ukjent_form",
                  custom_error_message="må ha én av nøklene avsnitt, punkt"),
]
"""Content of a section: a paragraph (``avsnitt``) or a bullet (``punkt``)."""


# --- the routine -----------------------------------------------------------------


class RutineSeksjon(Strict):
    """A numbered section of the routine, in the source's words."""

    nummer: SectionNumber
    """Section number as in the source, e.g. ``2.11.1``."""
    tittel: NonEmpty
    """Heading as in the source, e.g. ``Forhåndsvarsel``."""
    kilde: Kilde
    """The section cites itself: ``{dokument: oslo-gerica-rutine, avsnitt: "2.3 Registrering av søknad"}``."""
    tjenester: list[Slug] = []
    """Regional service ids the text clearly concerns (for links from service pages)."""
    innhold: list[Innhold] = []
    underseksjoner: list["RutineSeksjon"] = []
    merknad: str = ""
    """Editorial note (not source text), e.g. that the source has no text here."""

    @property
    def overskrift(self) -> str:
        """Number and title, e.g. ``2.3 Registrering av søknad``."""
        return f"{self.nummer} {self.tittel}"

    @property
    def niva(self) -> int:
        """Depth: 1 for ``2``, 2 for ``2.3``, 3 for ``2.11.1``."""
        return self.nummer.count(".") + 1

    @property
    def anker(self) -> str:
        """HTML id of the section's heading, e.g. ``avsnitt-2-11-1``."""
        return "avsnitt-" + self.nummer.replace(".", "-")

    @property
    def slug(self) -> str:
        """Page name without ``.md``: ``2-3-registrering-av-soknad``."""
        return slugify(self.overskrift)

    def tekst(self) -> str:
        """All paragraphs and bullets of this section (not its subsections), whitespace-normalized."""
        return " ".join(normalize(i.avsnitt if isinstance(i, Avsnitt) else i.punkt) for i in self.innhold)


RutineSeksjon.model_rebuild()


class GericaBegrep(Strict):
    """A Gerica-specific practice the routine names (sakskort, sak 100, journal 140 …)."""

    begrep: NonEmpty
    """The term, e.g. ``Sak 100``."""
    sitat: NonEmpty
    """The source sentence that names it (verbatim from the first section listed)."""
    seksjoner: list[SectionNumber] = Field(min_length=1)
    """Sections that use the term; the quote is from the first."""


class RutineFil(Strict):
    """The file ``rutine.yaml``: title, source and the sections in order."""

    tittel: NonEmpty
    utgiver: NonEmpty
    versjon: NonEmpty
    kilde: Kilde
    innledning: str = ""
    """Editorial introduction shown on the overview page (not source text)."""
    gerica: list[GericaBegrep] = []
    seksjoner: list[RutineSeksjon] = Field(min_length=1)


# --- rules -------------------------------------------------------------------------


class Sak(Strict):
    """The case facts ``kb procedure`` reads (the ``sak`` mapping of a case file); all optional."""

    utfall: Utfall | None = None
    egenandel: bool | None = None
    """Whether the service has a fee (egenandel/egenbetaling)."""
    forventet_varighet_dager: Annotated[int, Field(ge=0)] | None = None
    """How long the service is expected to last, in days."""
    forventet_saksbehandlingstid_dager: Annotated[int, Field(ge=0)] | None = None
    """How long handling the case is expected to take, in days."""
    vedtak_mottatt: dt.date | None = None
    """When the user received the decision (the klagefrist counts from here)."""
    endring: Endring | None = None
    enig_med_bruker: bool | None = None
    """Whether the change is agreed with the user and/or relatives/guardian."""
    beskrevet_i_vedtaket: bool | None = None
    """Whether the existing decision describes the change (or when the service ends)."""


class Forventet(Strict):
    """Expected answers of a source example (checked by the tests)."""

    enkeltvedtak_kreves: bool | None = None
    forvaltningsmelding_kreves: bool | None = None
    forhandsvarsel_kreves: bool | None = None
    vedtaksmal: int | None = None


class Eksempel(Strict):
    """One of the source's own examples, as a case with its expected answer."""

    navn: NonEmpty
    """As the source names it, e.g. ``Eksempel 1``."""
    tekst: NonEmpty
    """The example in the source's words."""
    tjeneste: Slug | None = None
    sak: Sak
    forventet: Forventet
    merknad: str = ""
    """How the example is read as a case (editorial)."""


class Avvisningsgrunn(Strict):
    """A ground for avvisning (2.4) and what to do (quoted)."""

    id: Slug
    grunn: NonEmpty
    """When it applies, in the source's words."""
    tiltak: str = ""
    """What the routine says to do, in the source's words."""
    avvises: bool
    """Whether the routine has the application rejected (avvist) in this case."""


class Parametre(Strict):
    """Things a rule names that are not decisions (the decisions are in :class:`Svar`, the
    numbers in ``parametre.yaml``)."""

    maler: list[int] = []
    """Template ids (4.1–4.3) the rule uses."""
    malnavn: str = ""
    """A template or standard text the rule names that is not in the catalogue."""
    gerica: list[str] = []
    """Gerica codes the rule uses, e.g. ``journal 121``."""
    tall: list[Slug] = []
    """Parameters (``parametre.yaml``) the rule's text states, for display."""


Sporsmal = Literal["enkeltvedtak_kreves", "forvaltningsmelding_kreves", "forhandsvarsel_kreves",
                   "vedtaksmal", "klagefrist", "klageinstans"]
"""The questions ``kb procedure`` answers (its output keys)."""


class Tillegg(Strict):
    """A further reason given with an answer (e.g. inform about utsatt iverksettelse)."""

    regel: Slug
    forklaring: NonEmpty


class Svar(Strict):
    """How a routine rule answers one question: when (a rule over the case fields), and what.

    For each question the answers of all rules are tried in ``prioritet`` order (lowest first);
    the first whose condition holds gives the answer. An unknown condition leaves the answer
    unknown unless every answer it could lead to is the same. The answer is ``verdi`` (true,
    false, null or a text), or the value of the rule ``verdi_regel``, or the template the
    catalogue gives (``malkatalog``), or a deadline of ``frist_uker`` weeks from ``vedtak_mottatt``.
    ``forklaring`` may use placeholders such as ``{forventet_varighet_dager}``,
    ``{p:enkeltvedtak-unntak-dager}`` (a parameter) or ``{mal:530}`` (a template).
    """

    sporsmal: Sporsmal
    prioritet: int
    nar: Regel | None = None
    """The condition; ``None`` means always."""
    verdi: bool | str | None = None
    verdi_regel: Regel | None = None
    malkatalog: bool = False
    frist_uker: ParameterRef | None = None
    forklaring: NonEmpty
    ukjent: str = ""
    """The reason shown when this answer's condition leaves the answer unknown."""
    ved_tvil: str = ""
    """Added to the reason when a ``ved_tvil`` presumption in the condition decided it."""
    tillegg: list[Tillegg] = []
    redaksjonell: str = ""
    """When the answer is an editorial reading rather than the source's words: why, and on what."""

    @model_validator(mode="after")
    def _one_kind_of_answer(self) -> "Svar":
        kinds = [self.verdi is not None, self.verdi_regel is not None, self.malkatalog, self.frist_uker is not None]
        if sum(kinds) > 1:
            raise ValueError("oppgi bare én av verdi, verdi_regel, malkatalog og frist_uker")
        return self


class Saksfelt(Strict):
    """A field of the ``sak`` mapping or a service property the routine's rules read
    (``saksfelter.yaml``): its question for the caseworker and its type."""

    felt: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    type: Literal["ja_nei", "heltall", "dato", "valg"]
    sporsmal: NonEmpty
    valg: dict[str, NonEmpty] = {}
    """For ``valg``: each choice's id and its Norwegian label."""
    enhet: str = ""
    avledet: str = ""
    """For a property the case does not give directly: where it comes from (e.g. the service)."""
    mangler_som: str = ""
    """The case field to ask for when this one is unknown (e.g. ``tjeneste`` for ``lovpalagt``)."""


class Rutineregel(Strict):
    """A rule of the routine (or of the regional text) as data: quoted text, parameters, source."""

    id: Slug
    tittel: NonEmpty
    """The question the rule answers, e.g. ``Skal det sendes forvaltningsmelding?``."""
    seksjon: SectionNumber | None = None
    """Section of the Oslo routine; ``None`` when the rule comes from another source."""
    kilde: Kilde
    sitat: list[NonEmpty] = Field(min_length=1)
    """The source sentence(s), verbatim (checked against the section's text)."""
    parametre: Parametre = Parametre()
    svar: list[Svar] = []
    """The questions this rule answers, with condition and answer."""
    punkter: list[NonEmpty] = []
    """Checklist items, verbatim from the section (documentation, kartlegging …)."""
    grunner: list[Avvisningsgrunn] = []
    eksempler: list[Eksempel] = []
    lovgrunnlag: list[Lovhenvisning] = []
    """Provisions the text refers to."""
    merknad: str = ""
    """How the rule is read (editorial, not source text)."""

    @property
    def tekst(self) -> str:
        """The quoted sentences as one text."""
        return " ".join(normalize(s) for s in self.sitat)


# --- templates ---------------------------------------------------------------------


class Mal(Strict):
    """A Gerica document template (sections 4.1–4.3 of the routine), exactly as the tables say."""

    id: int | None
    """Gerica id; ``None`` where the source gives none."""
    navn: NonEmpty
    """Name (the table's *Sakstype* column), e.g. ``OK_Sak – Avslag``."""
    gruppe: Literal["4.1", "4.2", "4.3"]
    bruksomrade: str = ""
    """The table's *Bruksområde* cell; empty where the source cell is empty."""
    bruksomrade_punkter: list[NonEmpty] = []
    """Lines listed in the *Bruksområde* cell after its text (template 507)."""
    tidsavgrenset: Literal["Ja", "Nei", ""] | None = None
    """Only in 4.1; ``None`` for 4.2 and 4.3, which have no such column."""
    vedtaksdokument: Literal["Ja", "Nei", ""] = ""
    kontroll_for_utsending: Literal["Ja", "Nei", ""] = ""

    @property
    def nokkel(self) -> str:
        """Key in the catalogue: the id as text, or the name when there is no id."""
        return str(self.id) if self.id is not None else self.navn

    @property
    def anker(self) -> str:
        """HTML id on the catalogue page: ``mal-509`` (``mal-`` + slug of the name when there is no id)."""
        return f"mal-{self.id}" if self.id is not None else "mal-" + slugify(self.navn)

    @property
    def etikett(self) -> str:
        """``509 OK_Sak – Avslag`` (the name alone when there is no id)."""
        return f"{self.id} {self.navn}" if self.id is not None else self.navn

    def bruk(self) -> str:
        """The whole *Bruksområde* cell as one line."""
        return " ".join([normalize(self.bruksomrade)] + [normalize(p) for p in self.bruksomrade_punkter]).strip()


class Tjenestemal(Strict):
    """Which template applies to which services (and, for ``kb procedure``, which outcome)."""

    mal: int | NonEmpty
    """Template id in the catalogue (the name for a template without id)."""
    tjenester: list[Slug] | Literal["alle"]
    """Service ids, or ``alle`` for every service."""
    utfall: Utfall | None = None
    """The outcome the template is the vedtaksmal for; ``None`` for other letters."""
    egenandel: bool | None = None
    """Only for services with (true) or without (false) a fee; ``None``: either."""
    sitat: NonEmpty
    """Words of the template's *Bruksområde* (or name) that say so, verbatim."""
    sitat_fra: int | None = None
    """Template whose cell holds the quote, when it is not ``mal`` itself."""
    merknad: str = ""

    def gjelder(self, service_id: str | None) -> bool:
        """True when the mapping covers ``service_id`` (``None``: only mappings for all services)."""
        if self.tjenester == "alle":
            return True
        return service_id is not None and service_id in self.tjenester


class Saksfelter(Strict):
    """The file ``saksfelter.yaml``: the case fields and each question's reason when unknown."""

    felter: list[Saksfelt] = Field(min_length=1)
    sporsmal: dict[Sporsmal, NonEmpty] = {}


# --- the loaded whole -------------------------------------------------------------


@dataclass
class OsloRutine:
    """The routine as loaded: sections, rules and template mappings (``kb.oslo``)."""

    tittel: str
    utgiver: str
    versjon: str
    kilde: Kilde
    innledning: str
    gerica: list[GericaBegrep]
    seksjoner: list[RutineSeksjon]
    regler: dict[str, Rutineregel] = field(default_factory=dict)
    tjenestemaler: list[Tjenestemal] = field(default_factory=list)
    saksfelter: dict[str, Saksfelt] = field(default_factory=dict)
    """The case fields and service properties the rules read (``saksfelter.yaml``)."""
    sporsmal: dict[str, str] = field(default_factory=dict)
    """Each question's reason when no rule can answer it yet (``saksfelter.yaml``, ``sporsmal``)."""

    def svar_for(self, sporsmal: str) -> list[tuple[Rutineregel, Svar]]:
        """Every rule's answer to ``sporsmal``, in priority order."""
        found = [(r, s) for r in self.regler.values() for s in r.svar if s.sporsmal == sporsmal]
        return sorted(found, key=lambda pair: pair[1].prioritet)

    def alle_seksjoner(self) -> Iterator[RutineSeksjon]:
        """Every section, depth first, in source order."""
        stack = list(reversed(self.seksjoner))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.underseksjoner))

    def seksjon(self, nummer: str) -> RutineSeksjon | None:
        """The section with this number, or ``None``."""
        return next((s for s in self.alle_seksjoner() if s.nummer == nummer), None)

    def side_for(self, nummer: str) -> RutineSeksjon | None:
        """The section whose page shows section ``nummer`` (its level-1 or level-2 ancestor)."""
        parts = nummer.split(".")
        return self.seksjon(".".join(parts[:2]))

    def regel(self, regel_id: str) -> Rutineregel:
        """The rule with this id (``KeyError`` when unknown)."""
        return self.regler[regel_id]


def templates_for_service(kb, service_id: str) -> list[Mal]:
    """Templates that apply to a service, in catalogue order (service-specific mappings and those for all)."""
    if kb.oslo is None:
        return []
    keys = {str(m.mal) for m in kb.oslo.tjenestemaler if m.gjelder(service_id)}
    return [mal for mal in kb.maler.values() if mal.nokkel in keys]


def sections_for_service(kb, service_id: str) -> list[RutineSeksjon]:
    """Sections of the routine that name the service, in source order."""
    if kb.oslo is None:
        return []
    return [s for s in kb.oslo.alle_seksjoner() if service_id in s.tjenester]


def mappings_for_service(kb, service_id: str | None) -> list[Tjenestemal]:
    """The template mappings that cover a service (all-service mappings included)."""
    if kb.oslo is None:
        return []
    return [m for m in kb.oslo.tjenestemaler if m.gjelder(service_id)]
