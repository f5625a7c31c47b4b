"""The JSON Schemas for editors: committed copies match the models, every file validates, editors find them."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter

from kb.cli.main import main
from kb.criteria.evaluate import evaluate
from kb.oslo.procedure import answer
from kb.reading.casefile import CaseError
from kb.knowledge.editor_schemas import (KINDS, MODELINE, REPO, SCHEMA_DIR, all_schemas, files_of, generate, modeline,
                                       stale, vscode_mapping)
from kb.reading.schema_texts import MODELS
from kb.reading.yamlfile import parse_yaml, read_yaml
from tests.conformance_cases import json_ready


@pytest.fixture(scope="module")
def schemas(kb):
    return {name: generate(kind, kb) for name, kind in KINDS.items()}


@pytest.fixture(scope="module")
def validators(schemas):
    return {name: Draft202012Validator(schema) for name, schema in schemas.items()}


def _errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json_ready(data))]


def test_committed_schemas_match_the_models(kb):
    assert stale(kb) == [], "kjør «kb schema» og legg de nye skjemaene inn"
    assert sorted(p.name for p in SCHEMA_DIR.iterdir()) == sorted(all_schemas(kb))


def test_schemas_are_valid_json_schema(schemas):
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", [n for n, k in KINDS.items() if k.filer])
def test_every_file_validates_against_its_schema(kb, validators, name):
    paths = files_of(KINDS[name])
    assert paths, name
    for path in paths:
        assert _errors(validators[name], read_yaml(path).data) == [], path


@pytest.mark.parametrize("name", [n for n, k in KINDS.items() if k.filer])
def test_every_file_names_its_schema_on_the_first_line(name):
    for path in files_of(KINDS[name]):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == modeline(KINDS[name], path), f"{path}: første linje skal være «{modeline(KINDS[name], path)}»"
        target = (path.parent / first[len(MODELINE):]).resolve()
        assert target.is_file(), target


def test_every_yaml_file_in_the_content_folder_has_a_schema():
    covered = {p for kind in KINDS.values() for p in files_of(kind)}
    content = set((REPO / "kb" / "data").rglob("*.yaml")) | set((REPO / "tests" / "conformance").rglob("*.yaml"))
    assert sorted(map(str, content - covered)) == []


def test_vscode_settings_map_the_same_files():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == vscode_mapping()
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema


def test_scenario_cases_validate_as_case_files(validators):
    blocks = 0
    for page in sorted((REPO / "scenarios").glob("*.md")):
        for body in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            data = parse_yaml(body, page).data
            if isinstance(data, dict) and ("tjeneste" in data or "sak" in data):
                blocks += 1
                assert _errors(validators["sak"], data) == [], page
    assert blocks >= 10


# --- the case-file schema means what the readers accept --------------------------------------

GOOD = [
    {"tjeneste": "bpa", "kommune": "Gjøvik", "opplysninger": {"alder": 45, "kan_vaere_arbeidsleder": "ja"}},
    {"tjeneste": "bpa", "kommune": "  gjøvik ", "opplysninger": {"kan_vaere_arbeidsleder": " NEI "}},
    {"tjeneste": "bpa", "kommune": "ostre-toten", "opplysninger": {"alder": 45.0, "timer_per_uke": 32.5}},
    {"tjeneste": "bpa", "opplysninger": {"alder": None}, "vurderingsdato": "2026-06-01"},
    {"tjeneste": "korttidsplass", "sak": {"utfall": "innvilget", "egenandel": "Ja", "vedtak_mottatt": "2026-12-04"}},
    {"sak": {"endring": "reduksjon", "enig_med_bruker": False, "forventet_varighet_dager": 0}},
]
BAD = [
    {"tjeneste": "bpa", "opplysninger": {"alderr": 3}},
    {"tjeneste": "bpa", "opplysninger": {"alder": "45"}},
    {"tjeneste": "bpa", "opplysninger": {"alder": True}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 4.5}},
    {"tjeneste": "bpa", "opplysninger": {"alder": -1}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "kanskje"}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "yes"}},
    {"tjeneste": "bpa", "kommune": "bergen"},
    {"tjeneste": "bpx"},
    {"tjeneste": "bpa", "ekstra": 1},
    {"tjeneste": "bpa", "sak": {"utfall": "innvilga"}},
    {"tjeneste": "bpa", "sak": {"forventet_varighet_dager": -1}},
    {"tjeneste": "bpa", "sak": {"egenandel": "kanskje"}},
]


@pytest.mark.parametrize("case", GOOD)
def test_what_the_readers_accept_validates(kb, validators, case):
    assert _errors(validators["sak"], case) == []
    if "opplysninger" in case or "kommune" in case:
        evaluate(case, kb)
    answer(case, kb)


@pytest.mark.parametrize("case", BAD)
def test_what_the_readers_refuse_is_flagged(kb, validators, case):
    assert _errors(validators["sak"], case) != []
    with pytest.raises(CaseError):
        evaluate(case, kb) if "sak" not in case else answer(case, kb)


def test_a_typo_in_a_service_file_is_flagged(kb, validators):
    data = read_yaml(REPO / "kb" / "data" / "tjenester" / "bpa.yaml").data
    broken = dict(data, lovpalagt="ja", navnn="BPA")
    errors = _errors(validators["tjeneste"], broken)
    assert any(e.startswith("lovpalagt:") for e in errors)
    assert any("navnn" in e for e in errors)


# --- Norwegian help for editors -----------------------------------------------------------------


def _models(schema: dict):
    """Each model in a schema (its definitions, and the top level when it is one): name → definition."""
    out = dict(schema.get("$defs", {}))
    if "properties" in schema:
        out[schema["_model"]] = schema
    return out


def test_descriptions_are_norwegian(schemas, kb):
    """Every model in every schema has the Norwegian description, and every field has one."""
    missing, seen = [], set()
    for name, schema in schemas.items():
        root = TypeAdapter(KINDS[name].modell(kb)).json_schema().get("title")
        for model, defn in _models(dict(schema, _model=root)).items():
            assert model in MODELS, f"{name}: legg til en norsk beskrivelse av {model} i kb/reading/schema_texts.py"
            assert MODELS[model][0] in defn["description"]
            seen |= {(model, f) for f in defn.get("properties", {})}
            missing += [f"{name}: {model}.{f}" for f, p in defn.get("properties", {}).items()
                        if not p.get("description")]
    assert missing == []
    stale = [(m, f) for m, (_, fields) in MODELS.items() for f in fields if (m, f) not in seen]
    assert stale == [], "beskrivelser av felt som ikke finnes (lenger)"


def test_kb_schema_check_and_write(tmp_path, capsys):
    """«kb schema --out» writes every schema, «--check» accepts what it wrote and names a changed file.
    (Whether the committed schemas are current is test_committed_schemas_match_the_models.)"""
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0, capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in SCHEMA_DIR.iterdir())
    (tmp_path / "tjeneste.schema.json").write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1
    assert "tjeneste.schema.json" in capsys.readouterr().out


def test_kb_check_says_when_the_committed_schemas_no_longer_follow_the_data(tmp_path, capsys, monkeypatch):
    """Adding a fact changes the schemas (they list the facts): «kb check» on kb/data says so."""
    import shutil
    from kb.knowledge import editor_schemas
    folder = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, folder)
    monkeypatch.setattr(editor_schemas, "SCHEMA_DIR", folder)
    assert main(["check"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    (folder / "sak.schema.json").write_text("{}", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "sak.schema.json: stemmer ikke med kunnskapsbasen (kjør «kb schema»)" in out, out
