"""The criteria evaluator: checks the facts of a case against a service's criteria.

Three-valued and explained: each criterion is ``oppfylt``, ``ikke_oppfylt``, ``uavklart``
(a deciding fact is missing; the missing facts are named) or ``skjonn`` (only a person can
judge it). Missing facts never default to a value. Municipality exceptions ("Gjelder ikke
for Gran kommune") are applied. The result is *veiledende*: the caseworker decides.

Example::

    >>> from kb.criteria.evaluate import evaluate
    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> kb = load_kb_or_raise()
    >>> r = evaluate({"tjeneste": "bpa", "opplysninger": {"alder": 45, "timer_per_uke": 40, "varighet_ar": 3}}, kb)
    >>> r.rettskrav, r.utfall, r.mangler
    (True, 'uavklart', ['kan_vaere_arbeidsleder'])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from collections.abc import Mapping
from typing import Any

from kb.criteria.case import CASE_KEYS, YES_NO, KnowledgeBase, fact_value, municipality_id, validate_case
from kb.reading.casefile import CaseError
from kb.criteria.models import Kriterium, Tjeneste
from kb.reading.schema import Linjer
from kb.rules.describe import describe
from kb.rules.interpreter import (UNKNOWN, Verdi, compile_rule, criteria_used, deciding_facts, expand,
                                  has_shared_facts, may_raise)
from kb.criteria import reasons
from kb.rules.words import dato, kort_tittel

DECIDING = frozenset({"vilkar", "utelukker", "hovedregel_ikke", "provd_forst"})
"""Kinds of criterion that decide ``utfall`` (unless the criterion departs from the law)."""
EXCLUDING = frozenset({"utelukker", "hovedregel_ikke"})
"""Kinds whose rule says when the exclusion applies (true → ``ikke_oppfylt``)."""


@dataclass(frozen=True)
class KriteriumResultat:
    """The result for one criterion: status, deciding missing facts, text and source."""

    id: str
    tekst: str
    status: str
    mangler: list[str]
    kilde: str
    art: str = ""
    regel: str = ""
    tjeneste: str = ""
    linjer: Linjer | None = None
    """Where the criterion's words stand in its source text."""
    lovhenvisninger: tuple[str, ...] = ()
    """The laws the criterion's own text names, as citations (``pasient- og brukerrettighetsloven § 2-1 d``)."""
    avvik_fra_loven: str | None = None
    """Where the regional criterion is stricter than, or departs from, the law: a sentence naming
    the law and its source (see :mod:`kb.criteria.law`); ``None`` elsewhere."""

    def to_json(self) -> dict:
        """The contract's shape for one criterion (plus its source lines, legal references and
        any departure from the law)."""
        return {"id": self.id, "tekst": self.tekst, "status": self.status,
                "mangler": list(self.mangler), "kilde": self.kilde,
                "linjer": [self.linjer.fra, self.linjer.til] if self.linjer else None,
                "lovhenvisninger": list(self.lovhenvisninger),
                "avvik_fra_loven": self.avvik_fra_loven}


@dataclass(frozen=True)
class Resultat:
    """The outcome of an evaluation (the public contract: docs/utviklere/arkitektur.md)."""

    tjeneste: str
    kommune: str | None
    utfall: str
    rettskrav: bool | None
    mangler: list[str]
    kriterier: list[KriteriumResultat]
    vurderingsdato: dt.date
    unntak: list[str] = field(default_factory=list)
    """Criteria left out (a municipality exception, or not in force on the assessment date), as
    readable lines naming each by its short title."""
    build_tree: object = field(default=None, repr=False, compare=False)
    """Builds the reason tree on first use (see :attr:`begrunnelse`)."""

    @property
    def begrunnelse(self) -> dict:
        """The reason tree (see :mod:`kb.criteria.reasons`), built when first asked for."""
        cached = self.__dict__.get("_tree")
        if cached is None:
            cached = self.build_tree() if self.build_tree is not None else {}
            object.__setattr__(self, "_tree", cached)
        return cached

    def to_json(self) -> dict:
        """Exactly the JSON object ``kb evaluate --json`` prints."""
        return {"tjeneste": self.tjeneste, "kommune": self.kommune, "utfall": self.utfall,
                "rettskrav": self.rettskrav, "mangler": list(self.mangler),
                "kriterier": [k.to_json() for k in self.kriterier], "begrunnelse": self.begrunnelse}


