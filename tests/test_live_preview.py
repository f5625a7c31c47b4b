"""Live preview: under ``mkdocs serve`` every build reads ``kb/data/`` and ``scenarios/`` afresh.

The test runs the site hooks twice in one process, as ``mkdocs serve`` does on an edit (the same
hook module both times, as when the server does not reload it), on a temporary copy of the data
whose klagefrist changes between the builds. The exported data (the browser evaluator's and
«Saksgang»'s) and the e-learning answer box must follow. Nothing is written into the working tree.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from kb.site import hooks
from tests.conftest import ROOT

SCENARIO = "e-laering/09-utsatt-iverksettelse-og-klage.md"


def _build(monkeypatch, data):
    """One build's generated files and the rendered scenario page (hooks in MkDocs's order)."""
    monkeypatch.setenv("KB_DATA_DIR", str(data))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "hooks"  # what MkDocs sets while it runs a plugin's event
    config = hooks.on_config(config)
    files = hooks.on_files(Files([]), config)
    generated = {f.src_uri: f.content_string for f in files}
    page = SimpleNamespace(file=files.get_file_from_path(SCENARIO))
    markdown = hooks.on_page_markdown(generated[SCENARIO], page, config, files)
    boxes = list(hooks._build.boxes[SCENARIO])
    assert "KBSVAR-0-KBSVAR" in markdown
    html = hooks.on_page_content("<p>KBSVAR-0-KBSVAR</p>", page, config, files)
    return generated, boxes, html


def _parameter(script: str, pid: str) -> list:
    data = json.loads(re.search(r"=(\{.*\});\s*$", script, re.S).group(1))
    return next(p["verdier"] for p in data["parametre"] if p["id"] == pid)


def test_a_second_build_shows_the_edited_data(monkeypatch, data_copy):
    before, boxes_before, html_before = _build(monkeypatch, data_copy)
    assert _parameter(before["evaluator/felles.js"], "klagefrist-uker-lovpalagt") == [{"verdi": 4}]
    assert "Klagefrist</th><td>fredag 7. mai 2027" in boxes_before[0]
    assert "fredag 7. mai 2027" in html_before

    path = data_copy / "parametre.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - verdi: 4\n", "    - verdi: 6\n", 1), encoding="utf-8")
    after, boxes_after, html_after = _build(monkeypatch, data_copy)

    assert _parameter(after["evaluator/felles.js"], "klagefrist-uker-lovpalagt") == [{"verdi": 6}]
    assert '"klagefrist-uker-lovpalagt"' in after["evaluator/oslo.js"]
    assert after["evaluator/oslo.js"] != before["evaluator/oslo.js"]  # «Saksgang» reads its weeks from here
    assert "Klagefrist</th><td>torsdag 20. mai 2027" in boxes_after[0]  # six weeks from 8 April 2027
    assert "torsdag 20. mai 2027" in html_after and "fredag 7. mai 2027" not in html_after
    assert "6 uker" in after["tjenester/bpa.md"] and "4 uker" not in after["tjenester/bpa.md"]
    # what no longer follows the data is a build warning (strict builds fail), not a stopped preview
    assert any("09-utsatt-iverksettelse-og-klage.md" in str(p) for p in hooks._build.warnings)


@pytest.mark.parametrize("folder", ["kb/data", "scenarios"])
def test_serve_watches_the_content_folders(monkeypatch, folder):
    monkeypatch.delenv("KB_DATA_DIR", raising=False)
    config = hooks.on_config(load_config(str(ROOT / "mkdocs.yml")))
    assert str(ROOT / folder) in config["watch"]
