"""The project stands on its own: a fresh clone has every source text and refers to nothing
beside the repository."""

from __future__ import annotations

import re
import subprocess

from kb.knowledge.check import check
from tests.conftest import DATA, ROOT

BESIDE = "sha" + "red"
"""The folder beside the repository on our own machines (spelt in two parts so that this file
does not itself name it)."""
OUTSIDE = re.compile(rf"\.\./{BESIDE}|{BESIDE}/sources|parent\s*/\s*[\"']{BESIDE}[\"']")


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line]


def test_no_tracked_file_refers_to_a_folder_beside_the_repository():
    offenders = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if OUTSIDE.search(text):
            offenders.append(name)
    assert offenders == []


def test_the_pattern_would_find_a_reference():
    assert OUTSIDE.search(f'SOURCE = ROOT.parent / "{BESIDE}" / "sources" / "x.txt"')
    assert OUTSIDE.search(f"se ../{BESIDE}/sources/")


DESIGN_NOTES = "DESIGN" + ".md"
"""A design document that was never part of the repository (spelt in two parts, as above); the
architecture page docs/utviklere/arkitektur.md is the project's own description."""


def files_naming(word: str) -> list[str]:
    offenders = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if word.lower() in text.lower():
            offenders.append(name)
    return offenders


def test_no_tracked_file_refers_to_a_design_document_outside_the_repository():
    assert files_naming(DESIGN_NOTES) == []


def test_the_design_document_finder_would_find_one(tmp_path, monkeypatch):
    import tests.test_self_contained as me
    (tmp_path / "x.py").write_text(f'"""See {DESIGN_NOTES}, *Public contract*."""\n', encoding="utf-8")
    monkeypatch.setattr(me, "ROOT", tmp_path)
    monkeypatch.setattr(me, "tracked_files", lambda: ["x.py"])
    assert me.files_naming(DESIGN_NOTES) == ["x.py"]


def test_the_architecture_page_is_in_the_nav():
    assert (ROOT / "docs" / "utviklere" / "arkitektur.md").is_file()
    assert "utviklere/arkitektur.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_source_text_is_in_the_repository():
    kb, problems = check(DATA)
    assert problems == [], "\n".join(map(str, problems))
    seeds = {"regionale-kriterier", "oslo-gerica-rutine", "helsedirektoratet-veileder"}
    assert seeds <= set(kb.kilder)
    for doc in kb.kilder.values():
        path = kb.kildefil(doc.id)
        least = 1000 if doc.id in seeds else 200
        assert path.is_file() and path.stat().st_size > least, (
            f"kilder.yaml «{doc.id}»: {path.name} finnes ikke eller er under {least} byte (en lagret kopi av kilden)")
        assert name_tracked(path), f"kilder.yaml «{doc.id}»: {path.name} er ikke lagt inn i git (git add)"
        # every other source is a stored copy of a public page: its address and the date it was read
        assert doc.id in seeds or (doc.adresse.startswith("http") and doc.lest is not None and doc.art), (
            f"kilder.yaml «{doc.id}»: en lagret kopi av en offentlig side trenger «adresse», «lest» og «art»")


def name_tracked(path) -> bool:
    return str(path.relative_to(ROOT)) in tracked_files()


def test_a_missing_source_text_is_a_problem(data_copy):
    root = data_copy
    (root / "kilder" / "helsedirektoratet-saksbehandlingsveileder-om.txt").unlink()
    _, problems = check(root)
    assert any("kildeteksten «helsedirektoratet-saksbehandlingsveileder-om.txt» finnes ikke" in str(p)
               and "kilder.yaml" in str(p) for p in problems)