@dataclass(frozen=True)
class _Compiled:
    """A criterion prepared once per service: its citation and display text."""

    k: Kriterium
    kilde: str
    regel: str
    tjeneste: str
    expanded: object = None
    """The rule with criterion references inlined, when facts occur more than once in it."""
    lovtekster: tuple[str, ...] = ()
    """The laws the criterion's own text names, as citations."""
    avvik: str | None = None
    """The departure from the law, as the sentence shown (see :func:`avvik_text`)."""

    @property
    def linjer(self) -> Linjer | None:
        """The criterion's line range in its source text."""
        return self.k.linjer


class _NoneMissing(list):
    """The empty ``mangler`` of a criterion that always has the same result (a judgement without a
    rule): one :class:`KriteriumResultat` serves every case, so its list refuses to change."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("mangler i et delt kriterieresultat kan ikke endres")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


_FIELDS = tuple(KriteriumResultat.__dataclass_fields__)
"""The fields of :class:`KriteriumResultat` in order (see :func:`_result`)."""
_new = object.__new__


def _result(constant: dict, status: str, missing: list[str]) -> KriteriumResultat:
    """A :class:`KriteriumResultat` from its constant fields (``constant``, in field order) and the
    case's ``status`` and ``mangler``: the instance dict filled at once instead of through the frozen
    dataclass's field-by-field ``__init__`` (the same object, made for every criterion of every case)."""
    r = _new(KriteriumResultat)
    fields = r.__dict__
    fields.update(constant)
    fields["status"] = status
    fields["mangler"] = missing
    return r


def _plan(c: _Compiled, expanded: object) -> tuple:
    """``(fixed, id, exceptions, dated, deciding, excluding, constant, expanded, criterion, title)``
    of a compiled criterion: what :func:`evaluate` reads of it on every case, taken from the models
    once per service. ``fixed`` is the result itself for a criterion whose result never changes
    (no rule, no exception, no dates), else None; ``exceptions`` maps a municipality to the line
    naming the criterion left out by its first exception (or is None); ``deciding`` says whether
    the criterion decides ``utfall``; ``constant`` holds the fields of its :class:`KriteriumResultat`
    but ``status`` and ``mangler`` (in field order)."""
    k = c.k
    title = kort_tittel(k.tekst)
    exceptions = None
    if k.unntak:
        exceptions = {}
        for u in k.unntak:
            exceptions.setdefault(u.kommune, f"«{title}»: {u.tekst}")
    constant = dict.fromkeys(_FIELDS)
    constant.update(id=k.kriterium, tekst=k.tekst, kilde=c.kilde, art=k.art, regel=c.regel, tjeneste=c.tjeneste,
                    linjer=k.linjer, lovhenvisninger=c.lovtekster, avvik_fra_loven=c.avvik)
    dated = bool(k.gyldig_fra or k.gyldig_til)
    fixed = None
    if k.regel is None and exceptions is None and not dated:
        fixed = _result(constant, "skjonn", _NoneMissing())
    return (fixed, k.kriterium, exceptions, dated,
            k.art in DECIDING and k.regel is not None and c.avvik is None, k.art in EXCLUDING,
            constant, expanded, k, title)


@dataclass(frozen=True)
class _Service:
    """A service prepared once per knowledge base: its criteria (with the parent's) in order,
    an index by id, and the expanded ``rettskrav`` rule when facts occur more than once in it."""

    kb: KnowledgeBase
    criteria: list[_Compiled]
    by_id: dict[str, _Compiled]
    rettskrav: object = None
    parametre: Mapping | None = None
    t: Tjeneste | None = None
    rules: Mapping | None = None
    plans: tuple = ()
    """Per criterion, what :func:`evaluate` reads on every case (see :func:`_plan`)."""
    functions: Mapping | None = None
    """Each criterion's rule compiled (:func:`kb.rules.interpreter.compile_rule`), by id."""
    right: object = None
    """The service's ``rettskrav`` rule compiled."""
    steps: tuple = ()
    """:attr:`plans` as :func:`evaluate` walks them: a list of the results of criteria in a row
    whose results never change, or one criterion's plan (without ``fixed``) and its compiled rule."""


_compiled_cache: dict[tuple[int, int, int], _Service] = {}
_same_values: dict[int, tuple[Mapping, Mapping]] = {}
"""Parameter values by ``id``: the first mapping seen with the same values (so dates with the
same values in force share one compiled service)."""
_by_values: dict[tuple, Mapping] = {}


