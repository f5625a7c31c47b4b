"""MkDocs hooks: a thin reader of the generated folder (:mod:`kb.site.tree`, ``kb site``).

All state lives on one :class:`KbSite` object (and each build's :class:`SiteBuild` on it); the
module-level ``on_*`` functions MkDocs looks for are that object's methods. The hook loads no
knowledge base: ``on_config`` reads the folder ``kb site`` wrote (``build/generert/``, or
``KB_GENERATED_DIR``), and when that folder is missing or was made from other content, runs the
generation step itself first. So under ``mkdocs serve`` an edit of ``kb/data/`` or ``scenarios/``
rebuilds the pages, the browser data and the e-learning answer boxes from the edited files.
Answers that no longer follow the data (``kb check``'s content problems) are build warnings:
``serve`` shows the edit, ``build --strict`` fails.

Search: the published build is searched with Pagefind; Material's built-in search plugin only
indexes for the file-share build (``KB_OFFLINE=true``) and ``KB_SEARCH=material`` (its page and
index events are taken out otherwise; its search box stays, and ``search.js`` drives it).
Pagefind indexes as its own step after the build (``kb site --indekser site``); the build runs
that step itself unless ``KB_PAGEFIND=false`` (the Makefile runs it separately).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from kb.site import parts, search, tree
from kb.site.tree import DATA_DIR, SCENARIO_DIR

log = logging.getLogger("mkdocs.plugins.kb")
"""Warnings here count in ``mkdocs build --strict``."""

COMMAND_VARIABLE = "KB_MKDOCS_COMMAND"
"""Set by ``on_startup`` to ``serve`` or ``build``: in the process environment, because MkDocs
calls ``on_startup`` once while ``mkdocs serve`` may load this module anew for every build."""

SEARCH_EVENTS = ("page_context", "post_build", "serve")
"""The events of Material's search plugin left out when Pagefind serves the build."""


class SiteBuild:
    """One build's generated folder (read afresh for every build): pages, data files, nav
    fragment, content warnings, and each scenario page's answer boxes on their way from
    ``on_page_markdown`` to ``on_page_content``."""

    def __init__(self, data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR, out: Path | None = None,
                 docs_dir: Path = tree.DOCS_DIR):
        source = tree.Source(data_dir, scenario_dir, docs_dir)
        try:
            self.tree = tree.current(source, out)
        except tree.KnowledgeBaseProblems as exc:
            raise PluginError(str(exc)) from None
        self.pages = self.tree.pages
        self.assets = self.tree.assets
        self.warnings = self.tree.warnings
        self.boxes: dict[str, list[str]] = {}
        self.engine = search.PAGEFIND
        self.files: Files | None = None
        self.part: parts.Part | None = None
        """The part of the site this build renders (``KB_DEL``, see :mod:`kb.site.parts`), or None."""


