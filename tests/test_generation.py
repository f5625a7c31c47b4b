"""Generation as its own step: ``kb site`` writes the generated folder; the MkDocs hook only reads it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, run_kb


def test_kb_site_writes_pages_nav_and_browser_data(tmp_path):
    out = tmp_path / "generert"
    proc = run_kb("site", "--ut", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Skrev" in proc.stdout
    assert (out / "docs" / "tjenester" / "bpa.md").read_text(encoding="utf-8").startswith("---")
    assert (out / "docs" / "evaluator" / "felles.js").is_file()
    nav = json.loads((out / "nav.json").read_text(encoding="utf-8"))
    assert "tjenester/bpa.md" in nav["tjenester/"]
    extra = json.loads((out / "sider.json").read_text(encoding="utf-8"))
    boxes = extra["svar"]["e-laering/09-utsatt-iverksettelse-og-klage.md"]
    assert boxes and all("KBSVAR" not in b for b in boxes)
    assert "KBSVAR-0-KBSVAR" in (out / "docs" / "e-laering" / "09-utsatt-iverksettelse-og-klage.md").read_text(encoding="utf-8")
    assert extra["sok"]["tjenester/bpa.md"]["type"] == "Tjeneste"
    assert extra["sok"]["utviklere/arkitektur.md"] is None  # developer pages stay out of the search
    assert len(json.loads((out / "kilde.json").read_text(encoding="utf-8"))["fingeravtrykk"]) == 64


def test_kb_site_refuses_a_broken_knowledge_base(tmp_path, data_copy):
    (data_copy / "tjenester" / "bpa.yaml").write_text("id: bpa\nnavn: [\n", encoding="utf-8")
    proc = run_kb("--data", str(data_copy), "site", "--ut", str(tmp_path / "ut"))
    assert proc.returncode == 1
    assert "bpa.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "ut").exists()


def test_a_rejected_knowledge_base_leaves_the_old_folder_as_it_was(tmp_path, data_copy):
    """The pages are written while the check runs; a check that rejects the content leaves the
    folder made before untouched and no half-written folder beside it."""
    out = tmp_path / "ut"
    assert run_kb("--data", str(data_copy), "site", "--ut", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bpa = data_copy / "tjenester" / "bpa.yaml"
    bpa.write_text(bpa.read_text(encoding="utf-8").replace("dokument: regionale-kriterier", "dokument: finnes-ikke", 1),
                   encoding="utf-8")
    proc = run_kb("--data", str(data_copy), "site", "--ut", str(out))
    assert proc.returncode == 1 and "ukjent kildedokument «finnes-ikke»" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(q.name for q in tmp_path.iterdir()) == ["data", "ut"]


def test_a_current_folder_is_read_without_loading_the_knowledge_base(tmp_path):
    out = tmp_path / "generert"
    assert run_kb("site", "--ut", str(out)).returncode == 0
    script = (
        "import sys\n"
        "from mkdocs.config import load_config\n"
        "from kb.site import hooks\n"
        "config = hooks.on_config(load_config('mkdocs.yml'))\n"
        "assert 'tjenester/bpa.md' in hooks._build.pages\n"
        "print('kb.knowledge.loader' in sys.modules, 'kb.knowledge.check' in sys.modules)\n")
    env = dict(os.environ, KB_GENERATED_DIR=str(out), NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-2:] == ["False", "False"]


def test_an_edit_makes_the_folder_stale(data_copy):
    from kb.site import tree
    before = tree.Source(data_copy).fingerprint
    path = data_copy / "parametre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - verdi: 4\n", "    - verdi: 5\n", 1), encoding="utf-8")
    assert tree.Source(data_copy).fingerprint != before
    assert tree.default_dir(tree.Source(data_copy)) != tree.DEFAULT_DIR  # never the repository's folder


def test_materials_search_indexes_only_the_offline_build(monkeypatch, tmp_path):
    from mkdocs.config import load_config
    from kb.site import hooks
    out = tmp_path / "generert"
    assert run_kb("site", "--ut", str(out)).returncode == 0
    monkeypatch.setenv("KB_GENERATED_DIR", str(out))

    def search_events(offline: bool) -> list[str]:
        if offline:
            monkeypatch.setenv("KB_OFFLINE", "true")
        else:
            monkeypatch.delenv("KB_OFFLINE", raising=False)
        config = load_config(str(ROOT / "mkdocs.yml"))
        config = hooks.on_config(config)
        plugin = config["plugins"]["material/search"]
        return [name for name, methods in config["plugins"].events.items()
                if any(getattr(m, "__self__", None) is plugin for m in methods)]

    assert "page_context" not in search_events(offline=False)
    assert "post_build" not in search_events(offline=False)
    assert {"page_context", "post_build"} <= set(search_events(offline=True))
