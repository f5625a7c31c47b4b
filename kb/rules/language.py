"""The rule language: rules are data (comparisons, all/any/not, criterion references).

One language serves the regional criteria (over the facts of a case) and Oslo's routine (over
the ``sak`` fields and the service's properties). A comparison's value can be a legal
parameter, ``{parameter: bpa-aldersgrense}``, read from ``kb/data/parametre.yaml`` with the
value in force on the assessment date. A rule is evaluated by :mod:`kb.rules.interpreter`,
never by ``eval``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, Tag

from kb.reading.schema import Slug, Strict, key_tag

# --- rules --------------------------------------------------------------------


Operator = Literal["<", "<=", ">", ">=", "==", "!=", "i"]
"""Comparison operators; ``i`` is membership in a list of choices (``{fakta: utfall, op: i, verdi: [avslag]}``)."""


class ParameterRef(Strict):
    """A legal parameter by id (``{parameter: bpa-aldersgrense}``), valued on the assessment date."""

    parameter: Slug


class Sammenligning(Strict):
    """Compare a fact with a value: ``{fakta: alder, op: "<", verdi: {parameter: bpa-aldersgrense}}``.

    ``op`` defaults to ``==`` and ``verdi`` to ``true``, so ``{fakta: bor_hjemme}``
    means "bor_hjemme is true". A missing fact makes the comparison unknown, except with
    ``ved_tvil: usann``: then it is false and the fact is still reported as missing. That is
    for a presumption the source itself states (e.g. an exception applies only when it is
    established, «Ved tvil …»); the rule's note must say where.
    """

    fakta: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    op: Operator = "=="
    verdi: bool | int | float | str | list[str] | ParameterRef = True
    ved_tvil: Literal["usann"] | None = None


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


