"""A small, safe interpreter for machine rules (three-valued logic).

Rules are data (see :data:`kb.rules.language.Regel`), never Python code. A rule evaluates to
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

from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, ParameterRef, Regel, Sammenligning

_OPS: dict[str, Callable] = {"<": operator.lt, "<=": operator.le, ">": operator.gt,
                             ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
                             "i": lambda value, choices: value in choices}

NO_PARAMETERS: Mapping[str, object] = {}


@dataclass(frozen=True)
class Verdi:
    """The value of a rule: ``verdi`` is True, False or None; ``mangler`` the deciding missing facts.

    ``antatt`` names missing facts that a ``ved_tvil`` presumption decided (reported, never hidden).
    """

    verdi: bool | None
    mangler: tuple[str, ...] = ()
    antatt: tuple[str, ...] = ()


def operand(regel: Sammenligning, parametre: Mapping[str, object]) -> object:
    """The value a comparison compares with: its literal, or the parameter's value in ``parametre``."""
    v = regel.verdi
    if isinstance(v, ParameterRef):
        try:
            return parametre[v.parameter]
        except KeyError:
            raise ValueError(f"parameteren «{v.parameter}» har ingen verdi på vurderingsdatoen") from None
    return v


def compare(regel: Sammenligning, value: object, parametre: Mapping[str, object]) -> bool:
    """``value`` (a known fact) compared as the rule says."""
    return bool(_OPS[regel.op](value, operand(regel, parametre)))


def _union(items) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in items:
        for name in v.mangler:
            seen.setdefault(name, None)
    return tuple(seen)


def _presumed(parts) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in parts:
        for name in v.antatt:
            seen.setdefault(name, None)
    return tuple(seen)


def evaluate_rule(regel: Regel, fakta: Mapping[str, object],
                  kriterium: Callable[[str], Verdi] | None = None,
                  parametre: Mapping[str, object] = NO_PARAMETERS) -> Verdi:
    """Evaluate ``regel`` against the known ``fakta`` (missing keys are unknown).

    ``kriterium`` resolves ``{kriterium: id}`` references to another criterion's value;
    ``parametre`` holds the parameters' values on the assessment date.
    """
    if isinstance(regel, Sammenligning):
        value = fakta.get(regel.fakta)
        if value is None:
            if regel.ved_tvil == "usann":
                return Verdi(False, (), (regel.fakta,))
            return Verdi(None, (regel.fakta,))
        return Verdi(compare(regel, value, parametre))
    if isinstance(regel, Alle):
        parts = [evaluate_rule(r, fakta, kriterium, parametre) for r in regel.alle]
        false = [p for p in parts if p.verdi is False]
        if false:  # a part false without a presumption decides alone
            return Verdi(False, (), () if any(not p.antatt for p in false) else _presumed(false))
        unknown = [p for p in parts if p.verdi is None]
        return Verdi(None, _union(unknown), _presumed(parts)) if unknown else Verdi(True, (), _presumed(parts))
    if isinstance(regel, Noen):
        parts = [evaluate_rule(r, fakta, kriterium, parametre) for r in regel.noen]
        true = [p for p in parts if p.verdi is True]
        if true:
            return Verdi(True, (), () if any(not p.antatt for p in true) else _presumed(true))
        unknown = [p for p in parts if p.verdi is None]
        return Verdi(None, _union(unknown), _presumed(parts)) if unknown else Verdi(False, (), _presumed(parts))
    if isinstance(regel, Ikke):
        inner = evaluate_rule(regel.ikke, fakta, kriterium, parametre)
        return inner if inner.verdi is None else Verdi(not inner.verdi, (), inner.antatt)
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


