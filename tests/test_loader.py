"""The schema and the loader: valid files load; each kind of broken file gives ``file:line: message``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.knowledge.check import check
from kb.reading.yamlfile import parse_yaml, Problem
from tests.conftest import run_kb


def test_real_knowledge_base_has_no_problems():
    kb, problems = check()
    assert problems == [], "\n".join(map(str, problems))
    assert "bpa" in kb.tjenester and "stottekontakt" in kb.tjenester


def _problems(data: Path) -> list[str]:
    _, problems = check(data)
    return [str(p) for p in problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_yaml_syntax_error_names_file_and_line(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "lovpalagt: true", "lovpalagt: [true")
    problems = _problems(data_copy)
    assert re.search(r"bpa\.yaml:\d+: ugyldig YAML", problems[0]), problems


def test_unknown_key_names_its_line(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "lovpalagt: true", "lovpalagt: true\nlovpaalagt: true")
    line = _line_of(bpa, "lovpaalagt")
    assert any(p.endswith(f"bpa.yaml:{line}: ukjent felt «lovpaalagt»") for p in _problems(data_copy))


def test_unquoted_no_in_text_is_text_as_in_yaml_1_2(data_copy):
    """YAML 1.1 (PyYAML's default) reads ``no`` as false; YAML 1.2 core, and an editor, mean the text."""
    from kb.knowledge.loader import load_kb
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "      - avsnitt: Ordningen følger personen.", "      - avsnitt: no")
    kb, problems = load_kb(data_copy)
    assert problems == []
    texts = [i.avsnitt for s in kb.tjenester["bpa"].alle_seksjoner() for i in s.innhold if hasattr(i, "avsnitt")]
    assert "no" in texts


def test_unquoted_true_in_text_is_caught(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "      - avsnitt: Ordningen følger personen.", "      - avsnitt: true")
    line = _line_of(bpa, "- avsnitt: true")
    problems = _problems(data_copy)
    assert any(f"bpa.yaml:{line}:" in p and "anførselstegn" in p for p in problems), problems


def test_unquoted_date_in_text_is_caught(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "kortnavn: BPA", "kortnavn: 2024-01-01")
    problems = _problems(data_copy)
    assert any("kortnavn" in p and "dato" in p and "anførselstegn" in p for p in problems), problems


def test_python_tag_is_refused_and_not_executed(data_copy, tmp_path):
    marker = tmp_path / "executed"
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "kortnavn: BPA", f"kortnavn: !!python/object/apply:os.system ['touch {marker}']")
    problems = _problems(data_copy)
    assert any("bpa.yaml:" in p and "ikke tillatt" in p for p in problems), problems
    assert not marker.exists()


def test_duplicate_key_is_an_error(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "kortnavn: BPA", "kortnavn: BPA\nkortnavn: BPA2")
    line = _line_of(bpa, "kortnavn: BPA2")
    assert any(f"bpa.yaml:{line}:" in p and "to ganger" in p for p in _problems(data_copy))


def test_missing_required_field(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "lovpalagt: true\n", "")
    assert any("bpa.yaml:" in p and "mangler feltet «lovpalagt»" in p for p in _problems(data_copy))


def test_bad_criterion_kind(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "        art: vilkar\n", "        art: krav\n")
    line = _line_of(bpa, "art: krav")
    assert any(f"bpa.yaml:{line}:" in p and "«art»" in p for p in _problems(data_copy))


def test_id_must_match_file_name(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    (data_copy / "tjenester" / "bpa2.yaml").write_text(bpa.read_text(encoding="utf-8"), encoding="utf-8")
    problems = _problems(data_copy)
    assert any("bpa2.yaml:" in p and "filnavnet" in p for p in problems), problems


def test_duplicate_criterion_id_across_files(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    text = bpa.read_text(encoding="utf-8").replace("id: bpa\n", "id: bpa-kopi\n", 1)
    (data_copy / "tjenester" / "bpa-kopi.yaml").write_text(text, encoding="utf-8")
    problems = _problems(data_copy)
    assert any(re.search(r"bpa(-kopi)?\.yaml:\d+: kriterium-id «bpa-arbeidsleder» finnes fra før", p)
               for p in problems), problems


def test_unknown_law_reference(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, '{lov: hol, paragraf: "3-6"}', '{lov: hoel, paragraf: "3-6"}')
    line = _line_of(bpa, "lov: hoel")
    assert any(f"bpa.yaml:{line}: ukjent lov «hoel»" in p for p in _problems(data_copy))


def test_rule_with_unknown_fact_and_wrong_type(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "regel: {fakta: kan_vaere_arbeidsleder}", "regel: {fakta: arbeidsleder}")
    _edit(bpa, '{fakta: timer_per_uke, op: ">", verdi: {parameter: bpa-timer-rettskrav}}',
          '{fakta: timer_per_uke, op: ">", verdi: true}')
    problems = _problems(data_copy)
    assert any("ukjent opplysning «arbeidsleder»" in p for p in problems), problems
    assert any("«timer_per_uke» er et tall" in p for p in problems), problems


def test_all_problems_are_reported_at_once(data_copy):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "kortnavn: BPA", "kortnavn: BPA\nukjent1: x")
    (data_copy / "kommuner.yaml").write_text("- id: Gjøvik\n  navn: Gjøvik\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert any("bpa.yaml" in p for p in problems) and any("kommuner.yaml:1" in p for p in problems)


def test_parse_yaml_reports_line_of_error():
    with pytest.raises(Problem) as exc:
        parse_yaml("a: 1\nb: [\n", "x.yaml")
    assert str(exc.value).startswith("x.yaml:")


def test_deep_nesting_is_refused():
    with pytest.raises(Problem) as exc:
        parse_yaml("a: " + "[" * 200 + "]" * 200, "deep.yaml")
    assert "nesting" in str(exc.value)


def test_kb_check_cli_exit_codes(data_copy):
    ok = run_kb("--data", str(Path(__file__).resolve().parent.parent / "kb" / "data"), "check")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bpa = data_copy / "tjenester" / "bpa.yaml"
    _edit(bpa, "lovpalagt: true", "lovpalagt: [true")
    bad = run_kb("--data", str(data_copy), "check")
    assert bad.returncode == 1
    assert re.search(r"bpa\.yaml:\d+: ugyldig YAML", bad.stdout)
    assert "Traceback" not in bad.stdout + bad.stderr
