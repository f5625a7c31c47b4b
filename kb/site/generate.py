"""The site generator without MkDocs: a function from the knowledge base to ``{path: markdown}``.

:mod:`kb.site.hooks` adds these pages to a MkDocs build in memory; another static site tool
(e.g. Zensical, which reads ``mkdocs.yml`` but not hooks) can call :func:`generate_pages`
directly.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from kb.knowledge.check import check
from kb.knowledge.loader import DATA_DIR
from kb.reading.scenario_pages import SCENARIO_DIR
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


def generate_checked(data_dir: Path = DATA_DIR, scenario_dir: Path = SCENARIO_DIR, conformance_dir: Path | None = None):
    """The checked knowledge base, every generated page and the content problems («kb check»'s
    answers and quoted numbers that do not follow the data: the build shows them as warnings, so
    that ``mkdocs serve`` shows an edit while ``mkdocs build --strict`` fails on them)."""
    from kb.knowledge.check_content import ContentProblem
    kb, found = check(data_dir, scenario_dir, conformance_dir, coverage=False)  # the cases' coverage is kb check's
    problems = [p for p in found if not isinstance(p, ContentProblem)]
    warnings = [p for p in found if isinstance(p, ContentProblem)]
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:50])
        raise KnowledgeBaseProblems(f"Kunnskapsbasen har {len(problems)} problem(er):\n{listing}")
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
    return kb, pages, warnings


def _scenario_list(folder: Path, kb) -> str:
    """The list of scenarios for the E-læring start page, with the services each concerns."""
    from kb.reading.scenario_pages import scenarios
    lines = []
    for s in scenarios(folder):
        names = ", ".join(f"[{escape_md(kb.tjenester[t].navn)}](../tjenester/{t}.md)"
                          for t in s.tjenester if t in kb.tjenester)
        lines.append(f"- [{escape_md(s.tittel)}]({s.fil}): {escape_md(s.tema)}" + (f" ({names})" if names else ""))
    return "\n".join(lines)