def type_errors(regel: Regel, vocabulary: Mapping, parametre: Mapping[str, object] = NO_PARAMETERS) -> list[str]:
    """Problems with a rule against a vocabulary (name → object with ``type`` and, for choices,
    ``valg``): unknown facts, unknown parameters and mismatched types."""
    problems = []
    for node in _comparisons(regel):
        fact = vocabulary.get(node.fakta)
        if fact is None:
            problems.append(f"regelen bruker ukjent opplysning «{node.fakta}»")
            continue
        if isinstance(node.verdi, ParameterRef) and node.verdi.parameter not in parametre:
            problems.append(f"regelen bruker ukjent parameter «{node.verdi.parameter}» (se parametre.yaml)")
            continue
        value = operand(node, parametre)
        problems += _type_problems(node, fact, value)
    return problems


def _type_problems(node: Sammenligning, fact, value) -> list[str]:
    kind = fact.type
    if node.op == "i" and not isinstance(value, list):
        return [f"«{node.fakta}»: «i» skal sammenligne med en liste"]
    if kind == "ja_nei":
        if not isinstance(value, bool):
            return [f"«{node.fakta}» er ja/nei, men regelen sammenligner med {value!r}"]
        if node.op not in ("==", "!="):
            return [f"«{node.fakta}» er ja/nei og kan bare sammenlignes med == eller !="]
        return []
    if kind == "valg":
        options = list(getattr(fact, "valg", []) or [])
        chosen = value if isinstance(value, list) else [value]
        bad = [v for v in chosen if not isinstance(v, str) or v not in options]
        if bad or node.op not in ("==", "!=", "i"):
            return [f"«{node.fakta}» er et valg ({', '.join(options)}), men regelen sammenligner med {value!r}"]
        return []
    if isinstance(value, (bool, str, list)):
        return [f"«{node.fakta}» er et tall, men regelen sammenligner med {value!r}"]
    if kind == "heltall" and isinstance(value, float) and not value.is_integer():
        return [f"«{node.fakta}» er et heltall, men regelen sammenligner med {value!r}"]
    return []


def _comparisons(regel: Regel):
    """Every comparison of a fact in a rule, depth first."""
    return (leaf for leaf in _leaves(regel) if isinstance(leaf, Sammenligning))


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
_nodes_cache: dict[int, tuple] = {}
"""A rule's comparisons (and those with a parameter), by the rule's ``id``, with the rule."""


def deciding_facts(regel: Regel, fakta: Mapping[str, object], missing: tuple[str, ...],
                   parametre: Mapping[str, object] = NO_PARAMETERS) -> tuple[str, ...]:
    """The missing facts that can actually change the value of an (expanded) rule.

    Every comparison splits a number line at its constant, so trying each constant and the
    points just beside it covers every region; yes/no facts take both values. A missing fact
    is kept when two assignments that differ only in it give different results. The answer
    depends only on the outcome of each comparison on the known facts, so it is memoised on
    those outcomes.
    """
    if len(missing) < 2:
        return missing
    found = _nodes_cache.get(id(regel))
    if found is None or found[0] is not regel:
        if len(_nodes_cache) > 10_000:
            _nodes_cache.clear()
        nodes = tuple(_comparisons(regel))
        found = _nodes_cache[id(regel)] = (regel, nodes, tuple(n for n in nodes if isinstance(n.verdi, ParameterRef)))
    nodes = found[1]
    outcomes = tuple(None if fakta.get(n.fakta) is None else compare(n, fakta[n.fakta], parametre) for n in nodes)
    constants = tuple(repr(operand(n, parametre)) for n in found[2])
    key = (id(regel), missing, outcomes, constants)
    cached = _deciding_cache.get(key)
    if cached is None or cached[0] is not regel:  # the id may belong to a rule since freed
        cached = (regel, _deciding_facts(regel, fakta, missing, parametre))
        if len(_deciding_cache) > 100_000:
            _deciding_cache.clear()
        _deciding_cache[key] = cached
    return cached[1]