class KbSite:
    """The site's build steps inside MkDocs; the state of the current build is ``self.build``."""

    def __init__(self):
        self.build: SiteBuild | None = None

    def on_startup(self, command: str, **kwargs) -> None:
        """Remember whether this process serves (``mkdocs serve``) or builds."""
        os.environ[COMMAND_VARIABLE] = command

    def on_config(self, config, **kwargs):
        """Read (or make) the generated folder, extend the nav, watch the content folders.

        ``KB_DATA_DIR`` and ``KB_SCENARIO_DIR`` point the build at another content folder (the
        benchmarks build synthetic knowledge bases this way), ``KB_GENERATED_DIR`` at another folder.
        """
        data_dir, scenario_dir, out = tree.folders_from_env()
        self.build = build = SiteBuild(data_dir, scenario_dir, out, Path(config["docs_dir"]))
        report_content_problems(build.warnings)
        build.engine = search.engine(config)
        config["extra"]["kb_search"] = build.engine
        if build.engine == search.PAGEFIND:
            _without_material_search(config)
        build.part = parts.Part.from_env()
        if build.part is not None and build.part.count > 1 and build.engine != search.PAGEFIND:
            raise PluginError(f"Materials eget søk trenger alle sidene i én bygging: bygg med {parts.PART_VARIABLE} "
                              "bare med Pagefind-søket")
        if config.get("nav"):
            extend_nav(config["nav"], build.tree.nav)
        for folder in (data_dir, scenario_dir, Path(__file__).parent / "templates"):
            if folder.is_dir() and str(folder) not in config["watch"]:
                config["watch"].append(str(folder))
        return config

    def on_files(self, files: Files, config, **kwargs) -> Files:
        """Add the generated pages and data files to the build."""
        for path, content in {**self.build.pages, **self.build.assets}.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} finnes i docs/, men lages også fra kunnskapsbasen: fjern den ene")
            files.append(File.generated(config, path, content=content))
        if self.build.part is not None:
            parts.own_share(files, self.build.part, self.build.pages, tree.NAV_GROUP_SIZE)
            self.build.files = files
        return files

    def on_nav(self, nav, config, files: Files, **kwargs):
        """In a build of one part, read the pages the part leaves out (titles, tags)."""
        if self.build is not None and self.build.part is not None:
            parts.read_left_out(files, config)
        return nav

    @event_priority(150)  # before the tags plugin's (100), which exports the tags
    def on_env(self, env, config, files: Files, **kwargs):
        """In a build of one part, order the tags as one build does."""
        if self.build is not None and self.build.part is not None:
            parts.order_tags(files, config)
        return env

    def on_page_markdown(self, markdown: str, page, config, files: Files, **kwargs) -> str:
        """Scenario pages come rendered from the generation step; their answer boxes wait for
        ``on_page_content`` (Markdown does not read raw HTML inside an indented «Del 2»)."""
        src = page.file.src_uri
        if self.build is not None and src in self.build.tree.boxes:
            self.build.boxes[src] = self.build.tree.boxes[src]
        return markdown

    def on_page_content(self, html: str, page, config, files: Files, **kwargs) -> str:
        """Swap the answer boxes in (their links made relative to this page), then add the search
        markup (keywords, Pagefind body and filters) to caseworker pages."""
        build = self.build
        if build is None:
            return html
        src = page.file.src_uri
        boxes = build.boxes.pop(src, None)
        if boxes:
            from mkdocs.utils import get_relative_url
            from kb.site.scenario_render import insert_boxes

            def url_of(path: str) -> str | None:
                target = files.get_file_from_path(path)
                return None if target is None else get_relative_url(target.url, page.file.url)

            html = insert_boxes(html, [tree.resolve_links(box, url_of) for box in boxes])
        found = build.tree.search.get(src)
        info = search.PageSearch(**found) if found else None
        search.annotate(page, info, build.engine)
        return search.decorate(html, info, build.engine)

    def on_post_build(self, config, **kwargs) -> None:
        """Run the Pagefind step over the finished site, unless ``KB_PAGEFIND=false`` (then the
        Makefile runs ``kb site --indekser`` afterwards); not in the offline build, and not in
        one part of a build in parts (``kb site --bygg`` indexes the site once it is put together)."""
        if self.build is not None and self.build.part is not None:
            parts.write_manifest(Path(config["site_dir"]), self.build.files, self.build.part)
            if self.build.part.count > 1:
                return
        if self.build is None or self.build.engine != search.PAGEFIND:
            return
        if search.pagefind_after_build():
            search.build_index(Path(config["site_dir"]))


def _without_material_search(config) -> None:
    """Take Material's search plugin out of the page and index events (its box stays)."""
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    if plugin is None:
        return
    events = config["plugins"].events
    for name in SEARCH_EVENTS:
        events[name] = [m for m in events.get(name, []) if getattr(m, "__self__", None) is not plugin]


def report_content_problems(problems) -> None:
    """Answers and quoted numbers that do not follow the data: warnings in a build (``--strict``
    fails), plain lines under ``mkdocs serve`` (whose strict mode would stop the preview)."""
    serving = os.environ.get(COMMAND_VARIABLE) == "serve"
    for problem in problems:
        if serving:
            log.info(f"kb check: {problem}")
        else:
            log.warning(str(problem))


def extend_nav(nav: list, fragment: dict[str, list]) -> None:
    """Append each folder's generated pages (``fragment``, from ``nav.json``) to the nav section
    that holds the folder's ``index.md``, unless the nav lists them already."""
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
        for entry in fragment.get(folder, []):
            if isinstance(entry, str):
                if entry not in listed:
                    section.append(entry)
                    listed.add(entry)
            else:
                section.append(entry)


def generate_pages(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR) -> dict[str, str]:
    """Every generated page (see :func:`kb.site.generate.generate_pages`), problems as a build error."""
    return SiteBuild(data_dir, scenario_dir).pages


_site = KbSite()
"""This module's one object: MkDocs loads the module anew for each configuration it reads."""

on_startup = _site.on_startup
on_config = _site.on_config
on_files = _site.on_files
on_nav = _site.on_nav
on_env = _site.on_env
on_page_markdown = _site.on_page_markdown
on_page_content = _site.on_page_content
on_post_build = _site.on_post_build


def __getattr__(name: str):
    if name == "_build":  # the current build, for tests and tools
        return _site.build
    raise AttributeError(name)
