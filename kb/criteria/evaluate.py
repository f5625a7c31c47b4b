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
from kb.rules.interpreter import Verdi, criteria_used, deciding_facts, evaluate_rule, expand, has_shared_facts
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
    plan: tuple = ()
    """What :func:`evaluate` reads of the criterion on every case, read once (see :func:`_plan`)."""

    @property
    def linjer(self) -> Linjer | None:
        """The criterion's line range in its source text."""
        return self.k.linjer


def _plan(c: _Compiled) -> tuple:
    """``(id, art, has_rule, exceptions, dated, deciding, result_fields)`` of a compiled criterion:
    the attributes :func:`evaluate` needs per case, taken from the models once per service.
    ``exceptions`` maps a municipality to its first exception's text (or is None); ``deciding``
    says whether the criterion decides ``utfall``; ``result_fields`` are the constant fields of
    its :class:`KriteriumResultat` after ``status`` and ``mangler``."""
    k = c.k
    exceptions = None
    if k.unntak:
        exceptions = {}
        for u in k.unntak:
            exceptions.setdefault(u.kommune, u.tekst)
    return (k.kriterium, k.art, k.regel is not None, exceptions, bool(k.gyldig_fra or k.gyldig_til),
            k.art in DECIDING and k.regel is not None and c.avvik is None,
            (c.kilde, k.art, c.regel, c.tjeneste, k.linjer, c.lovtekster, c.avvik), k.tekst)


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


_compiled_cache: dict[tuple[int, int, int], _Service] = {}


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
    out = [replace(c, plan=_plan(c)) for c in out]
    if len(_compiled_cache) > 10_000:
        _compiled_cache.clear()
    service = _Service(kb, out, {c.k.kriterium: c for c in out}, rettskrav, parametre, t, rules)
    _compiled_cache[key] = service
    return service


def evaluate(case: Mapping[str, Any], kb: KnowledgeBase) -> Resultat:
    """Evaluate a case (``tjeneste``, optional ``kommune``, ``opplysninger``, ``vurderingsdato``).

    Numbers in the rules are the parameters in force on the assessment date. Raises
    :class:`CaseError` for an unknown service, municipality or fact, a municipality no criteria
    set covers, or a value of the wrong type. Never guesses a missing fact.
    """
    t, kommune, facts, when = validate_case(case, kb)
    parametre = kb.parameterverdier(when)
    services = next(s for s in kb.tjenester_per_sett().values() if s.get(t.id) is t)
    service = _compile(kb, t, services, parametre)
    by_id = service.by_id
    values: dict[str, Verdi] = {}

    def value_of(kid: str) -> Verdi:
        if kid not in values:
            values[kid] = Verdi(None, ())  # guard against cycles
            c = by_id[kid]
            values[kid] = evaluate_rule(c.k.regel, facts, value_of, parametre)
        return values[kid]

    results: list[KriteriumResultat] = []
    skipped: list[str] = []
    deciding: list[KriteriumResultat] = []
    for c in service.criteria:
        kid, art, has_rule, exceptions, dated, decides, fields, tekst = c.plan
        if exceptions is not None and kommune:
            exception = exceptions.get(kommune)
            if exception is not None:
                skipped.append(f"«{kort_tittel(c.k.tekst)}»: {exception}")
                continue
        if dated and not c.k.gjelder_pa(when):
            skipped.append(f"«{kort_tittel(c.k.tekst)}»: gjelder ikke på vurderingsdatoen {dato(when)}")
            continue
        if not has_rule:
            status, missing = "skjonn", []
        else:
            v = values[kid] if kid in values else value_of(kid)
            if c.expanded is not None and len(v.mangler) > 1:
                v = Verdi(None, deciding_facts(c.expanded, facts, v.mangler, parametre))
            verdi = v.verdi
            if verdi is None:
                status = "uavklart"
            elif (verdi if art not in EXCLUDING else not verdi):
                status = "oppfylt"
            else:
                status = "ikke_oppfylt"
            missing = list(v.mangler)
            if exceptions is not None and kommune is None and status != "oppfylt":
                status, missing = "uavklart", missing + ["kommune"]
        r = KriteriumResultat(kid, tekst, status, missing, *fields)
        results.append(r)
        if decides:
            deciding.append(r)

    if any(r.status == "ikke_oppfylt" for r in deciding):
        utfall, mangler = "ikke_oppfylt", []
    elif any(r.status == "uavklart" for r in deciding):
        utfall = "uavklart"
        mangler = [m for r in deciding if r.status == "uavklart" for m in r.mangler]
    else:
        utfall, mangler = "oppfylt", []

    rettskrav = None
    rule = t.rettskrav
    if rule is not None:
        v = evaluate_rule(rule, facts, value_of, parametre)
        if v.verdi is None and service.rettskrav is not None:
            v = Verdi(None, deciding_facts(service.rettskrav, facts, v.mangler, parametre))
        rettskrav = v.verdi
        mangler += list(v.mangler)
    def build_tree() -> dict:
        return reasons.tree(t, results, service.rules, utfall, rettskrav, facts, parametre, value_of,
                            kb.opplysninger)
    return Resultat(t.id, kommune, utfall, rettskrav, list(dict.fromkeys(mangler)), results, when, skipped,
                    build_tree)