def _shared(parametre: Mapping) -> Mapping:
    """The first mapping seen with the same parameter values as ``parametre``."""
    hit = _same_values.get(id(parametre))
    if hit is not None and hit[0] is parametre:
        return hit[1]
    if len(_same_values) > 10_000:
        _same_values.clear()
        _by_values.clear()
    shared = _by_values.setdefault(tuple((k, type(v), v) for k, v in parametre.items()), parametre)
    _same_values[id(parametre)] = (parametre, shared)
    return shared


def avvik_text(kb: KnowledgeBase, k: Kriterium) -> str | None:
    """The departure from the law as one text: the editor's sentence and the sources of the
    provisions it rests on (``Kilde: …``)."""
    if k.avvik_fra_loven is None:
        return None
    sources: list[str] = []
    for lid in k.avvik_fra_loven.lovtekster:
        provision = kb.lovtekster.get(lid)
        for quote in provision.sitater if provision else ():
            name = kb.kilde_korttittel(quote.kilde.dokument)
            if name not in sources:
                sources.append(name)
    text = k.avvik_fra_loven.tekst.strip()
    return f"{text} Kilde: {'; '.join(sources)}." if sources else text


def law_conditions(kb: KnowledgeBase, t: Tjeneste, own: set[str]) -> list[Kriterium]:
    """The law's conditions (``lovtekster.yaml``) the service's ``rettskrav`` refers to, directly
    or through another condition, in first-use order."""
    found: dict[str, Kriterium] = {}
    todo = criteria_used(t.rettskrav) if t.rettskrav is not None else []
    while todo:
        kid = todo.pop(0)
        if kid in own or kid in found or kid not in kb.lovvilkar:
            continue
        found[kid] = kb.lovvilkar[kid]
        if found[kid].regel is not None:
            todo += criteria_used(found[kid].regel)
    return list(found.values())


def _compiled(kb: KnowledgeBase, k: Kriterium, kilde: str, owner: str, parametre: Mapping) -> _Compiled:
    """One criterion with its citation, rule text, the laws it names and any departure from the law."""
    regel = describe(k.regel, kb.opplysninger, parametre) if k.regel is not None else ""
    laws = tuple(ref.label(kb.lover[ref.lov]) for ref in k.lovhenvisninger if ref.lov in kb.lover)
    return _Compiled(k, kilde, regel, owner, None, laws, avvik_text(kb, k))


def _compile(kb: KnowledgeBase, t: Tjeneste, services: Mapping[str, Tjeneste], parametre: Mapping) -> _Service:
    """The service's criteria (its parent's first, then the law's conditions its right refers
    to) with citations and display texts, once per service and parameter values."""
    key = (id(kb), id(t), id(parametre))
    cached = _compiled_cache.get(key)
    if cached is not None and cached.kb is kb and cached.parametre is parametre and cached.t is t:
        return cached
    chain = ([services[t.inngar_i]] if t.inngar_i in services else []) + [t]
    out = []
    for s in chain:
        for heading_path, k in s.kriterier_med_overskrift():
            if k.kilde is not None:
                kilde = kb.kilde_tekst(k.kilde.dokument, k.kilde.avsnitt)
            else:
                kilde = kb.kilde_tekst(s.kilde.dokument, " › ".join([s.kilde.avsnitt, *heading_path]))
            out.append(_compiled(kb, k, kilde, s.id, parametre))
    own = {c.k.kriterium for c in out}
    for k in law_conditions(kb, t, own):
        kilde = kb.kilde_tekst(k.kilde.dokument, k.kilde.avsnitt) if k.kilde else ""
        out.append(_compiled(kb, k, kilde, t.id, parametre))
    rules = {c.k.kriterium: c.k.regel for c in out}
    for i, c in enumerate(out):
        if c.k.regel is not None:
            full = expand(c.k.regel, rules.__getitem__)
            if has_shared_facts(full):
                out[i] = replace(c, expanded=full)
    rettskrav = None
    if t.rettskrav is not None:
        full = expand(t.rettskrav, rules.__getitem__)
        rettskrav = full if has_shared_facts(full) else None
    raises: dict[str, bool] = {}

    def reference_raises(kid: str) -> bool:
        if kid not in raises:
            raises[kid] = may_raise(rules.get(kid), parametre, rules.get)
        return raises[kid]
    functions = {kid: compile_rule(rule, parametre, reference_raises) for kid, rule in rules.items()}
    right = compile_rule(t.rettskrav, parametre, reference_raises) if t.rettskrav is not None else None
    plans = tuple(_plan(c, c.expanded) for c in out)
    steps: list = []
    for fixed, *plan in plans:
        if fixed is not None:
            if not steps or steps[-1].__class__ is not list:
                steps.append([])
            steps[-1].append(fixed)
        else:
            steps.append((*plan, functions[plan[0]]))
    if len(_compiled_cache) > 10_000:
        _compiled_cache.clear()
    service = _Service(kb, out, {c.k.kriterium: c for c in out}, rettskrav, parametre, t, rules, plans,
                       functions, right, tuple(steps))
    _compiled_cache[key] = service
    return service


