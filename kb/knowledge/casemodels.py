"""Pydantic models of a case file and of a conformance case file, built from the knowledge base.

A case file (``kb evaluate`` / ``kb procedure`` input) is read by
:func:`kb.criteria.evaluate.validate_case` and :func:`kb.oslo.procedure.parse_case`; the models here
describe exactly what those readers accept (``ja``/``nei`` for yes/no, municipality names for ids,
dates as ``ÅÅÅÅ-MM-DD``), so that an editor can validate and complete a case while it is typed, and
so that a conformance case's input is checked with file and line before it is run. The models are
built per knowledge base because the fact names, services and municipalities are data.

Example::

    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> Saksfil = case_file_model(load_kb_or_raise())
    >>> Saksfil.model_validate({"tjeneste": "bpa", "kommune": "Gjøvik",
    ...                         "opplysninger": {"alder": 45, "kan_vaere_arbeidsleder": "ja"}}).kommune
    'Gjøvik'
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model, model_validator

from kb.oslo.models import Sak
from kb.reading.schema import Kilde, Lovhenvisning, NonEmpty, Slug, Strict

JA_NEI_PATTERN = r"^\s*([jJ][aA]|[nN][eE][iI])\s*$"
"""``ja`` or ``nei`` in any case, with spaces around allowed (as the readers accept them)."""
JaNeiTekst = Annotated[str, Field(pattern=JA_NEI_PATTERN, description="«ja» eller «nei»")]
DatoTekst = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Dato som ÅÅÅÅ-MM-DD")]
STATUS = ("oppfylt", "ikke_oppfylt", "uavklart", "skjonn")
UTFALL = ("oppfylt", "ikke_oppfylt", "uavklart")

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


def _caseless(text: str) -> str:
    """A regular-expression fragment matching ``text`` in any letter case (JSON Schema has no flags)."""
    out = []
    for ch in text:
        low, up = ch.casefold(), ch.upper()
        out.append(f"[{low}{up}]" if low != up and len(low) == len(up) == 1 else _escape(ch))
    return "".join(out)


def _escape(ch: str) -> str:
    return "\\" + ch if ch in r".^$*+?()[]{}|\-/" else ch


def _fact_field(d) -> tuple[Any, Any]:
    """The annotation and field for one fact of the vocabulary: its type, bounds and question."""
    bounds = {k: v for k, v in (("ge", d.min), ("le", d.max)) if v is not None}
    text = d.sporsmal + (f" ({d.enhet})" if d.enhet and f"({d.enhet})" not in d.sporsmal else "")
    if d.type == "ja_nei":
        return Optional[Union[bool, JaNeiTekst]], Field(None, description=text)
    number = int if d.type == "heltall" else Union[int, float]
    return Optional[Annotated[number, Field(**bounds)]], Field(None, description=text)


def _widened(annotation: Any) -> Any:
    """``annotation`` with ``bool`` also accepting ja/nei text and ``date`` also ``ÅÅÅÅ-MM-DD`` text."""
    if annotation is bool:
        return Union[bool, JaNeiTekst]
    if annotation is dt.date:
        return Union[dt.date, DatoTekst]
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType) and args:
        return Union[tuple(_widened(a) for a in args)]
    return annotation


def sak_model() -> type[BaseModel]:
    """The ``sak`` mapping of a case file: the fields of :class:`kb.oslo.models.Sak`, widened as
    :func:`kb.oslo.procedure.parse_case` reads them (ja/nei, dates as text)."""
    fields = {name: (_widened(info.annotation), Field(default=info.default, description=info.description))
              for name, info in Sak.model_fields.items()}
    return create_model("Sak", __config__=_STRICT, __doc__="The case as kb procedure reads it.", **fields)


def case_file_model(kb) -> type[BaseModel]:
    """The model of a case file for the knowledge base ``kb`` (facts, services, municipalities)."""
    facts = {name: _fact_field(d) for name, d in sorted(kb.opplysninger.items())}
    Opplysninger = create_model("Opplysninger", __config__=_STRICT,
                                __doc__="Opplysningene fra kartleggingen (navn fra faktavokabularet).", **facts)
    ids = sorted({sid for table in kb.tjenester_per_sett().values() for sid in table})  # every criteria set's
    tjeneste = Literal[tuple(ids)] if ids else Slug
    names = sorted({k.id for k in kb.kommuner.values()} | {k.navn for k in kb.kommuner.values()})
    any_case = "^\\s*(" + "|".join(_caseless(n) for n in names) + ")\\s*$"
    kommune = Union[Literal[tuple(names)], Annotated[str, Field(pattern=any_case)]] if names else str
    fields = {"tjeneste": (Optional[tjeneste], None), "kommune": (Optional[kommune], None),
              "opplysninger": (Optional[Opplysninger], None),
              "vurderingsdato": (Optional[Union[dt.date, DatoTekst]], None),
              "sak": (Optional[sak_model()], None)}
    return create_model("Saksfil", __config__=_STRICT, __doc__="A case file (kb evaluate / kb procedure).", **fields)


# --- conformance cases ---------------------------------------------------------------------------


class ForventetKriterium(Strict):
    """What one criterion's result must be; only the named fields are compared."""

    status: Literal[STATUS] | None = None
    mangler: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] | None = None
    utelatt: bool = False
    """True: the criterion is left out of the result (a municipality exception applies)."""

    @model_validator(mode="after")
    def _left_out_alone(self) -> "ForventetKriterium":
        if self.utelatt and (self.status is not None or self.mangler is not None):
            raise ValueError("et utelatt kriterium har verken status eller mangler")
        if not self.utelatt and "utelatt" in self.model_fields_set:
            raise ValueError("skriv bare «utelatt: true» (et kriterium som ikke er utelatt, har en status)")
        return self


