"""The ``kb`` command: check the knowledge base, evaluate cases, answer procedure questions.

Exit codes: 0 success, 1 ``kb check`` found problems, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.loader import DATA_DIR

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        sys.stderr.write(f"kb: {message} (se «kb --help»)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _cmd_check(args) -> int:
    from kb.check import check
    _, problems = check(args.data)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(er) funnet.", file=sys.stderr)
        return EXIT_PROBLEMS
    print("Kunnskapsbasen er i orden.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (Norwegian help texts)."""
    parser = _Parser(
        prog="kb",
        description="Kunnskapsbase for tildeling av kommunale helse- og omsorgstjenester. "
                    "Resultatene er veiledende: saksbehandler avgjør.")
    parser.add_argument("--data", type=Path, default=DATA_DIR,
                        help="mappe med innholdet (standard: kb/data)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    p = sub.add_parser("check", help="kontroller hele kunnskapsbasen (skjema og kryssreferanser)")
    p.set_defaults(func=_cmd_check)
    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


_EXTRA_COMMANDS: list = []
"""Functions that add sub-commands (``evaluate``, ``procedure``)."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