def _deciding_facts(regel: Regel, fakta: Mapping[str, object], missing: tuple[str, ...],
                    parametre: Mapping[str, object]) -> tuple[str, ...]:
    candidates: dict[str, list] = {name: [] for name in missing}
    for node in _comparisons(regel):
        if node.fakta in candidates:
            c = operand(node, parametre)
            if isinstance(c, bool):
                candidates[node.fakta].extend([True, False])
            elif isinstance(c, str):
                candidates[node.fakta].extend([c, "\x00annet"])
            elif isinstance(c, list):
                candidates[node.fakta].extend([*c, "\x00annet"])
            else:
                candidates[node.fakta].extend([c - 0.5, c, c + 0.5])
    values = {n: list(dict.fromkeys(v)) or [None] for n, v in candidates.items()}
    total = 1
    for v in values.values():
        total *= len(v)
    if total > MAX_ASSIGNMENTS:
        return missing
    names = list(missing)
    results: dict[tuple, bool | None] = {}
    rule = compile_rule(regel, parametre)  # the same values as evaluate_rule, the rule walked once
    for combo in itertools.product(*(values[n] for n in names)):
        facts = dict(fakta)
        facts.update(zip(names, combo))
        results[combo] = rule(facts, None)[0]
    deciding = []
    for i, name in enumerate(names):
        groups: dict[tuple, set] = {}
        for combo, result in results.items():
            groups.setdefault(combo[:i] + combo[i + 1:], set()).add(result)
        if any(len(g) > 1 for g in groups.values()):
            deciding.append(name)
    return tuple(deciding)


# --- compiled rules -----------------------------------------------------------
#
# The same three-valued logic as :func:`evaluate_rule`, with the rule walked once: each rule
# becomes a tree of Python closures, each answering ``(verdi, mangler, antatt)`` (the fields of
# :class:`Verdi`, as a plain tuple) for a case's facts. The evaluator compiles a service's rules
# once per knowledge base and parameter values and calls them on every case.

Outcome = tuple
"""``(verdi, mangler, antatt)``: what :class:`Verdi` holds, as a tuple."""
TRUE: Outcome = (True, (), ())
FALSE: Outcome = (False, (), ())
UNKNOWN: Outcome = (None, (), ())
CompiledRule = Callable[[Mapping[str, object], Callable[[str], Outcome]], Outcome]
"""``fn(fakta, kriterium)``: a compiled rule; ``kriterium`` answers a criterion reference."""


def _names(outcomes, field: int) -> tuple[str, ...]:
    """The names in field ``field`` (1: mangler, 2: antatt) of ``outcomes``, each once, in order."""
    seen: dict[str, None] = {}
    for o in outcomes:
        for name in o[field]:
            seen.setdefault(name, None)
    return tuple(seen)


def _kleene(parts: list[Outcome], deciding: bool) -> Outcome:
    """Kleene's AND (``deciding`` False: a false part decides) or OR (``deciding`` True: a true part
    decides) over evaluated parts, as :func:`evaluate_rule` combines them."""
    decided = [p for p in parts if p[0] is deciding]
    if decided:
        if any(not p[2] for p in decided):
            return TRUE if deciding else FALSE
        return (deciding, (), _names(decided, 2))
    presumed = _names(parts, 2)
    unknown = [p for p in parts if p[0] is None]
    if unknown:
        return (None, _names(unknown, 1), presumed)
    return (not deciding, (), presumed) if presumed else (FALSE if deciding else TRUE)


def _all(parts: list[Outcome]) -> Outcome:
    """Kleene's AND over evaluated parts."""
    return _kleene(parts, False)


def _any(parts: list[Outcome]) -> Outcome:
    """Kleene's OR over evaluated parts."""
    return _kleene(parts, True)


def compile_rule(regel: Regel | None, parametre: Mapping[str, object] = NO_PARAMETERS,
                 reference_raises: Callable[[str], bool] | None = None) -> CompiledRule:
    """``regel`` as a function of the facts: ``fn(fakta, kriterium)`` gives exactly what
    ``evaluate_rule(regel, fakta, kriterium, parametre)`` gives, as ``(verdi, mangler, antatt)``,
    and raises what it raises. Parameters are read from ``parametre`` once, here.

    An «og» stops at its first part that is false without a presumption (an «eller» at its
    first true one): the rest cannot change the value. It does not stop where a later part
    could raise (a parameter with no value on the date), so the error stays the same;
    ``reference_raises(id)`` says whether a referenced criterion may (unknown: it may).
    """
    fn, _ = _compile_node(regel, parametre, reference_raises)
    return fn


