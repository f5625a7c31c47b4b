"""Every class of input is read as an editor means it or refused with one line (issue: a
self-contained project that never misreads a case). Each test here failed before the fix."""

from __future__ import annotations

import io
import json
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.cli.main import main
from kb.criteria.evaluate import CaseError, evaluate
from kb.oslo.procedure import answer
from kb.reading.yamlfile import Problem, parse_yaml
from tests.conftest import run_kb
from tests.test_robustness import assert_one_json_object_or_one_line


def run_stdin(args: list[str], data: bytes, monkeypatch, capsys) -> tuple[int, str, str]:
    """Run ``kb`` in-process with ``data`` as standard input (bytes, as a pipe gives them)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# --- YAML means what an editor means (YAML 1.2 core, or refused) --------------------------------

@pytest.mark.parametrize("text, value", [
    ("alder: 070", 70), ("alder: 0", 0), ("alder: -5", -5), ("alder: 45", 45), ("x: 1.5e3", 1500.0),
    ("x: no", "no"), ("x: yes", "yes"), ("x: on", "on"), ("x: off", "off"), ("x: Yes", "Yes"),
    ("x: true", True), ("x: False", False), ("x: ~", None), ("x: 12:30 i dag", "12:30 i dag"),
])
def test_scalars_follow_yaml_1_2_core(text, value):
    assert parse_yaml(text).data[text.split(":")[0]] == value


@pytest.mark.parametrize("text, hint", [
    ("alder: 1:05", "kolon"), ("alder: 0x46", "prefiks"), ("alder: 0o70", "prefiks"), ("alder: 0b101", "prefiks"),
    ("alder: 7_0", "understrek"), ("alder: 1_000.5", "understrek"), ("alder: !!int '0x46'", "prefiks"),
])
def test_ambiguous_numbers_are_refused_with_advice(text, hint):
    with pytest.raises(Problem) as exc:
        parse_yaml(text, "sak.yaml")
    message = str(exc.value)
    assert message.startswith("sak.yaml:1:") and hint in message and "desimaltall" in message


def test_leading_zero_age_is_seventy_not_octal_fifty_six(kb):
    doc = parse_yaml("tjeneste: bpa\nopplysninger: {alder: 070, timer_per_uke: 40, varighet_ar: 3}\n")
    assert doc.data["opplysninger"]["alder"] == 70
    r = evaluate(doc.data, kb)
    # the same answer as for 70 written plainly (what 70 gives is a conformance case)
    plain = evaluate({"tjeneste": "bpa", "opplysninger": {"alder": 70, "timer_per_uke": 40, "varighet_ar": 3}}, kb)
    assert r.to_json() == plain.to_json()


def test_cli_reads_070_as_seventy(tmp_path):
    path = tmp_path / "sak.yaml"
    path.write_text("tjeneste: bpa\nopplysninger: {alder: 070, timer_per_uke: 40, varighet_ar: 3}\n")
    out = json.loads(run_kb("evaluate", str(path), "--json").stdout)
    assert out["rettskrav"] is None and "bpa_innvilget_for_67" in out["mangler"]


# --- limits for every way in --------------------------------------------------------------------

def alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "tjeneste: bpa\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["evaluate", "procedure"])
def test_alias_bomb_is_refused_within_a_second(tmp_path, command):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    assert len(path.read_bytes()) < 600
    start = time.perf_counter()
    proc = run_kb(command, str(path), "--json")
    elapsed = time.perf_counter() - start
    assert proc.returncode == 2 and proc.stdout == ""
    assert "aliasene" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert elapsed < 10  # the process as a whole; the refusal itself is measured below


def test_alias_bomb_refusal_itself_is_fast():
    start = time.perf_counter()
    with pytest.raises(Problem, match="aliasene"):
        parse_yaml(alias_bomb(12))
    assert time.perf_counter() - start < 1.0


def test_small_aliases_are_still_allowed():
    doc = parse_yaml("a: &x {alder: 45}\nb: *x\n")
    assert doc.data["b"] == {"alder": 45}


def test_huge_integer_is_refused_not_a_traceback(tmp_path):
    path = tmp_path / "sak.yaml"
    path.write_text("tjeneste: bpa\nopplysninger:\n  alder: 1" + "0" * 5000 + "\n")
    proc = run_kb("evaluate", str(path))
    assert proc.returncode == 2 and "sak.yaml:3:" in proc.stderr and "sifre" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("data, message", [
    ("tjeneste: bpa\n".encode("utf-16"), "UTF-16"),
    ("tjeneste: bpa\n".encode("utf-16-le"), "UTF-16"),
    (b"tjeneste: bpa\nkommune: \xff\n", "ikke UTF-8"),
    (b"tjeneste: bpa\nx: \"" + b"a" * 2_100_000 + b"\"\n", "for stor"),
])
def test_stdin_is_read_like_a_file(monkeypatch, capsys, data, message):
    code, out, err = run_stdin(["evaluate", "-"], data, monkeypatch, capsys)
    assert code == 2 and out == "" and message in err and err.startswith("kb: <stdin>")
    assert len(err.strip().splitlines()) == 1


def test_stdin_accepts_utf8_with_byte_order_mark(monkeypatch, capsys):
    code, out, _ = run_stdin(["evaluate", "-", "--json"], "\ufefftjeneste: bpa\n".encode(), monkeypatch, capsys)
    assert code == 0 and json.loads(out)["tjeneste"] == "bpa"


def test_a_device_on_stdin_neither_hangs_nor_fills_memory():
    import subprocess
    from tests.conftest import KB_CMD, ROOT
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(KB_CMD + ["evaluate", "-"], stdin=zero, capture_output=True, text=True,
                              cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and "for stor" in proc.stderr


# --- only regular files are opened (a FIFO used to hang kb) -------------------------------------

def assert_refused_in_one_line(proc, path, reason: str) -> None:
    assert proc.returncode == 2 and proc.stdout == "", proc.stdout + proc.stderr
    assert proc.stderr.startswith(f"kb: {path}: ") and reason in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["evaluate", "procedure"])
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path, command):
    """Nobody writes to the FIFO: before the fix ``kb`` waited for a writer for ever (the
    subprocess timeout here is only a guard that turns a hang into a failure)."""
    import os
    fifo = tmp_path / "sak.yaml"
    os.mkfifo(fifo)
    proc = run_kb(command, str(fifo), "--json")
    assert_refused_in_one_line(proc, fifo, "navngitt rør (FIFO), ikke en vanlig fil")
    assert "«-»" in proc.stderr  # tells how to give a case on standard input instead


def test_a_fifo_with_a_writer_is_still_refused(tmp_path):
    """Refused by its type, not because it happens to be empty."""
    import os
    import threading
    fifo = tmp_path / "sak.yaml"
    os.mkfifo(fifo)

    def write():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader (kb refused before opening): nothing to write
            return
        with os.fdopen(fd, "wb") as out:
            out.write(b"tjeneste: bpa\n")
    writer = threading.Thread(target=write)
    proc = None
    try:
        writer.start()
        proc = run_kb("evaluate", str(fifo), "--json")
    finally:
        writer.join(timeout=5)
    assert_refused_in_one_line(proc, fifo, "FIFO")


def test_a_socket_is_refused(tmp_path):
    import socket
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        proc = run_kb("evaluate", str(path))
    finally:
        server.close()
    assert_refused_in_one_line(proc, path, "sokkel, ikke en vanlig fil")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_path_is_refused(device):
    assert_refused_in_one_line(run_kb("evaluate", device), device, "enhet, ikke en vanlig fil")


def test_a_folder_is_refused(tmp_path):
    assert_refused_in_one_line(run_kb("procedure", str(tmp_path)), tmp_path, "er en mappe, ikke en fil")


def test_reading_a_fifo_directly_is_refused(tmp_path):
    """The reader itself (also used for the knowledge base's files) refuses, not only the CLI."""
    import os
    from kb.reading.yamlfile import read_yaml
    fifo = tmp_path / "kategorier.yaml"
    os.mkfifo(fifo)
    with pytest.raises(Problem, match="FIFO"):
        read_yaml(fifo)


def test_a_symlink_to_a_case_file_still_works(tmp_path):
    real = tmp_path / "sak.yaml"
    real.write_text("tjeneste: bpa\n", encoding="utf-8")
    link = tmp_path / "lenke.yaml"
    link.symlink_to(real)
    proc = run_kb("evaluate", str(link), "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["tjeneste"] == "bpa"


# --- a case file is small; a large one is refused before it is parsed ---------------------------

def flow_list(size: int) -> bytes:
    """A case file of ``size`` bytes whose extra key holds a flow list of ones: the most values per
    byte (one per two bytes), the costliest shape to parse (2 MB took 2–10 s and 550 MB)."""
    head = b"tjeneste: bpa\nopplysninger: {alder: 45}\nx: ["
    count = (size - len(head) - 2) // 2
    data = head + b",".join([b"1"] * count) + b"]\n"
    return data + b" " * (size - len(data) - 1) + b"\n" if len(data) < size else data


@pytest.mark.parametrize("size", [1_999_000, 150_000])
@pytest.mark.parametrize("via_stdin", [False, True])
def test_a_large_case_file_is_refused_as_a_case_file(tmp_path, monkeypatch, capsys, size, via_stdin):
    from kb.reading.casefile import MAX_CASE_BYTES
    data = flow_list(size)
    assert len(data) == size > MAX_CASE_BYTES
    if via_stdin:
        code, out, err = run_stdin(["evaluate", "-", "--json"], data, monkeypatch, capsys)
        where = "<stdin>"
    else:
        path = tmp_path / "sak.yaml"
        path.write_bytes(data)
        code = main(["procedure", str(path), "--json"])
        out, err = capsys.readouterr()
        where = str(path)
    assert code == 2 and out == ""
    assert err == f"kb: {where}: saksfilen er for stor (over 50 kB; en sak er noen få linjer " \
                  "med tjeneste, kommune og opplysninger)\n"


def test_the_case_limit_reads_no_more_than_it_needs():
    """A stream longer than the limit is not read to its end (a pipe from a big export stops early)."""
    from kb.reading.casefile import MAX_CASE_BYTES
    stream = io.BytesIO(b"#" * (MAX_CASE_BYTES * 20))
    with pytest.raises(Problem, match="for stor"):
        from kb.reading.yamlfile import read_yaml_stream
        read_yaml_stream(stream, "<stdin>", MAX_CASE_BYTES)
    assert stream.tell() == MAX_CASE_BYTES + 1


def test_a_case_just_under_the_limit_is_still_answered(tmp_path):
    """Long comments (a caseworker's notes) are fine as long as the file stays under the limit."""
    from kb.reading.casefile import MAX_CASE_BYTES
    case = "tjeneste: bpa\nopplysninger: {alder: 45, timer_per_uke: 40, varighet_ar: 3}\n"
    note = "# Notat: brukeren ønsker assistanse i arbeidstiden og på kveldstid.\n"
    text = case + note * ((MAX_CASE_BYTES - len(case.encode())) // len(note.encode()))
    assert MAX_CASE_BYTES - 100 < len(text.encode()) <= MAX_CASE_BYTES
    path = tmp_path / "sak.yaml"
    path.write_text(text, encoding="utf-8")
    evaluated = run_kb("evaluate", str(path), "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout)["tjeneste"] == "bpa"
    procedure = run_kb("procedure", str(path), "--json")
    assert procedure.returncode == 0, procedure.stderr
    assert "klagefrist" in json.loads(procedure.stdout)


def test_content_files_keep_the_larger_limit(tmp_path, data_copy):
    """Only case files have the small limit: a knowledge-base file of several hundred kB loads."""
    from kb.knowledge.loader import load_kb_or_raise
    from kb.reading.casefile import MAX_CASE_BYTES
    from kb.reading.yamlfile import MAX_BYTES
    target = data_copy / "ordliste.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# kommentar\n" * 40_000, encoding="utf-8")
    assert MAX_CASE_BYTES < target.stat().st_size < MAX_BYTES
    assert load_kb_or_raise(data_copy).tjenester


# --- wrong shapes are errors, not "no facts" ----------------------------------------------------

@pytest.mark.parametrize("value", ["[]", "false", '""', "0", "[alder]", "tekst"])
def test_facts_of_the_wrong_shape_are_errors(tmp_path, value):
    path = tmp_path / "sak.yaml"
    path.write_text(f"tjeneste: bpa\nopplysninger: {value}\n")
    proc = run_kb("evaluate", str(path), "--json")
    assert proc.returncode == 2 and "sak.yaml:2:" in proc.stderr and "«opplysninger» skal være en tabell" in proc.stderr


def test_empty_facts_are_still_no_facts(kb):
    assert evaluate({"tjeneste": "bpa", "opplysninger": None}, kb).utfall == "uavklart"
    assert evaluate({"tjeneste": "bpa", "opplysninger": {}}, kb).utfall == "uavklart"


@pytest.mark.parametrize("endring", ["okning", "forlengelse"])
def test_contradictory_procedure_case_is_refused_naming_both_fields(kb, endring):
    with pytest.raises(CaseError) as exc:
        answer({"tjeneste": "bpa", "sak": {"utfall": "opphor", "endring": endring}}, kb)
    assert "utfall: opphor" in str(exc.value) and f"endring: {endring}" in str(exc.value)


def test_echoed_values_are_cut_to_a_readable_length(kb):
    with pytest.raises(CaseError) as exc:
        evaluate({"tjeneste": "bpa", "opplysninger": {"alder": "x" * 5000}}, kb)
    assert len(str(exc.value)) < 150 and "…" in str(exc.value)
    with pytest.raises(CaseError) as exc:
        evaluate({"tjeneste": "bpa", "kommune": "y" * 5000}, kb)
    assert len(str(exc.value)) < 400


@pytest.mark.parametrize("written, meant", [("ja", True), ("nei", False), ("Ja", True), ("NEI", False),
                                             (True, True), (False, False)])
def test_ja_and_nei_are_accepted_for_yes_no_facts(kb, written, meant):
    r = evaluate({"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": written}}, kb)
    status = {k.id: k.status for k in r.kriterier}["bpa-arbeidsleder"]
    assert status == ("oppfylt" if meant else "ikke_oppfylt")


@pytest.mark.parametrize("written", ["Gjøvik", "gjøvik", "GJØVIK", "gjovik", " Gjøvik "])
def test_municipality_by_name_is_its_id(kb, written):
    assert evaluate({"tjeneste": "bpa", "kommune": written}, kb).kommune == "gjovik"


def test_unknown_municipality_name_is_still_refused(kb):
    with pytest.raises(CaseError, match="ukjent kommune"):
        evaluate({"tjeneste": "bpa", "kommune": "Atlantis"}, kb)


# --- the README's examples work as printed ------------------------------------------------------

def readme_blocks(lang: str) -> list[str]:
    import re
    from tests.conftest import ROOT
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_readme_case_files_work_with_both_commands(tmp_path):
    blocks = readme_blocks("yaml")
    assert len(blocks) >= 2
    for i, block in enumerate(blocks):
        path = tmp_path / f"sak{i}.yaml"
        path.write_text(block, encoding="utf-8")
        for command in ("evaluate", "procedure"):
            proc = run_kb(command, str(path), "--json")
            assert proc.returncode == 0, (command, block, proc.stderr)
            assert isinstance(json.loads(proc.stdout), dict)


# --- property: the CLI never raises on hostile input, files or stdin ----------------------------

hostile = st.one_of(
    st.integers(1, 12).map(alias_bomb),
    st.integers(16, 6000).map(lambda n: "tjeneste: bpa\nopplysninger: {alder: 1" + "0" * n + "}\n"),
    st.sampled_from(["1:05", "0x46", "7_0", "070", "0o70", "yes", "ja", "nei", "[]", "false", "''", "0",
                     "!!int '0x46'", "!!bool kanskje", "!!float '1_0'", ".inf", "-.inf", ".nan", "1e999"])
      .map(lambda v: f"tjeneste: bpa\nopplysninger: {{alder: {v}, kan_vaere_arbeidsleder: {v}}}\n"),
    st.sampled_from(["opphor", "innvilget"]).flatmap(
        lambda u: st.sampled_from(["okning", "forlengelse", "reduksjon", "1:05", "yes"]).map(
            lambda e: f"tjeneste: bpa\nsak: {{utfall: {u}, endring: {e}, forventet_varighet_dager: 014}}\n")),
    st.text(max_size=200),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=hostile, encoding=encodings, command=st.sampled_from(["evaluate", "procedure"]),
       via_stdin=st.booleans())
def test_hostile_input_never_raises(tmp_path_factory, monkeypatch, capsys, text, encoding, command, via_stdin):
    data = text.encode(encoding, errors="replace")
    if via_stdin:
        code, out, err = run_stdin([command, "-", "--json"], data, monkeypatch, capsys)
    else:
        path = tmp_path_factory.mktemp("case") / "sak.yaml"
        path.write_bytes(data)
        code = main([command, str(path), "--json"])
        out, err = capsys.readouterr()
    assert_one_json_object_or_one_line(code, out, err)


def test_libyaml_parser_is_used_when_installed():
    """The C parser keeps load + validate fast (the benchmark's goal is 0.5 s)."""
    import yaml
    from kb.reading.yaml12 import Loader12
    if yaml.__with_libyaml__:
        from yaml.cyaml import CParser
        assert issubclass(Loader12, CParser)
    assert parse_yaml("a: &x [1]\nb: *x\n").data == {"a": [1], "b": [1]}


def test_the_new_fact_bpa_granted_before_67_is_checked_like_any_yes_no_fact(tmp_path):
    path = tmp_path / "sak.yaml"
    path.write_text("tjeneste: bpa\nopplysninger:\n  alder: 70\n  bpa_innvilget_for_67: kanskje\n", encoding="utf-8")
    proc = run_kb("evaluate", str(path), "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "sak.yaml:4:" in lines[0] and "«bpa_innvilget_for_67» skal være ja eller nei" in lines[0]
    path.write_text("tjeneste: bpa\nopplysninger:\n  alder: 70\n  bpa_innvilget_for_67: ja\n", encoding="utf-8")
    from kb.criteria.evaluate import evaluate as evaluate_in_process
    from kb.knowledge.loader import load_kb_or_raise
    from tests.conftest import DATA
    want = evaluate_in_process({"tjeneste": "bpa", "opplysninger": {"alder": 70, "bpa_innvilget_for_67": True}},
                               load_kb_or_raise(DATA)).mangler
    assert "bpa_innvilget_for_67" not in want
    assert json.loads(run_kb("evaluate", str(path), "--json").stdout)["mangler"] == want
