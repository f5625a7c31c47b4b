"""How the evaluator combines criteria into an outcome, and applies municipality exceptions.

The expected answers for the content (which age, how many hours, which criterion decides what)
live in one home: the conformance cases in ``tests/conformance/evaluate/`` and the scenario
pages. These tests check the engine's own rules against whatever the data holds, so adding a
fact, a criterion or a new value of a parameter does not break them:

- the outcome follows from the statuses of the deciding criteria (a criterion that departs from
  the law, a discretionary one or a mere consideration never decides alone);
- an exception for a municipality leaves the criterion out there, and without a municipality the
  criterion is unknown, not guessed;
- a municipality that no criteria set covers is refused, naming the sets.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.criteria.evaluate import CaseError, evaluate
from kb.criteria.models import Kriterium, Unntak
from tests.conformance_cases import all_cases, json_ready
from tests.test_evaluate_core import case_and_more, service_and_municipality_pairs

DECIDING_ARTS = {"vilkar", "utelukker", "hovedregel_ikke", "provd_forst"}
"""The kinds of criterion that can decide ``utfall`` (with a rule and no departure from the law)."""


def _criteria_of(kb, sid: str, kommune: str | None) -> dict[str, Kriterium]:
    """The regional criteria the service has in the criteria set that answers for ``kommune``
    (with those of the service it belongs to), by id."""
    from kb.criteria.case import criteria_set_for
    services = kb.tjenester_per_sett()[criteria_set_for(kb, sid, kommune)]
    out = {}
    t = services[sid]
    for s in (t, services.get(t.inngar_i) if t.inngar_i else None):
        if s is not None:
            out |= {k.kriterium: k for k in s.kriterier()}
    return out


def outcome_problems(kb, case: dict) -> list[str]:
    """What is wrong with the outcome of ``case`` given the statuses of its criteria ([] if nothing)."""
    r = evaluate(case, kb)
    data = _criteria_of(kb, r.tjeneste, r.kommune)
    deciding = []
    for k in r.kriterier:
        source = data.get(k.id) or kb.lovvilkar.get(k.id)
        if source is None:
            return [f"{k.id}: står i svaret, men ikke i dataene for {r.tjeneste}"]
        if k.status == "skjonn" and source.regel is not None:
            return [f"{k.id}: har en regel, men svaret sier skjønn"]
        if bool(source.avvik_fra_loven) != bool(k.avvik_fra_loven):
            return [f"{k.id}: avvik_fra_loven i svaret ({k.avvik_fra_loven!r}) følger ikke dataene"]
        if source.art in DECIDING_ARTS and source.regel is not None and source.avvik_fra_loven is None:
            deciding.append(k)
    statuses = {k.status for k in deciding}
    want = ("ikke_oppfylt" if "ikke_oppfylt" in statuses else "uavklart" if "uavklart" in statuses else "oppfylt")
    problems = []
    if r.utfall != want:
        problems.append(f"utfall {r.utfall}, men de avgjørende kriteriene gir {want}: "
                        + ", ".join(f"{k.id}={k.status}" for k in deciding))
    missing = {m for k in deciding if k.status == "uavklart" for m in k.mangler} if want == "uavklart" else set()
    if not missing <= set(r.mangler):
        problems.append(f"mangler {r.mangler}, men de uavklarte avgjørende kriteriene mangler {sorted(missing)}")
    extra = set(r.mangler) - missing
    if extra and r.rettskrav is not None:  # only an open right may ask for more
        problems.append(f"mangler {sorted(extra)} som verken utfallet eller rettskravet venter på")
    return problems


def _conformance_inputs():
    return [(c.id, json_ready(c.inndata)) for c in all_cases() if c.kommando == "evaluate"]


def test_the_outcome_follows_the_deciding_criteria_in_every_conformance_case(kb):
    inputs = _conformance_inputs()
    assert inputs, "ingen konformitetstilfeller for evaluate"
    problems = {cid: p for cid, case in inputs if (p := outcome_problems(kb, case))}
    assert problems == {}, "\n".join(f"{cid}: {'; '.join(p)}" for cid, p in problems.items())


def test_a_departure_from_the_law_keeps_its_status_but_never_decides(kb):
    """Some case in the data has a criterion that departs from the law and is not met while the
    outcome is met (the check above then says the outcome came from the other criteria)."""
    seen = []
    for cid, case in _conformance_inputs():
        r = evaluate(case, kb)
        seen += [(cid, k.id) for k in r.kriterier
                 if k.avvik_fra_loven and k.status == "ikke_oppfylt" and r.utfall == "oppfylt"]
    departures = [k for t in kb.tjenester.values() for k in t.kriterier() if k.avvik_fra_loven and k.regel]
    assert seen or not departures, ("ingen konformitetstilfelle viser et kriterium med avvik_fra_loven som ikke er "
                                    f"oppfylt mens utfallet er oppfylt ({len(departures)} slike kriterier i dataene)")


def test_the_outcome_follows_the_deciding_criteria_in_random_cases(kb):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case_and_more(kb))
    def prop(pair):
        for case in pair:
            assert outcome_problems(kb, case) == [], case

    prop()


def test_a_criterion_without_a_deciding_kind_never_decides(kb):
    """Fixture: a consideration (vurderingsmoment) given a rule that is not met leaves the outcome as it was."""
    sid, kommune = service_and_municipality_pairs(kb)[0]
    changed = _with_extra_criterion(kb, sid, kommune, Kriterium(
        kriterium="test-vurderingsmoment", art="vurderingsmoment", tekst="Et moment skrevet for testen.",
        regel={"fakta": _a_yes_no_fact(kb)}))
    after = evaluate({"tjeneste": sid, "kommune": kommune, "opplysninger": {_a_yes_no_fact(kb): False}}, changed)
    assert {k.id: k.status for k in after.kriterier}["test-vurderingsmoment"] == "ikke_oppfylt"
    assert after.utfall == evaluate({"tjeneste": sid, "kommune": kommune,
                                     "opplysninger": {_a_yes_no_fact(kb): False}}, kb).utfall


# --- exceptions for one municipality ------------------------------------------------------------

def _a_yes_no_fact(kb) -> str:
    return next(n for n, d in sorted(kb.opplysninger.items()) if d.type == "ja_nei")


def _with_extra_criterion(kb, sid: str, kommune: str | None, k: Kriterium):
    """A copy of ``kb`` (in memory) where service ``sid`` of the set answering for ``kommune`` has
    one more criterion, in its first section with criteria."""
    from kb.criteria.case import criteria_set_for
    sett = criteria_set_for(kb, sid, kommune)
    t = kb.tjenester_per_sett()[sett][sid]
    first = next(i for i, s in enumerate(t.seksjoner) if any(isinstance(x, Kriterium) for x in s.innhold))
    sections = [s.model_copy(update={"innhold": [*s.innhold, k]}) if i == first else s
                for i, s in enumerate(t.seksjoner)]
    new = t.model_copy(update={"seksjoner": sections})
    per_set = {sid_: dict(services) for sid_, services in kb.tjenester_per_sett().items()}
    per_set[sett][sid] = new
    tjenester = dict(kb.tjenester)
    if kb.tjenester.get(sid) is t:
        tjenester[sid] = new
    return dataclasses.replace(kb, tjenester=tjenester, sett_tjenester=per_set if kb.sett_tjenester else {})


def _exception_fixture(kb):
    """The knowledge base with one more criterion, excepted for one covered municipality."""
    sett = next(iter(kb.kriteriesett.values()))
    excepted, other = sett.kommuner[0], sett.kommuner[1]
    sid = sorted(kb.tjenester_per_sett()[sett.id])[0]
    fact = _a_yes_no_fact(kb)
    k = Kriterium(kriterium="test-unntak", art="vilkar", tekst="Et vilkår skrevet for testen.",
                  regel={"fakta": fact}, unntak=[Unntak(kommune=excepted, tekst="Gjelder ikke for testkommunen")])
    return _with_extra_criterion(kb, sid, excepted, k), sid, excepted, other, fact


def test_an_exception_leaves_the_criterion_out_in_that_municipality(kb):
    changed, sid, excepted, other, fact = _exception_fixture(kb)
    there = evaluate({"tjeneste": sid, "kommune": excepted, "opplysninger": {fact: False}}, changed)
    assert "test-unntak" not in {k.id for k in there.kriterier}
    assert any("Gjelder ikke for testkommunen" in line for line in there.unntak), there.unntak
    elsewhere = evaluate({"tjeneste": sid, "kommune": other, "opplysninger": {fact: False}}, changed)
    assert {k.id: k.status for k in elsewhere.kriterier}["test-unntak"] == "ikke_oppfylt"
    assert elsewhere.utfall == "ikke_oppfylt"


def test_without_a_municipality_an_exception_is_unknown_not_guessed(kb):
    changed, sid, _, _, fact = _exception_fixture(kb)
    r = evaluate({"tjeneste": sid, "opplysninger": {fact: False}}, changed)
    k = next(k for k in r.kriterier if k.id == "test-unntak")
    assert (k.status, k.mangler) == ("uavklart", ["kommune"])
    met = evaluate({"tjeneste": sid, "opplysninger": {fact: True}}, changed)
    assert next(k for k in met.kriterier if k.id == "test-unntak").status == "oppfylt"  # the exception cannot matter


def test_every_exception_in_the_data_applies_in_its_municipality(kb):
    found = []
    for sett in kb.kriteriesett.values():
        for sid, t in kb.tjenester_per_sett().get(sett.id, {}).items():
            for k in t.kriterier():
                for u in k.unntak:
                    found.append((sid, k.kriterium, u.kommune))
                    r = evaluate({"tjeneste": sid, "kommune": u.kommune}, kb)
                    assert k.kriterium not in {x.id for x in r.kriterier}, (sid, k.kriterium, u.kommune)
                    assert any(u.tekst in line for line in r.unntak), (sid, k.kriterium, r.unntak)
    assert all(kommune in kb.kommuner for _, _, kommune in found)


# --- a municipality outside every criteria set ----------------------------------------------------

def test_a_municipality_outside_every_criteria_set_is_refused(kb):
    covered = {k for s in kb.kriteriesett.values() for k in s.kommuner}
    outside = sorted(set(kb.kommuner) - covered)
    sett = next(iter(kb.kriteriesett.values()))
    if outside:
        kommune, base = outside[0], kb
    else:  # every municipality is covered: leave one out of its set (in memory)
        kommune = sett.kommuner[-1]
        base = dataclasses.replace(kb, kriteriesett={**kb.kriteriesett, sett.id: sett.model_copy(
            update={"kommuner": sett.kommuner[:-1]})})
    sid = sorted(kb.tjenester_per_sett()[sett.id])[0]
    with pytest.raises(CaseError) as exc:
        evaluate({"tjeneste": sid, "kommune": kommune}, base)
    message = str(exc.value)
    assert kb.kommuner[kommune].navn in message, message
    assert all(s.region in message for s in base.kriteriesett.values()), message
