"""What the conformance cases must cover, worked out from the rules themselves (not from outputs).
``kb check`` names what is missing (:func:`coverage_problems`), so an editor who adds a criterion or
a service learns which cases to add before the tests run.

A rule's possible values are found by trying, for every fact it reads, the values that matter:
both answers of a yes/no fact, each number a comparison names and the numbers just beside it
(within the fact's bounds and type), and the fact missing. The statuses follow from the
criterion's kind (an exclusion that holds is ``ikke_oppfylt``); a criterion with a municipality
exception can also be left out (``utelatt``).
"""

from __future__ import annotations

import datetime as dt
import itertools

import holidays

from kb.criteria.evaluate import EXCLUDING
from kb.knowledge.conformance import case_set
from kb.rules.interpreter import _comparisons, evaluate_rule, expand, operand

MAX_ASSIGNMENTS = 20_000
DATE = dt.date(2026, 6, 1)
"""The parameters' values are those in force on this date (the cases' vurderingsdato)."""


def _candidates(name: str, rule, vocabulary, parametre) -> list:
    d = vocabulary[name]
    if d.type == "ja_nei":
        return [True, False, None]
    values = set()
    for node in _comparisons(rule):
        if node.fakta == name:
            c = operand(node, parametre)
            values.update([c - 1, c - 0.5, c, c + 0.5, c + 1])
    if d.type == "heltall":
        values = {int(v) for v in values if float(v).is_integer()}
    values = {v for v in values if (d.min is None or v >= d.min) and (d.max is None or v <= d.max)}
    return sorted(values) + [None]


def possible_values(rule, vocabulary, parametre) -> set:
    """The values (True, False, None) an expanded rule can take over its facts."""
    names = list(dict.fromkeys(node.fakta for node in _comparisons(rule)))
    options = [_candidates(n, rule, vocabulary, parametre) for n in names]
    total = 1
    for o in options:
        total *= len(o)
    if total > MAX_ASSIGNMENTS:
        raise ValueError(f"for mange kombinasjoner ({total}) i regelen")
    out = set()
    for combo in itertools.product(*options):
        facts = {n: v for n, v in zip(names, combo) if v is not None}
        out.add(evaluate_rule(rule, facts, None, parametre).verdi)
    return out


def required_statuses(kb) -> dict[tuple[str, str], set[str]]:
    """For every criterion with a rule, in every criteria set (``(set, criterion)``): the statuses
    some case must expect. A set's criterion is covered by the cases of that set's municipalities
    only, since another set's service may have the same criterion id with another rule or limit."""
    out: dict[tuple[str, str], set[str]] = {}
    parametre = kb.parameterverdier(DATE)
    for sett, services in kb.tjenester_per_sett().items():
        for t in services.values():
            rules = {k.kriterium: k.regel for k in t.kriterier()}
            if t.inngar_i in services:
                rules |= {k.kriterium: k.regel for k in services[t.inngar_i].kriterier()}
            for k in t.kriterier():
                if k.regel is None:
                    continue
                statuses = set()
                for v in possible_values(expand(k.regel, rules.__getitem__), kb.opplysninger, parametre):
                    if v is None:
                        statuses.add("uavklart")
                    else:
                        statuses.add("oppfylt" if (v if k.art not in EXCLUDING else not v) else "ikke_oppfylt")
                if k.unntak:
                    statuses |= {"utelatt", "uavklart"}
                out[(sett, k.kriterium)] = statuses
    return out


def observed_statuses(kb, cases) -> dict[tuple[str, str], set[str]]:
    """The statuses the evaluate cases expect, per ``(set, criterion)`` of the set each case is read against."""
    seen: dict[tuple[str, str], set[str]] = {}
    for c in cases:
        if c.kommando != "evaluate":
            continue
        sett = case_set(kb, c.inndata)
        for kid, fields in c.forventet.get("kriterier", {}).items():
            status = "utelatt" if fields.get("utelatt") else fields.get("status")
            if status:
                seen.setdefault((sett, kid), set()).add(status)
    return seen


def missing_statuses(kb, cases) -> dict[tuple[str, str], list[str]]:
    """Each ``(set, criterion)`` with a status no case expects yet, and those statuses."""
    seen = observed_statuses(kb, cases)
    return {key: sorted(want - seen.get(key, set()))
            for key, want in required_statuses(kb).items() if want - seen.get(key, set())}


