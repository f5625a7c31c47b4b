"""MkDocs hooks: generate the site's pages from the knowledge base at build time.

Pages are added in memory with ``File.generated`` (nothing is written into ``docs/``, so
``mkdocs serve`` does not loop). The knowledge base is checked first: a build never
publishes content that ``kb check`` rejects. Scenario pages from ``scenarios/`` become the
*E-læring* section.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.check import check
from kb.loader import DATA_DIR
from kb.pages import PROVIDERS
from kb.scenario_index import SCENARIO_DIR

_generated: dict[str, str] = {}


def generate_pages(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR) -> dict[str, str]:
    """Check the knowledge base and return every generated page (path → Markdown)."""
    kb, problems = check(data_dir)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:50])
        raise PluginError(f"Kunnskapsbasen har {len(problems)} problem(er):\n{listing}")
    pages: dict[str, str] = {}
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        for path, content in module.pages(kb).items():
            if path in pages:
                raise PluginError(f"siden {path} lages to ganger ({name})")
            pages[path] = content
    if scenario_dir.is_dir():
        for path in sorted(scenario_dir.glob("*.md")):
            pages[f"e-laering/{path.name}"] = path.read_text(encoding="utf-8")
    return pages


def _extend_nav(nav: list, pages: dict[str, str]) -> None:
    """Append generated pages to the nav section that holds their folder's ``index.md``."""
    listed = set()

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            else:
                listed.add(value)

    walk(nav)

    def sections(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else None
            if isinstance(value, list):
                yield value
                yield from sections(value)

    for section in list(sections(nav)):
        index = next((v for v in section if isinstance(v, str) and v.endswith("/index.md")), None)
        if index is None:
            continue
        folder = index[: -len("index.md")]
        for path in pages:
            if path.startswith(folder) and path not in listed and "/" not in path[len(folder):]:
                section.append(path)
                listed.add(path)


def on_config(config, **kwargs):
    """Generate the pages, add them to the navigation and watch the content folders."""
    global _generated
    _generated = generate_pages()
    if config.get("nav"):
        _extend_nav(config["nav"], _generated)
    for folder in (DATA_DIR, SCENARIO_DIR, Path(__file__).parent / "templates"):
        if folder.is_dir() and str(folder) not in config["watch"]:
            config["watch"].append(str(folder))
    return config


def on_files(files: Files, config, **kwargs) -> Files:
    """Add the generated pages to the build."""
    for path, content in _generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{path} finnes i docs/, men lages også fra kunnskapsbasen: fjern den ene")
        files.append(File.generated(config, path, content=content))
    return files
