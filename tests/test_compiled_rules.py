"""Compiled rules (kb.rules.interpreter.compile_rule) answer exactly as the interpreter does.

The evaluator calls compiled rules on every case; :func:`evaluate_rule` stays the reference. Rules
here are random trees over a few facts: comparisons with and without ``ved_tvil: usann``, with a
literal or a parameter (one parameter has no value, so reading it raises), «og», «eller», «ikke»
and references to two named criteria.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.rules.interpreter import Verdi, compile_rule, evaluate_rule, may_raise
from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, ParameterRef, Sammenligning

PARAMETRE = {"grense": 5}
"""``mangler`` has no value: a comparison with it raises when its fact is known."""

FACTS = ("a", "b", "c")

leaf = st.one_of(
    st.builds(lambda f, usann: Sammenligning(fakta=f, ved_tvil="usann" if usann else None),
              st.sampled_from(FACTS), st.booleans()),
    st.builds(lambda f, op, v: Sammenligning(fakta=f, op=op, verdi=v),
              st.sampled_from(FACTS), st.sampled_from(["<", ">=", "==", "!="]), st.integers(0, 9)),
    st.builds(lambda f, p: Sammenligning(fakta=f, op="<", verdi=ParameterRef(parameter=p)),
              st.sampled_from(FACTS), st.sampled_from(["grense", "grense", "grense", "mangler"])),
)
rules = st.recursive(leaf, lambda inner: st.one_of(
    st.builds(lambda parts: Alle(alle=parts), st.lists(inner, min_size=1, max_size=4)),
    st.builds(lambda parts: Noen(noen=parts), st.lists(inner, min_size=1, max_size=4)),
    st.builds(lambda r: Ikke(ikke=r), inner),
), max_leaves=12)
value = st.one_of(st.none(), st.booleans(), st.integers(0, 9))
facts = st.fixed_dictionaries({}, optional={f: value for f in FACTS})


def outcome(fn):
    """A call's result or the error it raised (type and message)."""
    try:
        return fn()
    except Exception as exc:  # the error itself is compared
        return (type(exc).__name__, str(exc))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rules, fakta=facts)
def test_compiled_rule_matches_interpreter(rule, fakta):
    fakta = {k: v for k, v in fakta.items() if v is not None}
    want = outcome(lambda: evaluate_rule(rule, fakta, None, PARAMETRE))
    got = outcome(lambda: Verdi(*compile_rule(rule, PARAMETRE)(fakta, None)))
    assert got == want


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=rules, second=rules, top=rules, fakta=facts, order=st.booleans())
def test_compiled_references_match_interpreter(first, second, top, fakta, order):
    """A rule that refers to two criteria, each evaluated once (as the evaluator's ``value_of``)."""
    fakta = {k: v for k, v in fakta.items() if v is not None}
    named = {"k1": first, "k2": second}
    rule = Alle(alle=[KriteriumRef(kriterium="k1"), top, KriteriumRef(kriterium="k2")]) if order else \
        Noen(noen=[top, KriteriumRef(kriterium="k2"), KriteriumRef(kriterium="k1")])

    def interpreted():
        memo: dict = {}

        def lookup(kid):
            if kid not in memo:
                memo[kid] = evaluate_rule(named[kid], fakta, lookup, PARAMETRE)
            return memo[kid]
        return evaluate_rule(rule, fakta, lookup, PARAMETRE)

    def compiled():
        raises = lambda kid: may_raise(named[kid], PARAMETRE, named.get)  # noqa: E731
        functions = {kid: compile_rule(r, PARAMETRE, raises) for kid, r in named.items()}
        memo: dict = {}

        def lookup(kid):
            if kid not in memo:
                memo[kid] = functions[kid](fakta, lookup)
            return memo[kid]
        return Verdi(*compile_rule(rule, PARAMETRE, raises)(fakta, lookup))

    assert outcome(compiled) == outcome(interpreted)


def test_compiled_reference_without_lookup_raises_as_interpreter():
    rule = KriteriumRef(kriterium="k1")
    assert outcome(lambda: compile_rule(rule)({}, None)) == outcome(lambda: evaluate_rule(rule, {}))
