"""Bad input is harmless: every command exits 2 with one clear line, never a traceback, and
executes nothing; generated case files never make ``kb evaluate`` or ``kb procedure`` raise."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.cli.main import main
from tests.conftest import run_kb

COMMANDS = [["evaluate"], ["evaluate", "--json"], ["procedure"], ["procedure", "--json"]]

BAD_FILES = {
    "syntax.yaml": "tjeneste: bpa\nopplysninger: {alder: [\n",
    "python-tag.yaml": "tjeneste: !!python/object/apply:os.system ['touch {marker}']\n",
    "python-name.yaml": "tjeneste: !!python/name:os.system\n",
    "unknown-service.yaml": "tjeneste: finnes-ikke\n",
    "wrong-type.yaml": "tjeneste: [bpa]\n",
    "list.yaml": "- tjeneste\n- bpa\n",
    "binary.yaml": "\x00\x01\x02",
    "deep.yaml": "tjeneste: bpa\nopplysninger: " + "[" * 500 + "]" * 500 + "\n",
    "anchors.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    "tjeneste: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_exit_2_with_one_line(tmp_path, command, name):
    marker = tmp_path / "executed"
    path = tmp_path / name
    path.write_text(BAD_FILES[name].replace("{marker}", str(marker)), encoding="utf-8")
    proc = run_kb(command[0], str(path), *command[1:])
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert name in proc.stderr and "Traceback" not in proc.stderr
    assert not marker.exists()


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("tjeneste: bpa\nx: \"" + "a" * 3_000_000 + "\"\n", encoding="utf-8")
    proc = run_kb("evaluate", str(path))
    assert proc.returncode == 2 and "for stor" in proc.stderr


def test_unknown_command_and_missing_argument():
    for args in (["finnes-ikke"], ["evaluate"], ["procedure"]):
        proc = run_kb(*args)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_check_on_missing_folder(tmp_path):
    proc = run_kb("--data", str(tmp_path / "nope"), "check")
    assert proc.returncode == 1 and "finnes ikke" in proc.stdout


# --- property: arbitrary case files never make the commands raise ------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=20), st.dates().map(str))
KNOWN_KEYS = ["tjeneste", "kommune", "opplysninger", "sak", "vurderingsdato", "alder", "timer_per_uke",
              "varighet_ar", "utfall", "egenandel", "vedtak_mottatt", "endring", "forventet_varighet_dager",
              "forventet_saksbehandlingstid_dager", "enig_med_bruker", "beskrevet_i_vedtaket", "kan_vaere_arbeidsleder"]
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(keys, children, max_size=5)), max_leaves=12)
SERVICES = ["bpa", "stottekontakt", "langtidsopphold", "korttidsplass", "avlastning", "omsorgsstonad",
            "barnekoordinator", "psykisk-helse-og-rus", "finnes-ikke"]
case_files = st.fixed_dictionaries(
    {"tjeneste": st.one_of(st.sampled_from(SERVICES), scalars)},
    optional={"kommune": st.one_of(st.sampled_from(["gjovik", "gran", "oslo", "x"]), scalars),
              "opplysninger": st.one_of(st.dictionaries(keys, scalars, max_size=6), values),
              "sak": st.one_of(st.dictionaries(keys, scalars, max_size=6), values),
              "ekstra": values})


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(case=case_files, command=st.sampled_from(["evaluate", "procedure"]))
def test_generated_case_files_never_raise(tmp_path_factory, capsys, case, command):
    path = tmp_path_factory.mktemp("case") / "sak.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    code = main([command, str(path), "--json"])
    out, err = capsys.readouterr()
    assert_one_json_object_or_one_line(code, out, err)


def assert_one_json_object_or_one_line(code: int, out: str, err: str) -> None:
    """Exit 0 with one JSON object on stdout, or exit 2 with one line on stderr: never a traceback."""
    assert code in (0, 2)
    if code == 0:
        assert isinstance(json.loads(out), dict) and err == ""
    else:
        assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
