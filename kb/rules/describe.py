"""Rules in readable form: the compact notation of the command line (``alder < 67``)."""

from __future__ import annotations

from typing import Mapping

from kb.rules.interpreter import NO_PARAMETERS, operand
from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, ParameterRef, Regel, Sammenligning


def describe(regel: Regel, vocabulary: Mapping | None = None,
             parametre: Mapping[str, object] = NO_PARAMETERS) -> str:
    """The rule in compact Norwegian notation, e.g. ``alder < 67 og timer_per_uke > 32``.

    A parameter shows its value from ``parametre`` (or its id when it has none there).
    """
    if isinstance(regel, Sammenligning):
        fact = vocabulary.get(regel.fakta) if vocabulary else None
        value = regel.verdi
        if isinstance(value, ParameterRef):
            value = parametre.get(value.parameter, f"[{value.parameter}]")
        if isinstance(value, bool) and regel.op in ("==", "!="):
            positive = (regel.op == "==") == value
            return f"{regel.fakta} = {'ja' if positive else 'nei'}"
        if isinstance(value, list):
            return f"{regel.fakta} er {' eller '.join(map(str, value))}"
        unit = f" {fact.enhet}" if fact and getattr(fact, "enhet", "") else ""
        op = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(regel.op, regel.op)
        shown = str(value).replace(".", ",") if not isinstance(value, str) else value
        return f"{regel.fakta} {op} {shown}{unit}"
    if isinstance(regel, Alle):
        return " og ".join(_paren(r, vocabulary, parametre) for r in regel.alle)
    if isinstance(regel, Noen):
        return " eller ".join(_paren(r, vocabulary, parametre) for r in regel.noen)
    if isinstance(regel, Ikke):
        return f"ikke {_paren(regel.ikke, vocabulary, parametre)}"
    if isinstance(regel, KriteriumRef):
        return f"[{regel.kriterium}]"
    return repr(regel)


def _paren(regel: Regel, vocabulary, parametre) -> str:
    text = describe(regel, vocabulary, parametre)
    return f"({text})" if isinstance(regel, (Alle, Noen)) and len(
        regel.alle if isinstance(regel, Alle) else regel.noen) > 1 else text


