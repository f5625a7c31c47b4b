"""The conformance suite: the YAML cases in ``tests/conformance/`` run against the Python engine.

One test per case (named by file and case), the evaluator and the procedure called in-process;
a handful of cases also through the ``kb`` command line. The coverage tests say what the cases
must reach: every criterion with a rule in each status its rule can take, every statutory right
in each value, every answer of the procedure in each value, every vedtaksmal of the catalogue,
the routine's own examples and klagefrist across the holidays.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from kb.oslo.procedure import answer
from tests.conftest import run_kb
from tests.conformance_cases import (CONFORMANCE_DIR, ConformanceError, all_cases, compare, load_cases, run_case)
from tests.conformance_coverage import (answers_given, case_set, holiday_moves, missing_statuses, rettskrav_services,
                                       routine_answers, services_without_cases)


def _cases():
    try:
        return all_cases()
    except ConformanceError:
        return []  # test_case_files_are_valid names every problem


CASES = _cases()


def test_case_files_are_valid():
    """Every case file matches the schema and cites a passage the knowledge base has."""
    try:
        cases = all_cases()
    except ConformanceError as exc:
        pytest.fail("\n" + str(exc))
    assert {c.kommando for c in cases} == {"evaluate", "procedure"}
    assert len(cases) >= 150


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(kb, case):
    diffs = run_case(case, kb)  # the same code «kb check» runs
    assert diffs == [], f"{case.where} «{case.navn}»:\n  " + "\n  ".join(diffs)


CLI_CASES = ["evaluate/bpa::70-aring-som-ikke-fikk-bpa-for-67-uten-rettskrav-kommunen-kan-likevel-tildele",
             "evaluate/psykisk-helse-og-rus::gran-unntaket-gjelder-16-aring-i-gran",
             "evaluate/stottekontakt::barn-pa-7-ar-hovedregel-mot-stottekontakt",
             "procedure/klagefrist::ikke-lovpalagt-frist-pa-forste-juledag-flyttes",
             "procedure/vedtaksmal::korttidsplass-innvilget-med-egenandel-541"]


@pytest.mark.parametrize("case_id", CLI_CASES)
def test_case_through_the_command_line(tmp_path, case_id):
    case = next((c for c in CASES if c.id == case_id), None)
    assert case is not None, f"ingen konformitetstilfelle har id-en {case_id} (er navnet endret?)"
    path = tmp_path / "sak.yaml"
    path.write_text(yaml.safe_dump(case.inndata, allow_unicode=True), encoding="utf-8")
    proc = run_kb(case.kommando, str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert compare(case.kommando, case.forventet, json.loads(proc.stdout)) == []


def test_load_cases_gives_json_ready_triples():
    triples = load_cases("procedure")
    assert triples and all(isinstance(i, str) and "::" in i for i, _, _ in triples)
    json.dumps(triples)  # dates are text, as the browser API takes them
    assert any("vedtak_mottatt" in inp.get("sak", {}) for _, inp, _ in triples)
    with pytest.raises(ValueError):
        load_cases("evaluer")


# --- what the cases must cover ----------------------------------------------------------------


def test_every_rule_in_every_status_it_can_take(kb):
    """Replaces counting a rule as tested when a fact name occurs in a test file. Every criteria
    set's rules, each by the cases of its own municipalities (tests/test_second_set.py shows it on a
    second set)."""
    missing = missing_statuses(kb, CASES)
    assert missing == {}, ("these criteria (set, criterion) have no conformance case (tests/conformance/evaluate/) "
                           "that expects them in these statuses: "
                           + "; ".join(f"{s}/{k}: {', '.join(v)}" for (s, k), v in missing.items()))


def test_every_service_has_cases(kb):
    """Every service of every criteria set is read by some case of that set; no case names an unknown service."""
    services = {c.inndata.get("tjeneste") for c in CASES if c.kommando == "evaluate"}
    every = {sid for s in kb.tjenester_per_sett().values() for sid in s}
    missing = services_without_cases(kb, CASES)
    assert CASES and missing == set(), f"services (set, service) without a conformance case: {sorted(missing)}"
    assert services <= every, f"conformance cases for unknown services: {sorted(services - every)}"


def test_every_right_in_every_value(kb):
    for sett, sid in rettskrav_services(kb):
        values = {json.dumps(c.forventet["rettskrav"]) for c in CASES
                  if c.kommando == "evaluate" and c.inndata.get("tjeneste") == sid and "rettskrav" in c.forventet
                  and case_set(kb, c.inndata) == sett}
        assert values == {"true", "false", "null"}, f"{sett}/{sid}: rettskrav expected in {sorted(values)} only"


@pytest.mark.parametrize("key", ["enkeltvedtak_kreves", "forvaltningsmelding_kreves", "forhandsvarsel_kreves"])
def test_every_procedure_answer_in_every_value(key):
    values = {json.dumps(c.forventet[key]) for c in CASES if c.kommando == "procedure" and key in c.forventet}
    assert values == {"true", "false", "null"}


def test_every_template_choice_of_the_catalogue(kb):
    """Each mapping of a vedtaksmal to an outcome (tjenestemaler.yaml) is chosen by some case."""
    chosen = {(c.inndata.get("tjeneste"), c.inndata.get("sak", {}).get("utfall"), c.forventet["vedtaksmal"])
              for c in CASES if c.kommando == "procedure" and "vedtaksmal" in c.forventet}
    missing = []
    for m in kb.oslo.tjenestemaler:
        if m.utfall is None:
            continue
        services = set(kb.tjenester) | {None} if m.tjenester == "alle" else set(m.tjenester)
        if not any(s in services and u == m.utfall and v == m.mal for s, u, v in chosen):
            missing.append((m.mal, m.utfall, m.tjenester))
    assert missing == []
    assert any(v is None for _, _, v in chosen)


UNREACHABLE = {
    ("opphor-ved-utlopsdato", "enkeltvedtak_kreves", None):
        "a reduction described in the decision: the answer needs «utfall» other than innvilget, and every "
        "such outcome (avslag, avvisning, opphor, utsatt iverksettelse) is answered by an earlier rule",
}
"""Answers in regler.yaml that no input can reach today, with why (kept here so that the gap shows)."""


def test_every_answer_of_the_routine_rules(kb):
    """Each answer a rule in regler.yaml gives (its question and value) is what some case expects, with
    that rule among the reasons (the routine's counterpart of every status of every criterion)."""
    given = set()
    for c in CASES:
        if c.kommando == "procedure":
            given |= answers_given(c, answer(c.inndata, kb))
    missing = [a for a in routine_answers(kb) if a not in given]
    assert sorted(missing, key=str) == sorted(UNREACHABLE, key=str)


def test_both_complaint_bodies(kb):
    bodies = {c.forventet["klageinstans"] for c in CASES if c.kommando == "procedure" and "klageinstans" in c.forventet}
    expected = {s.verdi for r in kb.oslo.regler.values() for s in r.svar
                if s.sporsmal == "klageinstans" and isinstance(s.verdi, str)}
    assert len(expected) == 2 and expected <= bodies and None in bodies


@pytest.mark.parametrize("holiday", ["første juledag", "andre juledag", "langfredag", "andre påskedag",
                                     "grunnlovsdag", "søndag"])
def test_klagefrist_across_holidays(holiday):
    """Some case's deadline falls on the holiday (counted from vedtak_mottatt) and moves."""
    moved = [why for c in CASES if c.kommando == "procedure" and c.forventet.get("klagefrist")
             for why in holiday_moves(c.inndata, c.forventet["klagefrist"])]
    assert any(holiday in why for why in moved), moved


def test_the_routines_own_examples_are_cases(kb):
    """Every example in regler.yaml is a conformance case with the same input and answers."""
    procedure = [c for c in CASES if c.kommando == "procedure"]
    for regel in kb.oslo.regler.values():
        for e in regel.eksempler:
            matching = [c for c in procedure if c.navn.startswith(e.navn)]
            assert matching, f"{regel.id}: {e.navn} har ikke noe konformitetstilfelle"
            sak = e.sak.model_dump(mode="json", exclude_none=True)
            for c in matching:
                assert c.inndata.get("tjeneste") == e.tjeneste and c.inndata.get("sak") == sak, c.id
                for key, value in e.forventet.model_dump(exclude_none=True).items():
                    assert c.forventet.get(key) == value, (c.id, key)


def test_cases_use_a_fixed_assessment_date():
    assert all(isinstance(c.inndata.get("vurderingsdato"), str) for c in CASES)
    assert all(dt.date.fromisoformat(c.inndata["vurderingsdato"]) for c in CASES)


@pytest.mark.parametrize("old,new,message", [
    ("utfall: uavklart", "utfal: uavklart", "ukjent felt «utfal»"),
    ("utfall: uavklart", "utfall: uklart", "«utfall» har ugyldig verdi"),
    ("{alder: 45, timer_per_uke: 40", "{alderr: 45, timer_per_uke: 40", "ukjent felt «alderr»"),
    ("bpa-arbeidsleder: {status: uavklart", "bpa-arbeidsledr: {status: uavklart", "har ikke kriteriet «bpa-arbeidsledr»"),
    ("avsnitt: Tjenester › Brukerstyrt personlig assistanse (BPA) › Kriterier",
     "avsnitt: Tjenester › BPA › Kriterier", "viser ikke til avsnittet"),
    ("sitat: Tjenestemottakeren har omfattende", "sitat: Tjenestemottakeren har enorme", "sitatet står ikke ordrett"),
    ("kommando: evaluate", "kommando: procedure", "ukjent felt «utfall»"),
])
def test_a_malformed_case_is_reported_with_file_and_line(tmp_path, old, new, message):
    folder = tmp_path / "conformance" / "evaluate"
    folder.mkdir(parents=True)
    lines = (CONFORMANCE_DIR / "evaluate" / "bpa.yaml").read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if old in line)
    lines[n] = lines[n].replace(old, new)
    (folder / "bpa.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConformanceError) as info:
        all_cases(tmp_path / "conformance")
    assert any(message in p.message and p.line is not None for p in info.value.problems), str(info.value)
    if "kommando" not in old:
        assert any(p.line == n + 1 for p in info.value.problems), str(info.value)