def may_raise(regel: Regel | None, parametre: Mapping[str, object], lookup: Callable[[str], Regel | None]) -> bool:
    """Whether evaluating ``regel`` (following references through ``lookup``) may raise: a
    parameter without a value in ``parametre``, or a rule the interpreter does not know."""
    if isinstance(regel, Sammenligning):
        return isinstance(regel.verdi, ParameterRef) and regel.verdi.parameter not in parametre
    if isinstance(regel, (Alle, Noen)):
        return any(may_raise(r, parametre, lookup) for r in (regel.alle if isinstance(regel, Alle) else regel.noen))
    if isinstance(regel, Ikke):
        return may_raise(regel.ikke, parametre, lookup)
    if isinstance(regel, KriteriumRef):
        return may_raise(lookup(regel.kriterium), parametre, lookup)
    return True


def _compile_node(regel, parametre, reference_raises=None) -> tuple[CompiledRule, bool]:
    """The compiled rule and whether evaluating it may raise (a reference may, always)."""
    if isinstance(regel, Sammenligning):
        name = regel.fakta
        missing = (False, (), (name,)) if regel.ved_tvil == "usann" else (None, (name,), ())
        value = regel.verdi
        if isinstance(value, ParameterRef) and value.parameter not in parametre:
            def broken(fakta, kriterium, name=name, missing=missing, regel=regel):
                if fakta.get(name) is None:
                    return missing
                operand(regel, parametre)  # raises the interpreter's error
                raise AssertionError("unreachable")
            return broken, True
        limit = operand(regel, parametre)
        op = _OPS[regel.op]
        get_true, get_false = TRUE, FALSE

        def leaf(fakta, kriterium):
            v = fakta.get(name)
            if v is None:
                return missing
            return get_true if op(v, limit) else get_false
        return leaf, False
    if isinstance(regel, (Alle, Noen)):
        is_all = isinstance(regel, Alle)
        compiled = [_compile_node(r, parametre, reference_raises) for r in (regel.alle if is_all else regel.noen)]
        parts = [fn for fn, _ in compiled]
        combine = _all if is_all else _any
        stop = False if is_all else True
        if len(parts) == 1 and not compiled[0][1]:
            only = parts[0]

            def single(fakta, kriterium):
                return combine([only(fakta, kriterium)])
            return single, False
        # a part may stop the walk only when no later part can raise
        stoppable = [not any(r for _, r in compiled[i + 1:]) for i in range(len(compiled))]
        plan = list(zip(parts, stoppable))

        def junction(fakta, kriterium):
            out = []
            for fn, may_stop in plan:
                o = fn(fakta, kriterium)
                if may_stop and o[0] is stop and not o[2]:
                    return TRUE if stop else FALSE
                out.append(o)
            return combine(out)
        return junction, any(r for _, r in compiled)
    if isinstance(regel, Ikke):
        inner, raises = _compile_node(regel.ikke, parametre, reference_raises)

        def negation(fakta, kriterium):
            o = inner(fakta, kriterium)
            v = o[0]
            if v is None:
                return o
            if not o[2]:
                return FALSE if v else TRUE
            return (not v, (), o[2])
        return negation, raises
    if isinstance(regel, KriteriumRef):
        kid = regel.kriterium

        def reference(fakta, kriterium):
            if kriterium is None:
                raise ValueError(f"kriterium-referanse «{kid}» uten oppslag")
            return kriterium(kid)
        return reference, True if reference_raises is None else reference_raises(kid)

    def unknown(fakta, kriterium):
        raise TypeError(f"ukjent regel: {regel!r}")
    return unknown, True
