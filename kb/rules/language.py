"""The rule language: rules are data (comparisons, all/any/not, criterion references).

A rule is evaluated by :mod:`kb.rules.interpreter`, never by ``eval``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, Tag

from kb.reading.schema import Slug, Strict, key_tag

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


Regel = Annotated[
    Union[Annotated[Sammenligning, Tag("fakta")], Annotated[Alle, Tag("alle")],
          Annotated[Noen, Tag("noen")], Annotated[Ikke, Tag("ikke")],
          Annotated[KriteriumRef, Tag("kriterium")]],
    key_tag("fakta", "alle", "noen", "ikke", "kriterium"),
]
"""A machine rule: data, evaluated by :mod:`kb.rules.interpreter`, never by ``eval``."""

for _model in (Alle, Noen, Ikke):
    _model.model_rebuild()


