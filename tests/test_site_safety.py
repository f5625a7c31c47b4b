"""Content cannot inject markup into the site, and the build is strict: broken links, missing
anchors and unknown pages fail it. Each case builds a temporary copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = '<script>alert("injisert")</script>'
ONERROR = '<img src=x onerror=alert("injisert")>'


def build(tmp_path: Path, data: Path | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data is not None:
        env["KB_DATA_DIR"] = str(data)
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")]
    if config is not None:
        args += ["-f", str(config)]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


class _Live(HTMLParser):
    """Finds live script elements and event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_yaml_text_cannot_inject_markup(data_copy, tmp_path):
    bpa = data_copy / "tjenester" / "bpa.yaml"
    text = bpa.read_text(encoding="utf-8")
    text = text.replace("- avsnitt: Ordningen følger personen.", f"- avsnitt: 'Ordningen følger personen. {SCRIPT}'")
    # appended to a long criterion, whose words must still stand at its lines (kb check)
    text = text.replace("          deltakelse og håndtering av egen hverdag.\n",
                        f"          deltakelse og håndtering av egen hverdag. {ONERROR}\n")
    assert ONERROR in text
    text = text.replace("navn: Brukerstyrt personlig assistanse (BPA)", f"navn: 'BPA {ONERROR}'")
    bpa.write_text(text, encoding="utf-8")
    chapter = data_copy / "kapitler" / "klageadgang.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("tittel: Klageadgang", f"tittel: 'Klageadgang {SCRIPT}'"),
                       encoding="utf-8")
    proc = build(tmp_path, data_copy)
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    pages = [site / "tjenester" / "bpa" / "index.html", site / "veiledning" / "klageadgang" / "index.html",
             site / "index.html", site / "oversikt" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _Live()
        parser.feed(html)
        assert not any("injisert" in s for s in parser.scripts), page
        assert parser.handlers == [], (page, parser.handlers)
    bpa_html = pages[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;" in bpa_html  # shown as text, not run
    assert "onerror" in bpa_html and "<img src=x" not in bpa_html


def _config_with_docs(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("  - kb/site/hooks.py", f"  - {ROOT / 'kb' / 'site' / 'hooks.py'}")
    text = text.replace("  custom_dir: kb/site/overrides", f"  custom_dir: {ROOT / 'kb' / 'site' / 'overrides'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config, docs


BROKEN = [
    ("[finnes ikke](finnes-ikke.md)", "finnes-ikke.md"),
    ("[feil anker](../tjenester/bpa.md#finnes-ikke)", "#finnes-ikke"),
    ("[feil mal](../oslo/maler.md#mal-99999)", "mal-99999"),
]


def test_broken_links_anchors_and_a_page_outside_the_navigation_fail_the_build(tmp_path):
    """One build with every kind of mistake: the strict build names each of them (one warning line
    each) and fails."""
    config, docs = _config_with_docs(tmp_path)
    page = docs / "om" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "".join(f"\n\nSe {link}.\n" for link, _ in BROKEN),
                    encoding="utf-8")
    (docs / "om" / "ekstra.md").write_text("# Ekstra\n", encoding="utf-8")
    proc = build(tmp_path, config=config)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    for message in [m for _, m in BROKEN]:
        assert any(message in line for line in warnings), (message, warnings)
    assert any("not included in the \"nav\"" in line for line in warnings) and "om/ekstra.md" in output, output


def test_a_build_from_the_copied_configuration_is_the_same_site(built_site, tmp_path):
    """The copy the failing builds below start from builds, and builds the site the repository's
    own build made (the session's): a build is reproducible (another folder, another time, the
    same pages), and the failures below come from the mistakes put into the copy alone."""
    config, _ = _config_with_docs(tmp_path)
    proc = build(tmp_path, config=config)
    assert proc.returncode == 0, proc.stderr

    def pages(root):
        return {p.relative_to(root): re.sub(r'build_date_utc[^"]*"[^"]*"', "", p.read_text(encoding="utf-8"))
                for p in root.rglob("*.html")}
    a, b = pages(built_site), pages(tmp_path / "site")
    assert len(a) > 30 and a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
