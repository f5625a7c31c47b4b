"""The evaluator's core: three-valued logic, missing facts, bad cases, the JSON contract, BPA."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.criteria.evaluate import CaseError, evaluate
from kb.rules.language import Alle, Ikke, Noen, Sammenligning
from kb.rules.interpreter import Verdi, evaluate_rule
from tests.conftest import run_kb


def status(result, kid):
    return next(k.status for k in result.kriterier if k.id == kid)


# --- the rule interpreter -------------------------------------------------------------

def test_kleene_logic():
    a = Sammenligning(fakta="a")
    b = Sammenligning(fakta="b")
    assert evaluate_rule(Alle(alle=[a, b]), {"a": False}) == Verdi(False)
    assert evaluate_rule(Alle(alle=[a, b]), {"a": True}) == Verdi(None, ("b",))
    assert evaluate_rule(Noen(noen=[a, b]), {"b": True}) == Verdi(True)
    assert evaluate_rule(Noen(noen=[a, b]), {}) == Verdi(None, ("a", "b"))
    assert evaluate_rule(Ikke(ikke=a), {"a": True}) == Verdi(False)
    assert evaluate_rule(Ikke(ikke=a), {}) == Verdi(None, ("a",))


# --- what the evaluator says about the criteria --------------------------------------------------
# The answers for BPA's right (hours, duration, age, granted before 67, the documented cost) are
# conformance cases in tests/conformance/evaluate/bpa.yaml, their one home.

def test_discretionary_criteria_are_skjonn_with_text_and_source(kb):
    """A criterion without a rule is skjønn, one with a rule never is; each shows its words and source."""
    every = {k.kriterium: k for services in kb.tjenester_per_sett().values() for t in services.values()
             for k in t.kriterier()} | dict(kb.lovvilkar)
    without_rule = {kid for kid, k in every.items() if k.regel is None}
    for sid, kommune in service_and_municipality_pairs(kb):
        r = evaluate({"tjeneste": sid, "kommune": kommune}, kb)
        for k in r.kriterier:
            assert k.id in every, f"{sid}/{kommune}: {k.id} står i svaret, men ikke i dataene"
            assert k.tekst and "›" in k.kilde, f"{sid}/{kommune}: {k.id} mangler tekst eller kilde"
            assert (k.status == "skjonn") == (k.id in without_rule), f"{sid}/{kommune}: {k.id} har status {k.status}"


def test_missing_facts_are_named_not_guessed(kb):
    """With no facts, no rule is decided on a guess and every missing fact is a fact of the vocabulary."""
    for sid, kommune in service_and_municipality_pairs(kb):
        r = evaluate({"tjeneste": sid, "kommune": kommune}, kb)
        decided = [k.id for k in r.kriterier if k.status in ("oppfylt", "ikke_oppfylt")]
        assert decided == [], f"{sid}/{kommune}: avgjort uten opplysninger: {decided}"
        assert set(r.mangler) <= set(kb.opplysninger), f"{sid}/{kommune}: {r.mangler}"
        if r.utfall == "uavklart":
            assert r.mangler, f"{sid}/{kommune}: uavklart uten å si hva som mangler"


# --- bad cases ------------------------------------------------------------------------------

@pytest.mark.parametrize("case,message", [
    ({"tjeneste": "bpx"}, "ukjent tjeneste"),
    ({"tjeneste": "bpa", "kommune": "bergen"}, "ukjent kommune"),
    ({"tjeneste": "bpa", "opplysninger": {"alderr": 3}}, "ukjent opplysning"),
    ({"tjeneste": "bpa", "opplysninger": {"alder": "45"}}, "skal være et tall"),
    ({"tjeneste": "bpa", "opplysninger": {"alder": True}}, "skal være et tall"),
    ({"tjeneste": "bpa", "opplysninger": {"alder": 4.5}}, "heltall"),
    ({"tjeneste": "bpa", "opplysninger": {"alder": -1}}, "utenfor gyldig område"),
    ({"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "kanskje"}}, "ja eller nei"),
        ({"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "yes"}}, "ja eller nei"),
    ({"tjeneste": "bpa", "ekstra": 1}, "ukjent felt"),
    ({}, "mangler feltet «tjeneste»"),
])
def test_bad_cases_are_errors(kb, case, message):
    with pytest.raises(CaseError, match=message):
        evaluate(case, kb)


# --- the CLI contract ------------------------------------------------------------------------

def test_cli_json_has_exactly_the_contract_shape(kb, tmp_path):
    case = tmp_path / "sak.yaml"
    case.write_text("tjeneste: bpa\nkommune: gjovik\nopplysninger:\n  alder: 45\n"
                    "  timer_per_uke: 40\n  varighet_ar: 3\n", encoding="utf-8")
    proc = run_kb("evaluate", str(case), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"tjeneste", "kommune", "utfall", "rettskrav", "mangler", "kriterier", "begrunnelse"}
    # the command line prints what the engine answers (the answer itself is a conformance case)
    assert out == json.loads(json.dumps(evaluate({"tjeneste": "bpa", "kommune": "gjovik", "opplysninger": {
        "alder": 45, "timer_per_uke": 40, "varighet_ar": 3}}, kb).to_json(), ensure_ascii=False))
    for k in out["kriterier"]:
        assert set(k) == {"id", "tekst", "status", "mangler", "kilde", "linjer", "lovhenvisninger", "avvik_fra_loven"}
        assert k["avvik_fra_loven"] is None or (isinstance(k["avvik_fra_loven"], str) and k["avvik_fra_loven"])
        assert k["status"] in {"oppfylt", "ikke_oppfylt", "uavklart", "skjonn"}


def test_cli_text_report_says_veiledende(kb, tmp_path):
    case = tmp_path / "sak.yaml"
    case.write_text("tjeneste: bpa\nopplysninger:\n  alder: 45\n", encoding="utf-8")
    proc = run_kb("evaluate", str(case))
    assert proc.returncode == 0, proc.stderr
    assert "Veiledende – saksbehandler avgjør" in proc.stdout
    # what is missing, as the question that finds it out; never the fact's name
    missing = evaluate({"tjeneste": "bpa", "opplysninger": {"alder": 45}}, kb).mangler
    assert missing, "saken skal mangle noe, ellers prøver ikke testen spørsmålene"
    for name in missing:
        assert kb.opplysninger[name].sporsmal in proc.stdout, f"spørsmålet for «{name}» står ikke i rapporten"
        assert name not in proc.stdout, f"rapporten viser navnet «{name}»"


@pytest.mark.parametrize("text,needle", [
    ("tjeneste: bpa\nopplysninger:\n  alder: [\n", "ugyldig YAML"),
    ("tjeneste: bpa\nopplysninger:\n  alder: x\n", ":3: «alder» skal være et tall"),
    ("tjeneste: nei\n", ":1: ukjent tjeneste"),
    ("- bpa\n", "skal være en tabell"),
    ("tjeneste: !!python/object/apply:os.system ['echo pwned']\n", "ikke tillatt"),
])
def test_cli_bad_input_exit_2_one_line(tmp_path, text, needle):
    case = tmp_path / "sak.yaml"
    case.write_text(text, encoding="utf-8")
    proc = run_kb("evaluate", str(case), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "sak.yaml" in lines[0], proc.stderr
    assert "pwned" not in proc.stdout + proc.stderr


def test_cli_missing_file(tmp_path):
    proc = run_kb("evaluate", str(tmp_path / "finnes-ikke.yaml"))
    assert proc.returncode == 2 and "finnes ikke" in proc.stderr and "Traceback" not in proc.stderr


# --- property: a decided criterion stays decided when facts are added ------------------------

def _fact_value(d):
    if d.type == "ja_nei":
        return st.booleans()
    lo, hi = int(d.min or 0), int(min(d.max or 100, 100))
    if d.type == "heltall":
        return st.integers(lo, hi)
    return st.one_of(st.integers(lo, hi), st.floats(lo, hi, allow_nan=False))


def service_and_municipality_pairs(kb) -> list[tuple[str, str | None]]:
    """Every (service, municipality) pair a case can name: a service of a criteria set with a
    municipality that set covers, or without a municipality (then the first set that has the
    service answers). Drawn from the data, never assuming every set has every service."""
    per_set = kb.tjenester_per_sett()
    pairs = {(sid, None) for services in per_set.values() for sid in services}
    for sett in kb.kriteriesett.values():
        pairs |= {(sid, k) for sid in per_set.get(sett.id, {}) for k in sett.kommuner}
    return sorted(pairs, key=lambda p: (p[0], p[1] or ""))


def test_the_pairs_are_the_services_of_each_set(kb):
    pairs = service_and_municipality_pairs(kb)
    for sid, kommune in pairs:
        assert evaluate({"tjeneste": sid, "kommune": kommune}, kb).tjeneste == sid, (sid, kommune)
    assert {sid for sid, _ in pairs} == {sid for s in kb.tjenester_per_sett().values() for sid in s}


@st.composite
def case_and_more(draw, kb):
    sid, kommune = draw(st.sampled_from(service_and_municipality_pairs(kb)))
    names = sorted(kb.opplysninger)
    full = {n: draw(_fact_value(kb.opplysninger[n])) for n in names}
    subset = draw(st.sets(st.sampled_from(names)))
    extra = draw(st.sets(st.sampled_from(names)))
    small = {n: full[n] for n in subset}
    big = {n: full[n] for n in subset | extra}
    return ({"tjeneste": sid, "kommune": kommune, "opplysninger": small},
            {"tjeneste": sid, "kommune": kommune, "opplysninger": big})


def test_decided_stays_decided_when_facts_are_added(kb):
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case_and_more(kb))
    def prop(pair):
        small, big = (evaluate(c, kb) for c in pair)
        before = {k.id: k.status for k in small.kriterier}
        after = {k.id: k.status for k in big.kriterier}
        for kid, s in before.items():
            if s in ("oppfylt", "ikke_oppfylt"):
                assert after[kid] == s, kid
        if small.utfall != "uavklart":
            assert big.utfall == small.utfall
        if small.rettskrav is not None:
            assert big.rettskrav == small.rettskrav
        assert set(big.mangler) <= set(small.mangler) | set()  or small.utfall == "uavklart"

    prop()


def test_criterion_validity_follows_the_assessment_date(kb):
    """A criterion with gyldig_fra applies only from that date (vurderingsdato): the day before, the
    service answers as if the criterion were not there. Fixture: the first criterion with a rule of
    the first service, given a start date in memory."""
    import dataclasses
    import datetime as dt
    sid = next(s for s in sorted(kb.tjenester) if any(k.regel for k in kb.tjenester[s].kriterier()))
    t = kb.tjenester[sid]
    target = next(k for k in t.kriterier() if k.regel is not None)
    start = dt.date(2031, 1, 1)

    def rebuilt(change):
        sections = [s.model_copy(update={"innhold": [x for i in s.innhold if (x := change(i)) is not None]})
                    for s in t.seksjoner]
        service = t.model_copy(update={"seksjoner": sections})
        sets = {sett: {**services, sid: service} if services.get(sid) is t else services
                for sett, services in kb.sett_tjenester.items()}
        return dataclasses.replace(kb, tjenester=dict(kb.tjenester, **{sid: service}), sett_tjenester=sets)

    dated = rebuilt(lambda i: i.model_copy(update={"gyldig_fra": start}) if i is target else i)
    without = rebuilt(lambda i: None if i is target else i)
    case = {"tjeneste": sid, "opplysninger": {}}
    before = evaluate(case | {"vurderingsdato": "2030-12-31"}, dated)
    after = evaluate(case | {"vurderingsdato": "2031-01-01"}, dated)
    assert target.kriterium not in {k.id for k in before.kriterier}
    assert any("vurderingsdatoen 31.12.2030" in line for line in before.unntak), before.unntak
    reference = evaluate(case | {"vurderingsdato": "2030-12-31"}, without)
    assert (before.utfall, before.mangler) == (reference.utfall, reference.mangler)
    assert target.kriterium in {k.id for k in after.kriterier}
    assert status(after, target.kriterium) == status(evaluate(case | {"vurderingsdato": "2031-01-01"}, kb),
                                                    target.kriterium)


def test_bad_assessment_date(kb):
    with pytest.raises(CaseError, match="vurderingsdato"):
        evaluate({"tjeneste": "bpa", "vurderingsdato": "i morgen"}, kb)