def evaluate(case: Mapping[str, Any], kb: KnowledgeBase) -> Resultat:
    """Evaluate a case (``tjeneste``, optional ``kommune``, ``opplysninger``, ``vurderingsdato``).

    Numbers in the rules are the parameters in force on the assessment date. Raises
    :class:`CaseError` for an unknown service, municipality or fact, a municipality no criteria
    set covers, or a value of the wrong type. Never guesses a missing fact.
    """
    t, kommune, facts, when = validate_case(case, kb)
    parametre = _shared(kb.parameterverdier(when))
    service = _compiled_cache.get((id(kb), id(t), id(parametre)))
    if service is None or service.kb is not kb or service.parametre is not parametre or service.t is not t:
        services = next(s for s in kb.tjenester_per_sett().values() if s.get(t.id) is t)
        service = _compile(kb, t, services, parametre)
    functions = service.functions
    values: dict[str, tuple] = {}

    def value_of(kid: str) -> tuple:
        """The value of a criterion's rule as ``(verdi, mangler, antatt)``, each evaluated once."""
        found = values.get(kid)
        if found is None:
            values[kid] = UNKNOWN  # guard against cycles
            found = values[kid] = functions[kid](facts, value_of)
        return found

    results: list[KriteriumResultat] = []
    skipped: list[str] = []
    failed = unknown = False
    deciding_missing: list[str] = []
    for step in service.steps:
        if step.__class__ is list:  # criteria whose results never change, in a row
            results += step
            continue
        kid, exceptions, dated, decides, excluding, constant, expanded, k, title, rule = step
        if exceptions is not None and kommune:
            exception = exceptions.get(kommune)
            if exception is not None:
                skipped.append(exception)
                continue
        if dated and not k.gjelder_pa(when):
            skipped.append(f"«{title}»: gjelder ikke på vurderingsdatoen {dato(when)}")
            continue
        if k.regel is None:
            status, missing = "skjonn", []
        else:
            found = values.get(kid)
            if found is None:
                values[kid] = UNKNOWN  # guard against cycles
                found = values[kid] = rule(facts, value_of)
            verdi, mangler, _ = found
            if expanded is not None and len(mangler) > 1:
                verdi, mangler = None, deciding_facts(expanded, facts, mangler, parametre)
            if verdi is None:
                status = "uavklart"
            elif verdi is not excluding:
                status = "oppfylt"
            else:
                status = "ikke_oppfylt"
            missing = list(mangler)
            if exceptions is not None and kommune is None and status != "oppfylt":
                status, missing = "uavklart", missing + ["kommune"]
        results.append(_result(constant, status, missing))
        if decides:
            if status == "ikke_oppfylt":
                failed = True
            elif status == "uavklart":
                unknown = True
                deciding_missing += missing

    if failed:
        utfall, mangler = "ikke_oppfylt", []
    elif unknown:
        utfall, mangler = "uavklart", deciding_missing
    else:
        utfall, mangler = "oppfylt", []

    rettskrav = None
    if service.right is not None:
        verdi, missing, _ = service.right(facts, value_of)
        if verdi is None and service.rettskrav is not None:
            missing = deciding_facts(service.rettskrav, facts, missing, parametre)
        rettskrav = verdi
        mangler += list(missing)

    def build_tree() -> dict:
        sett = next(k for k, s in kb.tjenester_per_sett().items() if s.get(t.id) is t)  # its guidance's name
        return reasons.tree(t, results, service.rules, utfall, rettskrav, facts, parametre,
                            lambda kid: Verdi(*value_of(kid)), kb.opplysninger,
                            reasons.guidance_words(kb.kriteriesett, sett)["overskrift"])
    r = _new(Resultat)  # as Resultat(...) makes it, without the frozen dataclass's field-by-field __init__
    r.__dict__.update(tjeneste=t.id, kommune=kommune, utfall=utfall, rettskrav=rettskrav,
                      mangler=list(dict.fromkeys(mangler)), kriterier=results, vurderingsdato=when, unntak=skipped,
                      build_tree=build_tree)
    return r
