"""A small, safe interpreter for machine rules (three-valued logic).

Rules are data (see :data:`kb.models.Regel`), never Python code. A rule evaluates to
``True``, ``False`` or ``None`` (unknown, because a fact is missing); an unknown result
carries the names of the facts that would decide it. AND/OR/NOT follow Kleene's
three-valued logic, so a rule decided by the known facts stays decided when more facts
are added.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass
from typing import Callable, Mapping

from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, Regel, Sammenligning
from kb.reading.schema import Opplysning

_OPS: dict[str, Callable] = {"<": operator.lt, "<=": operator.le, ">": operator.gt,
                             ">=": operator.ge, "==": operator.eq, "!=": operator.ne}


@dataclass(frozen=True)
class Verdi:
    """The value of a rule: ``verdi`` is True, False or None; ``mangler`` the deciding missing facts."""

    verdi: bool | None
    mangler: tuple[str, ...] = ()


def _union(items) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in items:
        for name in v.mangler:
            seen.setdefault(name, None)
    return tuple(seen)


def evaluate_rule(regel: Regel, fakta: Mapping[str, object],
                  kriterium: Callable[[str], Verdi] | None = None) -> Verdi:
    """Evaluate ``regel`` against the known ``fakta`` (missing keys are unknown).

    ``kriterium`` resolves ``{kriterium: id}`` references to another criterion's value.
    """
    if isinstance(regel, Sammenligning):
        if fakta.get(regel.fakta) is None:
            return Verdi(None, (regel.fakta,))
        return Verdi(bool(_OPS[regel.op](fakta[regel.fakta], regel.verdi)))
    if isinstance(regel, Alle):
        parts = [evaluate_rule(r, fakta, kriterium) for r in regel.alle]
        if any(p.verdi is False for p in parts):
            return Verdi(False)
        unknown = [p for p in parts if p.verdi is None]
        return Verdi(None, _union(unknown)) if unknown else Verdi(True)
    if isinstance(regel, Noen):
        parts = [evaluate_rule(r, fakta, kriterium) for r in regel.noen]
        if any(p.verdi is True for p in parts):
            return Verdi(True)
        unknown = [p for p in parts if p.verdi is None]
        return Verdi(None, _union(unknown)) if unknown else Verdi(False)
    if isinstance(regel, Ikke):
        inner = evaluate_rule(regel.ikke, fakta, kriterium)
        return inner if inner.verdi is None else Verdi(not inner.verdi)
    if isinstance(regel, KriteriumRef):
        if kriterium is None:
            raise ValueError(f"kriterium-referanse «{regel.kriterium}» uten oppslag")
        return kriterium(regel.kriterium)
    raise TypeError(f"ukjent regel: {regel!r}")


def _leaves(regel: Regel):
    """Every comparison and criterion reference in a rule, depth first."""
    if isinstance(regel, (Sammenligning, KriteriumRef)):
        yield regel
    elif isinstance(regel, (Alle, Noen)):
        for r in (regel.alle if isinstance(regel, Alle) else regel.noen):
            yield from _leaves(r)
    elif isinstance(regel, Ikke):
        yield from _leaves(regel.ikke)


def facts_used(regel: Regel) -> list[str]:
    """Names of all facts a rule reads (not following criterion references)."""
    return [leaf.fakta for leaf in _comparisons(regel)]


def criteria_used(regel: Regel) -> list[str]:
    """Ids of all criteria a rule refers to with ``{kriterium: id}``."""
    return [leaf.kriterium for leaf in _leaves(regel) if isinstance(leaf, KriteriumRef)]


def type_errors(regel: Regel, vocabulary: Mapping[str, Opplysning]) -> list[str]:
    """Problems with a rule against the fact vocabulary: unknown facts and mismatched types."""
    problems = []
    for node in _comparisons(regel):
        fact = vocabulary.get(node.fakta)
        if fact is None:
            problems.append(f"regelen bruker ukjent opplysning «{node.fakta}»")
            continue
        if fact.type == "ja_nei":
            if not isinstance(node.verdi, bool):
                problems.append(f"«{node.fakta}» er ja/nei, men regelen sammenligner med {node.verdi!r}")
            elif node.op not in ("==", "!="):
                problems.append(f"«{node.fakta}» er ja/nei og kan bare sammenlignes med == eller !=")
        else:
            if isinstance(node.verdi, bool):
                problems.append(f"«{node.fakta}» er et tall, men regelen sammenligner med {node.verdi!r}")
            elif fact.type == "heltall" and isinstance(node.verdi, float) and not node.verdi.is_integer():
                problems.append(f"«{node.fakta}» er et heltall, men regelen sammenligner med {node.verdi!r}")
    return problems


def _comparisons(regel: Regel):
    """Every comparison of a fact in a rule, depth first."""
    return (leaf for leaf in _leaves(regel) if isinstance(leaf, Sammenligning))


def describe(regel: Regel, vocabulary: Mapping[str, Opplysning] | None = None) -> str:
    """The rule in readable Norwegian, e.g. ``alder < 67 og timer_per_uke > 32``."""
    if isinstance(regel, Sammenligning):
        fact = vocabulary.get(regel.fakta) if vocabulary else None
        if isinstance(regel.verdi, bool) and regel.op in ("==", "!="):
            positive = (regel.op == "==") == regel.verdi
            return f"{regel.fakta} = {'ja' if positive else 'nei'}"
        unit = f" {fact.enhet}" if fact and fact.enhet else ""
        op = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(regel.op, regel.op)
        value = str(regel.verdi).replace(".", ",")
        return f"{regel.fakta} {op} {value}{unit}"
    if isinstance(regel, Alle):
        return " og ".join(_paren(r, vocabulary) for r in regel.alle)
    if isinstance(regel, Noen):
        return " eller ".join(_paren(r, vocabulary) for r in regel.noen)
    if isinstance(regel, Ikke):
        return f"ikke {_paren(regel.ikke, vocabulary)}"
    if isinstance(regel, KriteriumRef):
        return f"[{regel.kriterium}]"
    return repr(regel)


def _paren(regel: Regel, vocabulary) -> str:
    text = describe(regel, vocabulary)
    return f"({text})" if isinstance(regel, (Alle, Noen)) and len(
        regel.alle if isinstance(regel, Alle) else regel.noen) > 1 else text


def expand(regel: Regel, lookup: Callable[[str], Regel]) -> Regel:
    """The rule with every ``{kriterium: id}`` replaced by that criterion's rule."""
    if isinstance(regel, KriteriumRef):
        return expand(lookup(regel.kriterium), lookup)
    if isinstance(regel, Alle):
        return Alle(alle=[expand(r, lookup) for r in regel.alle])
    if isinstance(regel, Noen):
        return Noen(noen=[expand(r, lookup) for r in regel.noen])
    if isinstance(regel, Ikke):
        return Ikke(ikke=expand(regel.ikke, lookup))
    return regel


