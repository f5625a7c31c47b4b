"""Pytest plugin that records every case the evaluator tests pass to ``evaluate``.

Loaded with ``-p tests.case_recorder`` and ``KB_RECORD_CASES=<file>`` in a separate pytest run
(see :func:`tests.evaluator_cases.recorded_cases`): the cases written in
``tests/test_evaluate_*.py`` then also run through the browser engine. Only cases that are
JSON data (what a browser can be given) are kept; dates become ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import datetime as dt
import json
import os

_cases: list = []


def _as_json(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("key")
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_json(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(type(value).__name__)


def pytest_configure(config):
    """Wrap ``kb.criteria.evaluate.evaluate`` before the test modules import it."""
    import kb.criteria.evaluate as module
    original = module.evaluate

    def recording(case, kb=None):
        try:
            _cases.append(_as_json(case))
        except TypeError:
            pass
        return original(case, kb)

    module.evaluate = recording


def pytest_unconfigure(config):
    """Write the recorded cases (deduplicated, in order) to ``KB_RECORD_CASES``."""
    target = os.environ.get("KB_RECORD_CASES")
    if not target:
        return
    unique = list({json.dumps(c, sort_keys=True): c for c in _cases}.values())
    with open(target, "w", encoding="utf-8") as f:
        json.dump(unique, f, ensure_ascii=False)
