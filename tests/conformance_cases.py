"""The conformance suite's cases: the code lives in :mod:`kb.knowledge.conformance` (``kb check``
runs the cases too); this module keeps the tests' import path."""

from kb.knowledge.conformance import (COMMANDS, CONFORMANCE_DIR, ENGINES, Case, ConformanceError,  # noqa: F401
                                      all_cases, compare, json_ready, load_cases, load_from, passages,
                                      run_case)
