"""A large site built in parts at once (``kb site --bygg --deler N``, :mod:`kb.site.parts`) is
the site one ``mkdocs build`` makes, file by file; and a build in parts refuses what it cannot do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import make_synthetic
from kb.site import parts, tree


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Twice the real services (a services section longer than the nav's group size, so that its
    pages are dealt out), its generated folder made once."""
    base = tmp_path_factory.mktemp("deler")
    data = base / "data"
    make_synthetic(data, 2)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_DATA_DIR=str(data), KB_PAGEFIND="false",
               KB_GENERATED_DIR=str(base / "generert"))
    made = _kb(["--data", str(data), "site", "--ut", str(base / "generert")], env)
    assert made.returncode == 0, made.stderr
    return base, data, env


def _kb(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], cwd=tree.ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_site_built_in_two_parts_is_the_site_one_build_makes(synthetic):
    base, data, env = synthetic
    generated = tree.read(base / "generert").pages
    dealt = parts.long_sections(list(generated), tree.NAV_GROUP_SIZE)
    assert len(dealt) > tree.NAV_GROUP_SIZE  # the services are dealt out, not all part 0's

    one = _kb(["--data", str(data), "site", "--bygg", str(base / "en"), "--deler", "1"], env)
    # with the Pagefind step, as `kb site --bygg` runs it by default: once, over the whole site
    two = _kb(["--data", str(data), "site", "--bygg", str(base / "to"), "--deler", "2"], dict(env, KB_PAGEFIND="true"))
    assert one.returncode == 0, one.stderr[-3000:]
    assert two.returncode == 0, two.stderr[-3000:]
    assert "i 2 del(er)" in two.stdout and "Pagefind-indeksen ligger i" in two.stdout

    single, merged = _files(base / "en"), _files(base / "to")
    index = {path: merged.pop(path) for path in list(merged) if path.startswith("pagefind/")}
    assert sorted(merged) == sorted(single)  # no page missing, no manifest or stray 404 left over
    differ = [path for path in single if single[path] != merged[path]]
    assert differ == []
    # the tags of a page another part rendered link to the tag listing as in one build
    page = merged["tjenester/bpa-kopi2/index.html"].decode()
    assert 'href="../etter-behov/#tag:' in page
    # the index holds every searchable page of both parts (not part 0's alone)
    searchable = [p for p, html in merged.items() if p.endswith(".html") and b"data-pagefind-body" in html]
    entry = json.loads(index["pagefind/pagefind-entry.json"])
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(searchable) > 60


def test_the_parts_deal_out_every_page_once(synthetic):
    base, _, _ = synthetic
    generated = tree.read(base / "generert").pages
    weights = {path: len(text) for path, text in generated.items()}
    dealt = parts.long_sections(list(generated), tree.NAV_GROUP_SIZE)
    shares = parts.deal(weights, dealt, 3, parts.HEAD_START)
    assert set().union(*shares) == set(weights) and sum(map(len, shares)) == len(weights)
    assert {p for p in weights if p not in dealt} <= shares[0]
    assert all(share & dealt for share in shares[1:])


def test_a_wrong_part_or_count_is_a_clear_error(synthetic, monkeypatch):
    base, data, env = synthetic
    monkeypatch.setenv(parts.PART_VARIABLE, "2/2")
    with pytest.raises(Exception, match="fra 0 til N-1"):
        parts.Part.from_env()
    monkeypatch.setenv(parts.PART_VARIABLE, "to")
    with pytest.raises(Exception, match="skriv delen som k/N"):
        parts.Part.from_env()
    refused = _kb(["--data", str(data), "site", "--bygg", str(base / "null"), "--deler", "0"], env)
    assert refused.returncode == 2 and "--deler 0" in refused.stderr and "Traceback" not in refused.stderr
    alone = _kb(["--data", str(data), "site", "--deler", "2"], env)
    assert alone.returncode == 2 and "--deler hører til --bygg" in alone.stderr


def test_materials_search_is_not_built_in_parts(synthetic):
    base, data, env = synthetic
    material = _kb(["--data", str(data), "site", "--bygg", str(base / "material"), "--deler", "2"],
                   dict(env, KB_SEARCH="material"))
    assert material.returncode == 1
    assert "Materials eget søk trenger alle sidene i én bygging" in material.stderr
    assert "Traceback" not in material.stderr
