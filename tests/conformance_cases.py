"""The conformance suite's cases: the code lives in :mod:`kb.knowledge.conformance` (``kb check``
runs the cases too); this module keeps the tests' import path and loads the live knowledge base for
them (the package's wings never load one themselves)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kb.knowledge.conformance import (COMMANDS, CONFORMANCE_DIR, ENGINES, Case, ConformanceError,  # noqa: F401
                                      compare, json_ready, load_from, passages, run_case)
from kb.knowledge.loader import DATA_DIR, load_kb_or_raise
from kb.reading.yamlfile import Problem


@lru_cache(maxsize=4)
def _load_all(folder: str, data: str) -> tuple[tuple[Case, ...], tuple[Problem, ...]]:
    cases, problems = load_from(load_kb_or_raise(data), Path(folder))
    return tuple(cases), tuple(problems)


def all_cases(folder: Path = CONFORMANCE_DIR, data: Path = DATA_DIR) -> list[Case]:
    """Every case under ``folder``; :class:`ConformanceError` lists every problem with file:line."""
    cases, problems = _load_all(str(folder), str(data))
    if problems:
        raise ConformanceError(list(problems))
    return list(cases)


def load_cases(kommando: str, folder: Path = CONFORMANCE_DIR) -> list[tuple[str, dict, dict]]:
    """``(id, inndata, forventet)`` for every case of ``kommando`` (``evaluate`` or ``procedure``)."""
    if kommando not in COMMANDS:
        raise ValueError(f"kommando skal være en av {COMMANDS}")
    return [(c.id, c.inndata, c.forventet) for c in all_cases(folder) if c.kommando == kommando]
