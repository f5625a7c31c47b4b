"""Pytest plugin: Sybil checks the answers on scenario pages and runs the examples in docs
pages and docstrings.

Loaded with ``-p tests.sybil_plugin`` (see ``pyproject.toml``). Scenario pages write their
expected answers in ```` ```vurdering ```` blocks, each checked against the evaluator or the
Oslo procedure (:mod:`kb.knowledge.vurdering`). Docs pages for maintainers may use fences whose info
string is exactly ``python``: those run as tests (docs/utviklere/arkitektur.md has one). ``tests/test_scenarios.py``
counts the checked answers per page so a page cannot silently lose them.
"""

from __future__ import annotations

from pathlib import Path

from sybil import Document, Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

MARKDOWN_PATTERNS = ("scenarios/*.md", "docs/*.md", "docs/*/*.md")
PYTHON_PATTERNS = ("kb/*.py", "kb/*/*.py", "kb/*/*/*.py")
ROOT = str(Path(__file__).resolve().parent.parent)


def _setup(namespace: dict) -> None:
    """Every docs page's Python examples start with the helpers for case blocks."""
    from kb.site import scenario_tools
    namespace.update({name: getattr(scenario_tools, name) for name in scenario_tools.__all__})


class PageDocument(Document):
    """A Markdown page whose examples know their own file as ``__file__``."""

    @classmethod
    def parse(cls, path: str, *parsers, encoding: str = "utf-8") -> Document:
        document = super().parse(path, *parsers, encoding=encoding)
        document.namespace["__file__"] = path
        return document


def _check_vurdering(example) -> str | None:
    """Sybil evaluator: the written answer must be the tool's answer (a message when not)."""
    from kb.site.scenario_tools import check_vurdering
    return check_vurdering(example.parsed, example.document.text, example.path, example.line)


VURDERING = CodeBlockParser(language="vurdering", evaluator=_check_vurdering)
"""Collects the ```` ```vurdering ```` blocks (also those indented inside «Del 2»)."""

markdown = Sybil(parsers=[PythonCodeBlockParser(), VURDERING], patterns=MARKDOWN_PATTERNS, path=ROOT,
                 setup=_setup, name="markdown", document_types={".md": PageDocument})
docstrings = Sybil(parsers=[DocTestParser()], patterns=PYTHON_PATTERNS, path=ROOT, name="docstrings",
                   excludes=["kb/site/hooks.py"])

pytest_collect_file = (markdown + docstrings).pytest()