def services_without_cases(kb, cases) -> set[tuple[str, str]]:
    """Each ``(set, service)`` that no evaluate case is read against: every set's services need cases."""
    covered = {(case_set(kb, c.inndata), c.inndata.get("tjeneste")) for c in cases if c.kommando == "evaluate"}
    return {(sett, sid) for sett, services in kb.tjenester_per_sett().items() for sid in services} - covered


def rettskrav_services(kb) -> list[tuple[str, str]]:
    """Services (``(set, service)``) whose text states a statutory right with checkable conditions."""
    return [(sett, sid) for sett, services in kb.tjenester_per_sett().items()
            for sid, t in services.items() if t.rettskrav is not None]


def holiday_moves(inndata: dict, klagefrist: str) -> list[str]:
    """Why a deadline in whole weeks from ``vedtak_mottatt`` was moved to ``klagefrist`` (the names of
    the days it passed over), or ``[]`` when it was not moved."""
    mottatt = inndata.get("sak", {}).get("vedtak_mottatt")
    if not mottatt:
        return []
    start, end = dt.date.fromisoformat(mottatt), dt.date.fromisoformat(klagefrist)
    weeks = (end - start).days // 7
    day = start + dt.timedelta(weeks=weeks)
    names = holidays.Norway(years=range(start.year, end.year + 1), language="no")
    why = []
    while day < end:
        why.append(str(names.get(day) or ("lørdag" if day.weekday() == 5 else "søndag" if day.weekday() == 6
                                          else "virkedag")).lower())
        day += dt.timedelta(days=1)
    return why


def routine_answers(kb) -> list[tuple[str, str, object]]:
    """Every answer a routine rule can give: ``(rule id, question, value)``; the value is ``...`` when
    the answer is not a literal (a rule's value, a deadline). The template catalogue's answer is left
    to the test of every template choice (its reasons cite the template, not the rule)."""
    out = []
    for regel in kb.oslo.regler.values():
        for svar in regel.svar:
            if svar.malkatalog:
                continue
            literal = svar.verdi_regel is None and svar.frist_uker is None and svar.mal is None
            out.append((regel.id, svar.sporsmal, svar.verdi if literal else ...))
    return list(dict.fromkeys(out))


def answers_given(case, result) -> set[tuple[str, str, object]]:
    """The routine answers a case names and the rules the engine's reasons cite for them."""
    out = set()
    for key, value in case.forventet.items():
        for b in result["begrunnelse"]:
            if b["svar"] == key:
                out |= {(b["regel"], key, value), (b["regel"], key, ...)}
    return out


def coverage_problems(kb, cases) -> list:
    """Each criterion status, service and value of a right that no conformance case expects yet, as a
    problem at the criterion or service in its file."""
    out = []

    def at(sett: str, sid: str, kid: str | None, message: str) -> None:
        out.append(kb.kriterium_problem(kb.tjeneste_nokkel(sett, sid), kid, (), message))

    owner = {(sett, k.kriterium): sid for sett, services in kb.tjenester_per_sett().items()
             for sid, t in services.items() for k in t.kriterier()}
    for (sett, kid), statuses in missing_statuses(kb, cases).items():
        sid = owner.get((sett, kid), "?")
        at(sett, sid, kid, f"ingen konformitetstilfelle forventer kriteriet «{kid}» som {', '.join(statuses)}. Legg "
                           f"til et tilfelle med det i tests/conformance/evaluate/ (for en kommune i settet)")
    for sett, sid in sorted(services_without_cases(kb, cases)):
        at(sett, sid, None, f"tjenesten «{sid}» har ingen konformitetstilfelle. Legg til tilfeller i "
                            f"tests/conformance/evaluate/{sid}.yaml (for en kommune i settet)")
    for sett, sid in rettskrav_services(kb):
        values = {str(c.forventet["rettskrav"]).lower() for c in cases
                  if c.kommando == "evaluate" and c.inndata.get("tjeneste") == sid and "rettskrav" in c.forventet
                  and case_set(kb, c.inndata) == sett}
        lacking = sorted({"true", "false", "none"} - values)
        if lacking:
            words = {"true": "ja (true)", "false": "nei (false)", "none": "uavklart (null)"}
            at(sett, sid, None, f"ingen konformitetstilfelle forventer rettskrav {', '.join(words[v] for v in lacking)} "
                                f"for «{sid}». Legg til et tilfelle med det i tests/conformance/evaluate/")
    return out
