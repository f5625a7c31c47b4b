"""What every ``kb`` command shares: one runner that reads a case, loads the knowledge base,
computes, and prints JSON or a report; bad input is one line on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

from kb.reading.casefile import CaseError, one_line, read_case
from kb.reading.yamlfile import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


def fail(problem: Problem) -> int:
    """Print one clear line on stderr and return exit code 2."""
    sys.stderr.write(f"kb: {one_line(str(problem))}\n")
    return EXIT_BAD_INPUT


def load_kb_for_cli(data_dir):
    """The knowledge base for a command; its first problem becomes a :class:`Problem`."""
    from kb.knowledge.loader import KnowledgeBaseError, load_kb_or_raise
    try:
        return load_kb_or_raise(data_dir)
    except KnowledgeBaseError as exc:
        first = exc.problems[0]
        raise Problem(first.path, first.line,
                      f"kunnskapsbasen har feil (kjør «kb check»): {first.message}") from None


def run_case_command(args, compute: Callable[[Any, Any], Any], to_json: Callable[[Any], dict],
                     report: Callable[[Any, Any, dict], str], indent: int | None = None) -> int:
    """Read ``args.case``, load ``args.data``, run ``compute(case, kb)`` and print the result.

    ``--json`` prints ``to_json(result)`` (on one line unless ``indent``); otherwise ``report(result, kb, case)``.
    """
    try:
        doc = read_case(args.case)
        kb = load_kb_for_cli(args.data)
    except Problem as p:
        return fail(p)
    try:
        result = compute(doc.data, kb)
    except CaseError as exc:
        return fail(Problem(doc.path, doc.line_of(exc.loc) if exc.loc else None, str(exc)))
    if args.json:
        sys.stdout.write(json.dumps(to_json(result), ensure_ascii=False, indent=indent) + "\n")
    else:
        sys.stdout.write(report(result, kb, doc.data).rstrip("\n") + "\n")
    return EXIT_OK
