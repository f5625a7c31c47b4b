"""Pytest plugin: Sybil runs the examples in scenario pages, docs pages and docstrings.

Loaded with ``-p tests.sybil_plugin`` (see ``pyproject.toml``). Only fences whose info
string is exactly ``python`` are collected (see DESIGN.md, *Known pitfalls*); a test in
``tests/test_scenarios.py`` counts the examples per page so a page cannot silently lose them.
"""

from __future__ import annotations

from pathlib import Path

from sybil import Document, Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

MARKDOWN_PATTERNS = ("scenarios/*.md", "docs/*.md", "docs/*/*.md")
PYTHON_PATTERNS = ("kb/*.py", "kb/*/*.py", "kb/*/*/*.py")
ROOT = str(Path(__file__).resolve().parent.parent)


def _setup(namespace: dict) -> None:
    """Every page starts with the helpers the scenarios use."""
    from kb.site import scenario_tools
    namespace.update({name: getattr(scenario_tools, name) for name in scenario_tools.__all__})


class PageDocument(Document):
    """A Markdown page whose examples know their own file as ``__file__``."""

    @classmethod
    def parse(cls, path: str, *parsers, encoding: str = "utf-8") -> Document:
        document = super().parse(path, *parsers, encoding=encoding)
        document.namespace["__file__"] = path
        return document


markdown = Sybil(parsers=[PythonCodeBlockParser()], patterns=MARKDOWN_PATTERNS, path=ROOT,
                 setup=_setup, name="markdown", document_types={".md": PageDocument})
docstrings = Sybil(parsers=[DocTestParser()], patterns=PYTHON_PATTERNS, path=ROOT, name="docstrings",
                   excludes=["kb/site/hooks.py"])

pytest_collect_file = (markdown + docstrings).pytest()