def has_shared_facts(regel: Regel) -> bool:
    """True when a fact occurs more than once in an (expanded) rule.

    Only then can the Kleene union of missing facts name a fact that cannot change the
    result (see :func:`deciding_facts`).
    """
    names = facts_used(regel)
    return len(names) != len(set(names))


MAX_ASSIGNMENTS = 4096
"""Upper bound on the assignments :func:`deciding_facts` tries before it keeps the union."""


_deciding_cache: dict[tuple, tuple[Regel, tuple[str, ...]]] = {}


def deciding_facts(regel: Regel, fakta: Mapping[str, object], missing: tuple[str, ...]) -> tuple[str, ...]:
    """The missing facts that can actually change the value of an (expanded) rule.

    Every comparison splits a number line at its constant, so trying each constant and the
    points just beside it covers every region; yes/no facts take both values. A missing fact
    is kept when two assignments that differ only in it give different results. The answer
    depends only on the outcome of each comparison on the known facts, so it is memoised on
    those outcomes.
    """
    if len(missing) < 2:
        return missing
    outcomes = tuple(None if fakta.get(n.fakta) is None else _OPS[n.op](fakta[n.fakta], n.verdi)
                     for n in _comparisons(regel))
    key = (id(regel), missing, outcomes)
    cached = _deciding_cache.get(key)
    if cached is None or cached[0] is not regel:  # the id may belong to a rule since freed
        cached = (regel, _deciding_facts(regel, fakta, missing))
        if len(_deciding_cache) > 100_000:
            _deciding_cache.clear()
        _deciding_cache[key] = cached
    return cached[1]


def _deciding_facts(regel: Regel, fakta: Mapping[str, object], missing: tuple[str, ...]) -> tuple[str, ...]:
    candidates: dict[str, list] = {name: [] for name in missing}
    for node in _comparisons(regel):
        if node.fakta in candidates:
            if isinstance(node.verdi, bool):
                candidates[node.fakta].extend([True, False])
            else:
                c = node.verdi
                candidates[node.fakta].extend([c - 0.5, c, c + 0.5])
    values = {n: list(dict.fromkeys(v)) or [None] for n, v in candidates.items()}
    total = 1
    for v in values.values():
        total *= len(v)
    if total > MAX_ASSIGNMENTS:
        return missing
    names = list(missing)
    results: dict[tuple, bool | None] = {}
    for combo in itertools.product(*(values[n] for n in names)):
        facts = dict(fakta)
        facts.update(zip(names, combo))
        results[combo] = evaluate_rule(regel, facts).verdi
    deciding = []
    for i, name in enumerate(names):
        groups: dict[tuple, set] = {}
        for combo, result in results.items():
            groups.setdefault(combo[:i] + combo[i + 1:], set()).add(result)
        if any(len(g) > 1 for g in groups.values()):
            deciding.append(name)
    return tuple(deciding)