class ForventetVurdering(Strict):
    """Expected output of ``kb evaluate``; only the named fields are compared."""

    utfall: Literal[UTFALL] | None = None
    rettskrav: bool | None = None
    mangler: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] | None = None
    kriterier: dict[Slug, ForventetKriterium] = {}


class ForventetProsedyre(Strict):
    """Expected output of ``kb procedure``; only the named fields are compared (``null`` is a value)."""

    enkeltvedtak_kreves: bool | None = None
    forvaltningsmelding_kreves: bool | None = None
    forhandsvarsel_kreves: bool | None = None
    vedtaksmal: int | None = None
    """The template's id (``null``: no template)."""
    klagefrist: dt.date | None = None
    klageinstans: str | None = None


class Konformitetskilde(Kilde):
    """The source passage a case rests on: document, section and (optional) the words."""

    sitat: str = ""
    """Words of the passage as the knowledge base restores them (checked by the tests)."""
    lovhenvisninger: list[Lovhenvisning] = []
    """The law the case rests on where the passage's words are not the whole answer (e.g. pbrl § 7-5)."""


def conformance_file_model(kb) -> type[BaseModel]:
    """The model of a conformance file (``tests/conformance/*.yaml``) for the knowledge base ``kb``."""
    Saksfil = case_file_model(kb)

    def case(kind: str, expected: type) -> type[BaseModel]:
        fields = {"navn": (NonEmpty, ...), "kilde": (Konformitetskilde, ...),
                  "inndata": (Saksfil, ...), "forventet": (expected, ...), "merknad": (str, "")}
        return create_model(f"Tilfelle{kind}", __config__=_STRICT, __doc__=f"One case for kb {kind.lower()}.",
                            **fields)

    def file(kind: str, command: str, item: type) -> type[BaseModel]:
        return create_model(f"Konformitetsfil{kind}", __config__=_STRICT,
                            __doc__=f"Conformance cases for kb {command}.",
                            kommando=(Literal[command], ...),
                            tilfeller=(list[item], Field(min_length=1)))

    files = Union[file("Evaluate", "evaluate", case("Evaluate", ForventetVurdering)),
                  file("Procedure", "procedure", case("Procedure", ForventetProsedyre))]

    class Konformitetsfil(RootModel):
        """A file of conformance cases for one command (``kommando``: evaluate or procedure)."""

        root: Annotated[files, Field(discriminator="kommando")]

    return Konformitetsfil
