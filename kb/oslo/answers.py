"""How the routine's rules answer questions (``svar``), and the case fields they read
(``saksfelter.yaml``). Evaluated by :mod:`kb.oslo.decide`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from kb.reading.schema import NonEmpty, Slug, Strict
from kb.rules.language import ParameterRef, Regel

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
    catalogue gives (``malkatalog``), or the template ``mal``, or a deadline of ``frist_uker`` weeks from ``vedtak_mottatt``.
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
    mal: int | NonEmpty | None = None
    """The answer is this template (for ``vedtaksmal``), by its id (or name when it has none)."""
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
        kinds = [self.verdi is not None, self.verdi_regel is not None, self.malkatalog, self.frist_uker is not None,
                 self.mal is not None]
        if sum(kinds) > 1:
            raise ValueError("oppgi bare én av verdi, verdi_regel, malkatalog, frist_uker og mal")
        if self.mal is not None and self.sporsmal != "vedtaksmal":
            raise ValueError("«mal» er et svar bare på spørsmålet vedtaksmal")
        return self


class Saksfelt(Strict):
    """A field of the ``sak`` mapping or a service property the routine's rules read
    (``saksfelter.yaml``): its question for the caseworker and its type."""

    felt: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    type: Literal["ja_nei", "heltall", "dato", "valg"]
    sporsmal: NonEmpty
    etikett: str = ""
    """The field in a few words, as a reason names it (``om vedtaket beskriver endringen``); the
    field's name is never shown to a person."""
    valg: dict[str, NonEmpty] = {}
    """For ``valg``: each choice's id and its Norwegian label."""
    enhet: str = ""
    avledet: str = ""
    """For a property the case does not give directly: where it comes from (e.g. the service)."""
    mangler_som: str = ""
    """The case field to ask for when this one is unknown (e.g. ``tjeneste`` for ``lovpalagt``)."""
    min: int | None = None
    max: int | None = None
    """For ``heltall``: the smallest and largest value a case may give (both engines refuse others)."""
    grenser: str = ""
    """Why the bounds are what they are (editorial)."""



class Saksfelter(Strict):
    """The file ``saksfelter.yaml``: the case fields and each question's reason when unknown."""

    felter: list[Saksfelt] = Field(min_length=1)
    sporsmal: dict[Sporsmal, NonEmpty] = {}
