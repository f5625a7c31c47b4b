"""Helpers for the checked examples on scenario and documentation pages (run by Sybil).

A page's YAML case block is the input: :func:`case_from_page` reads the block that follows
a marker comment ``<!-- sak: NAME -->``, so an example evaluates exactly what the reader sees.
Scenario pages check their answers with ```` ```vurdering ```` blocks (:func:`check_vurdering`);
documentation pages for maintainers may still use Python examples with these helpers.
"""

from __future__ import annotations

from pathlib import Path

from kb.criteria.evaluate import Resultat, evaluate
from kb.knowledge.loader import load_kb_or_raise
from kb.reading.scenario_pages import case_blocks
from kb.reading.yamlfile import parse_yaml

__all__ = ["case_from_page", "evaluate_case", "procedure_case", "load_kb_or_raise", "evaluate"]


def _resolve(page: str | Path) -> Path:
    page = Path(page)
    if not page.is_absolute() and not page.exists():
        page = Path(__file__).resolve().parents[2] / page
    return page


def case_from_text(text: str, name: str, page: str | Path = "<side>") -> dict:
    """The case block ``name`` in a page's text (a fresh copy each time)."""
    for block in case_blocks(text):
        if block.name == name:
            data = parse_yaml(block.body, page).data
            if not isinstance(data, dict):
                raise ValueError(f"saksblokken «{name}» i {page} er ikke en tabell")
            return data
    raise LookupError(f"fant ikke «<!-- sak: {name} -->» fulgt av en ```yaml-blokk i {page}")


def case_from_page(page: str | Path, name: str) -> dict:
    """The YAML case block on ``page`` introduced by ``<!-- sak: NAME -->``."""
    page = _resolve(page)
    return case_from_text(page.read_text(encoding="utf-8"), name, page)


def evaluate_case(page: str | Path, name: str) -> Resultat:
    """Evaluate the case block ``name`` on ``page`` against the real knowledge base."""
    return evaluate(case_from_page(page, name), load_kb_or_raise())


def procedure_case(page: str | Path, name: str) -> dict:
    """Answer the Oslo routine's questions for the case block ``name`` on ``page``."""
    from kb.oslo.procedure import answer
    return answer(case_from_page(page, name), load_kb_or_raise())


def check_vurdering(source: str, text: str, page: str | Path, line: int | None = None) -> str | None:
    """Check one ```` ```vurdering ```` block (``source``) of a page (``text``) against the real
    knowledge base: ``None`` when the tool gives the written answer, else what differs."""
    from kb.knowledge.vurdering import check, parse
    where = f"{page}:{line}" if line else str(page)
    v = parse(source, where)
    return check(v, case_from_text(text, v.sak, page), load_kb_or_raise(), where)
