"""How much of the site Zensical builds from the generated folder (``kb site``), beside MkDocs.

Zensical reads ``mkdocs.yml`` but runs no hooks. This script gives it what the hook adds: one docs
folder with the hand-written pages and the generated ones (``build/generert/docs``), and the nav
with the generated pages appended (``nav.json``). The answer boxes of the e-learning pages and the
search markup are made in the hook after Markdown, so Zensical's pages have the placeholders
instead. Zensical is not a dependency of the project: run with its own Python, e.g.
``/tmp/zvenv/bin/python bench/zensical.py /tmp/zvenv/bin/zensical``.

Writes a JSON line: pages Zensical wrote, pages MkDocs wrote (same tree), seconds of each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _extend(nav: list, fragment: dict) -> list:
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else None
        if isinstance(value, list):
            index = next((v for v in value if isinstance(v, str) and v.endswith("/index.md")), None)
            if index is not None:
                value.extend(fragment.get(index[: -len("index.md")], []))
            _extend(value, fragment)
    return nav


def prepare(generated: Path, work: Path) -> Path:
    """A copy of the project's configuration without hooks, its docs folder merged."""
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(generated / "docs", docs, dirs_exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    shutil.copytree(ROOT / "kb/site/overrides", work / "overrides")
    text = text.replace("custom_dir: kb/site/overrides", "custom_dir: overrides")
    text = text.replace('paths: ["."]', f'paths: ["{ROOT}"]')
    nav_start = text.index("\nnav:\n")
    import yaml
    nav = yaml.safe_load(text[nav_start:])["nav"]
    nav = _extend(nav, json.loads((generated / "nav.json").read_text(encoding="utf-8")))
    text = text[:nav_start] + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    (work / "mkdocs.yml").write_text(text, encoding="utf-8")
    return work / "mkdocs.yml"


def main(argv: list[str]) -> int:
    zensical = argv[1] if len(argv) > 1 else "zensical"
    generated = Path(argv[2]) if len(argv) > 2 else ROOT / "build" / "generert"
    work = Path(tempfile.mkdtemp(prefix="kb-zensical-"))
    config = prepare(generated, work)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    proc = subprocess.run([zensical, "build", "-f", str(config), "--clean"], cwd=work, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    site = work / "site"
    pages = sum(1 for _ in site.rglob("index.html")) if site.is_dir() else 0
    markdown = sum(1 for _ in (work / "docs").rglob("*.md"))
    unresolved = sum(1 for p in site.rglob("index.html") if "KBSVAR-" in p.read_text(encoding="utf-8")) if site.is_dir() else 0
    print(json.dumps({"zensical_sider": pages, "zensical_sekunder": round(seconds, 2), "markdown_filer": markdown,
                      "sider_uten_svarbokser": unresolved, "returkode": proc.returncode,
                      "logg": (proc.stdout + proc.stderr)[-1500:], "mappe": str(work)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
