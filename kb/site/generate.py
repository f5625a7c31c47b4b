"""The site generator without MkDocs: a function from the knowledge base to ``{path: markdown}``.

:mod:`kb.site.hooks` adds these pages to a MkDocs build in memory; another static site tool
(e.g. Zensical, which reads ``mkdocs.yml`` but not hooks) can call :func:`generate_pages`
directly.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from kb.knowledge.check import check_loaded
from kb.knowledge.loader import DATA_DIR, load_kb
from kb.reading.scenario_pages import SCENARIO_DIR
from kb.site.beside import beside
from kb.site.pages import PROVIDERS
from kb.site.render import escape_md


from kb.site.problems import KnowledgeBaseProblems  # noqa: F401 (also imported from here)


def generate_pages(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR) -> dict[str, str]:
    """Check the knowledge base and return every generated page (path → Markdown)."""
    return generate(data_dir, scenario_dir)[1]


def generate(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR):
    """The checked knowledge base and every generated page (path → Markdown)."""
    kb, pages, _ = generate_checked(data_dir, scenario_dir)
    return kb, pages


def generate_checked(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR, conformance_dir: Path | None = None,
                     *, with_assets: bool = False, then=None):
    """The checked knowledge base, every generated page and the content problems («kb check»'s
    answers and quoted numbers that do not follow the data, as text: the build shows them as
    warnings, so that ``mkdocs serve`` shows an edit while ``mkdocs build --strict`` fails on
    them); with ``with_assets`` also the browser data (:func:`kb.site.export.files`).

    The knowledge base is loaded once; the check and the browser data run in processes of their
    own beside the page generation (:mod:`kb.site.beside`). Nothing is returned unless the check
    passes (the browser data of a rejected knowledge base is thrown away unseen), and a page that
    fails to generate from a knowledge base the check rejects reports the check's problems, not
    the page's error. ``then(kb, pages)``, if given, finishes the pages while the check still
    runs (the site's answer boxes and search data, and writing them); its errors are reported
    the same way."""
    kb, loaded = load_kb(data_dir)
    if loaded:  # a file does not load: the check's problems are all there is to say
        _raise_problems(_checked(kb, loaded, scenario_dir, conformance_dir)[0])
    verdict = beside(lambda: _checked(kb, [], scenario_dir, conformance_dir))
    browser = beside(lambda: _browser_data(kb)) if with_assets else None
    try:
        try:
            pages = _pages(kb, scenario_dir)
            if then is not None:
                then(kb, pages)
        except Exception:
            _raise_problems(verdict.result()[0])  # the check says why, when it can
            raise
        problems, warnings = verdict.result()
        _raise_problems(problems)
    except BaseException:
        if browser is not None:
            browser.discard()
        raise
    if not with_assets:
        return kb, pages, warnings
    return kb, pages, warnings, browser.result()


def _checked(kb, loaded: list, scenario_dir: Path, conformance_dir: Path | None) -> tuple[list[str], list[str]]:
    """``kb check`` on the loaded knowledge base (without the cases' coverage, which is
    ``kb check``'s own): its problems and content warnings as text."""
    from kb.knowledge.check_content import ContentProblem
    found = check_loaded(kb, loaded, scenario_dir, conformance_dir, coverage=False)
    problems = [str(p) for p in found if not isinstance(p, ContentProblem)]
    warnings = [str(p) for p in found if isinstance(p, ContentProblem)]
    return problems, warnings


def _browser_data(kb) -> dict[str, str]:
    """The browser data (:func:`kb.site.export.files`) of a knowledge base the check passes."""
    from kb.site import export
    return export.files(kb)


def _raise_problems(problems: list[str]) -> None:
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:50])
        raise KnowledgeBaseProblems(f"Kunnskapsbasen har {len(problems)} problem(er):\n{listing}")


def _pages(kb, scenario_dir: Path) -> dict[str, str]:
    """Every generated page of a loaded knowledge base (path → Markdown)."""
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
                raise KnowledgeBaseProblems(f"siden {path} lages to ganger ({name})")
            pages[path] = content
    if scenario_dir.is_dir():
        for path in sorted(scenario_dir.glob("*.md")):
            pages[f"e-laering/{path.name}"] = path.read_text(encoding="utf-8")
        index = pages.get("e-laering/index.md")
        if index is not None:
            pages["e-laering/index.md"] = index.rstrip() + "\n\n" + _scenario_list(scenario_dir, kb) + "\n"
    return pages


def _scenario_list(folder: Path, kb) -> str:
    """The list of scenarios for the E-læring start page, with the services each concerns."""
    from kb.reading.scenario_pages import scenarios
    lines = []
    for s in scenarios(folder):
        names = ", ".join(f"[{escape_md(kb.tjenester[t].navn)}](../tjenester/{t}.md)"
                          for t in s.tjenester if t in kb.tjenester)
        lines.append(f"- [{escape_md(s.tittel)}]({s.fil}): {escape_md(s.tema)}" + (f" ({names})" if names else ""))
    return "\n".join(lines)


