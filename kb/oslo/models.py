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
from kb.oslo.answers import Saksfelt, Saksfelter, Sporsmal, Svar, Tillegg  # noqa: F401 (re-exported)
from kb.oslo.templates import Mal, Tjenestemal, mappings_for_service, templates_for_service  # noqa: F401
from kb.reading.yamlfile import Problem

from kb.oslo.basics import (DOKUMENT, PLACEHOLDER, SERVICE_IDS, Endring, SectionNumber, Utfall,  # noqa: F401
                            normalize, slugify)


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
    gitt_etter_helse_og_omsorgstjenesteloven: bool | None = None
    """For a service whose ``lovpalagt`` is ``avhenger``: whether it is given as a health and care
    service under helse- og omsorgstjenesteloven (then klage goes by pbrl §§ 7-2 and 7-5)."""
    gitt_som_avlastning: bool | None = None
    """Whether the service (e.g. a korttidsplass) is given as avlastning, which is free."""
    etter_brukers_onske: bool | None = None
    """Whether the user has said the service is no longer wanted (routine 2.9)."""


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

    def avlastning_sitat(self) -> str:
        """The catalogue's words that avlastning is free (the mapping for avlastning quoting another
        template's cell: 541 «bortsett fra avlastning som er gratis …»)."""
        return next((m.sitat for m in self.tjenestemaler if m.sitat_fra is not None and m.tjenester != "alle"
                     and "avlastning" in m.tjenester), "avlastning er gratis")

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


def sections_for_service(kb, service_id: str) -> list[RutineSeksjon]:
    """Sections of the routine that name the service, in source order."""
    if kb.oslo is None:
        return []
    return [s for s in kb.oslo.alle_seksjoner() if service_id in s.tjenester]
