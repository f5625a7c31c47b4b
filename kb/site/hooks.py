"""MkDocs hooks: generate the site's pages from the knowledge base at build time.

Pages are added in memory with ``File.generated`` (nothing is written into ``docs/``, so
``mkdocs serve`` does not loop). The knowledge base is checked first: a build never
publishes content that ``kb check`` rejects. Scenario pages from ``scenarios/`` become the
*E-læring* section.

Every build reads the knowledge base afresh (:class:`SiteBuild`, made in ``on_config``): under
``mkdocs serve`` an edit of ``kb/data/`` or ``scenarios/`` rebuilds the pages, the evaluator's
and «Saksgang»'s data and the e-learning answer boxes from the edited files. Nothing here keeps
a knowledge base between builds (no cached loader), and answers that no longer follow the data
(``kb check``'s content problems) are build warnings: ``serve`` shows the edit, ``build --strict``
fails.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.site import generate
from kb.knowledge.loader import DATA_DIR
from kb.site import search
from kb.reading.scenario_pages import SCENARIO_DIR

log = logging.getLogger("mkdocs.plugins.kb")
"""Warnings here count in ``mkdocs build --strict``."""


class SiteBuild:
    """Everything one build makes from the content folders, read afresh: the checked knowledge
    base, the generated pages, the exported data files (the browser evaluator's and «Saksgang»'s,
    see :mod:`kb.site.export`), the content warnings and each scenario page's answer boxes."""

    def __init__(self, data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR):
        from kb.knowledge.sourcelines import source_lines
        from kb.site import export
        source_lines.cache_clear()  # a source text edited under «serve» is read again
        try:
            self.kb, self.pages, self.warnings = generate.generate_checked(data_dir, scenario_dir)
        except generate.KnowledgeBaseProblems as exc:
            raise PluginError(str(exc)) from None
        self.assets: dict[str, str] = export.files(self.kb)
        self.boxes: dict[str, list[str]] = {}
        """The result boxes of each scenario page, from ``on_page_markdown`` to ``on_page_content``."""
        self.engine = search.PAGEFIND


_build: SiteBuild | None = None
"""The current build (replaced by ``on_config`` on every build, never reused across builds)."""

COMMAND_VARIABLE = "KB_MKDOCS_COMMAND"
"""Set by ``on_startup`` to ``serve`` or ``build``: in the process environment, because MkDocs
calls ``on_startup`` once while ``mkdocs serve`` may load this module anew for every build."""


def on_startup(command: str, **kwargs) -> None:
    """Remember whether this process serves (``mkdocs serve``) or builds."""
    os.environ[COMMAND_VARIABLE] = command


def report_content_problems(problems) -> None:
    """Answers and quoted numbers that do not follow the data: warnings in a build (``--strict``
    fails), plain lines under ``mkdocs serve`` (whose strict mode would stop the preview)."""
    serving = os.environ.get(COMMAND_VARIABLE) == "serve"
    for problem in problems:
        if serving:
            log.info(f"kb check: {problem}")
        else:
            log.warning(str(problem))


def generate_pages(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR) -> dict[str, str]:
    """Every generated page (see :func:`kb.site.generate.generate_pages`), problems as a build error."""
    return SiteBuild(data_dir, scenario_dir).pages


NAV_GROUP_SIZE = 40
"""A nav section with more generated pages than this is split into groups by first letter,
so that each page renders only its own group (with ``navigation.prune``) and build time grows
linearly with the number of services."""


def _title(content: str, path: str) -> str:
    m = re.search(r"^title: (.*)$", content, re.M)
    if not m:
        return path
    raw = m.group(1).strip()
    try:
        return str(json.loads(raw))
    except ValueError:
        return raw.strip("'\"")


def _grouped(paths: list[str], pages: dict[str, str]) -> list:
    if len(paths) <= NAV_GROUP_SIZE:
        return paths
    groups: dict[str, list] = {}
    for path in sorted(paths, key=lambda p: _title(pages[p], p).lower()):
        letter = (_title(pages[path], path)[:1] or "#").upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(path)
    return [{letter: items} for letter, items in groups.items()]


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
        new = [path for path in pages
               if path.startswith(folder) and path not in listed and "/" not in path[len(folder):]]
        listed.update(new)
        section.extend(_grouped(new, pages))


def on_config(config, **kwargs):
    """Generate the pages, add them to the navigation and watch the content folders.

    ``KB_DATA_DIR`` and ``KB_SCENARIO_DIR`` point the build at another content folder (the
    benchmarks build synthetic knowledge bases this way).
    """
    global _build
    data_dir = Path(os.environ.get("KB_DATA_DIR") or DATA_DIR)
    scenario_dir = Path(os.environ.get("KB_SCENARIO_DIR") or SCENARIO_DIR)
    _build = build = SiteBuild(data_dir, scenario_dir)
    report_content_problems(build.warnings)
    build.engine = search.engine(config)
    config["extra"]["kb_search"] = build.engine
    if config.get("nav"):
        _extend_nav(config["nav"], build.pages)
    for folder in (data_dir, scenario_dir, Path(__file__).parent / "templates"):
        if folder.is_dir() and str(folder) not in config["watch"]:
            config["watch"].append(str(folder))
    return config


def on_files(files: Files, config, **kwargs) -> Files:
    """Add the generated pages and data files to the build."""
    for path, content in {**_build.pages, **_build.assets}.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{path} finnes i docs/, men lages også fra kunnskapsbasen: fjern den ene")
        files.append(File.generated(config, path, content=content))
    return files


# --- scenario pages (E-læring) ---------------------------------------------------------

def on_page_markdown(markdown: str, page, config, files: Files, **kwargs) -> str:
    """Scenario pages: case tables, the tool's answers rendered from each page's cases, the
    «Del 2» class and the print buttons (:mod:`kb.site.scenario_render`)."""
    src = page.file.src_uri
    if not src.startswith("e-laering/") or src == "e-laering/index.md":
        return markdown
    from mkdocs.utils import get_relative_url
    from kb.reading.yamlfile import Problem
    from kb.site.scenario_render import render_scenario

    def href(path: str, anchor: str) -> str | None:
        target = files.get_file_from_path(path)
        if target is None:
            return None
        return get_relative_url(target.url, page.file.url) + (f"#{anchor}" if anchor else "")

    try:  # this build's knowledge base, read in on_config (never a cached one)
        rendered = render_scenario(markdown, _build.kb, href, f"scenarios/{src.split('/', 1)[1]}")
    except (LookupError, ValueError, Problem) as exc:
        raise PluginError(str(exc)) from None
    _build.boxes[src] = rendered.boxes
    return rendered.markdown


def on_page_content(html: str, page, config, files: Files, **kwargs) -> str:
    """Swap the scenario result boxes in after Markdown has run, then add the search markup
    (keywords, Pagefind body and filters) to caseworker pages."""
    if _build is None:
        return html
    boxes = _build.boxes.pop(page.file.src_uri, None)
    if boxes:
        from kb.site.scenario_render import insert_boxes
        html = insert_boxes(html, boxes)
    info = search.page_search(_build.kb, page.file.src_uri)
    search.annotate(page, info, _build.engine)
    return search.decorate(html, info, _build.engine)


def on_post_build(config, **kwargs) -> None:
    """Build the Pagefind index over the finished site (not in the offline build)."""
    if _build is not None and _build.engine == search.PAGEFIND:
        search.build_index(Path(config["site_dir"]))
