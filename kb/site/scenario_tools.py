"""Helpers for the examples on scenario and documentation pages (run by Sybil).

A page's YAML case block is the input: :func:`case_from_page` reads the block that follows
a marker comment, so the example evaluates exactly what the reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.criteria.evaluate import Resultat, evaluate
from kb.knowledge.loader import load_kb_or_raise
from kb.reading.yamlfile import parse_yaml

__all__ = ["case_from_page", "evaluate_case", "procedure_case", "load_kb_or_raise", "evaluate"]

_BLOCK = re.compile(r"```yaml\n(?P<body>.*?)```", re.S)


def case_from_page(page: str | Path, name: str) -> dict:
    """The YAML case block on ``page`` introduced by ``<!-- sak: NAME -->``."""
    page = Path(page)
    if not page.is_absolute() and not page.exists():
        page = Path(__file__).resolve().parents[2] / page
    text = page.read_text(encoding="utf-8")
    marker = f"<!-- sak: {name} -->"
    start = text.find(marker)
    if start < 0:
        raise LookupError(f"fant ikke «{marker}» i {page}")
    match = _BLOCK.search(text, start)
    if match is None:
        raise LookupError(f"fant ingen ```yaml-blokk etter «{marker}» i {page}")
    data = parse_yaml(match.group("body"), page).data
    if not isinstance(data, dict):
        raise ValueError(f"saksblokken «{name}» i {page} er ikke en tabell")
    return data


def evaluate_case(page: str | Path, name: str) -> Resultat:
    """Evaluate the case block ``name`` on ``page`` against the real knowledge base."""
    return evaluate(case_from_page(page, name), load_kb_or_raise())


def procedure_case(page: str | Path, name: str) -> dict:
    """Answer the Oslo routine's questions for the case block ``name`` on ``page``."""
    from kb.oslo.procedure import answer
    return answer(case_from_page(page, name), load_kb_or_raise())
