"""The ``kb`` command: check the knowledge base, evaluate cases, answer procedure questions, write schemas,
generate the site's pages (``kb site``).

Exit codes: 0 success, 1 ``kb check`` found problems, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.knowledge.loader import DATA_DIR

from kb.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        sys.stderr.write(f"kb: {message} (se «kb --help»)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _cmd_check(args) -> int:
    from kb.knowledge.check import check
    for folder in (args.scenarier, args.konformitet):
        if folder is not None and not folder.is_dir():
            from kb.cli.common import fail
            from kb.reading.yamlfile import Problem
            return fail(Problem(folder, None, "mappen finnes ikke"))
    kb, problems = check(args.data, args.scenarier, args.konformitet)
    if not problems and Path(args.data).resolve() == DATA_DIR.resolve():
        # the committed editor schemas list the facts, services and criteria: they follow the data
        from kb.knowledge import editor_schemas as schemas
        problems = [f"kb/schemas/{name}: stemmer ikke med kunnskapsbasen (kjør «kb schema»)"
                    for name in schemas.stale(kb, schemas.SCHEMA_DIR)]
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
    p.add_argument("--scenarier", type=Path, metavar="MAPPE", help="mappe med e-læringscasene (standard: scenarios)")
    p.add_argument("--konformitet", type=Path, metavar="MAPPE",
                   help="mappe med konformitetstilfellene (standard: tests/conformance)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("evaluate", help="vurder en sak mot kriteriene for en tjeneste (veiledende)")
    p.add_argument("case", metavar="SAK.yaml", help="saksfil (tjeneste, kommune, opplysninger); - for stdin")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.set_defaults(func=_cmd_evaluate)
    p = sub.add_parser("procedure", help="svar på Oslo-rutinens spørsmål for en sak (vedtak, varsel, mal, klagefrist)")
    p.add_argument("case", metavar="SAK.yaml", help="saksfil (tjeneste, sak); - for stdin")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.set_defaults(func=_cmd_procedure)
    p = sub.add_parser("schema", help="skriv JSON-skjemaene som redigeringsverktøy validerer YAML-filene med")
    p.add_argument("--out", metavar="MAPPE", help="mappe å skrive til (standard: kb/schemas)")
    p.add_argument("--check", action="store_true",
                   help="bare sjekk at skjemaene stemmer med modellene (avslutningskode 1 ellers)")
    p.set_defaults(func=_cmd_schema)
    p = sub.add_parser("site", help="lag nettstedets genererte sider, navigasjon og nettleserdata (før mkdocs build)")
    p.add_argument("--ut", metavar="MAPPE", help="mappe å skrive til (standard: build/generert)")
    p.add_argument("--scenarier", type=Path, metavar="MAPPE", help="mappe med e-læringscasene (standard: scenarios)")
    p.add_argument("--indekser", metavar="NETTSTED",
                   help="lag i stedet Pagefind-søkeindeksen for et bygd nettsted (f.eks. site)")
    p.add_argument("--bygg", metavar="NETTSTED",
                   help="bygg i stedet hele nettstedet til NETTSTED: de genererte sidene (når de mangler eller er "
                        "utdaterte), mkdocs build --strict (i flere deler samtidig når det er stort) og "
                        "Pagefind-indeksen (ikke med KB_PAGEFIND=false)")
    p.add_argument("--deler", type=int, metavar="N",
                   help="med --bygg: antall mkdocs-prosesser (standard: én per 400 sider, høyst én per kjerne)")
    p.set_defaults(func=_cmd_site)
    return parser


def _cmd_evaluate(args) -> int:
    from kb.cli.evaluate import run_cli
    return run_cli(args)


def _cmd_procedure(args) -> int:
    from kb.cli.procedure import run_cli
    return run_cli(args)


def _cmd_site(args) -> int:
    from kb.cli.site import run_cli
    return run_cli(args)


def _cmd_schema(args) -> int:
    from kb.cli.schema import run_cli
    return run_cli(args)


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


def run() -> None:
    """The ``kb`` program: :func:`main`, then the process ends at once with its exit code.

    A national site's knowledge base and pages are millions of small objects; an interpreter
    that frees them one by one on its way out spends seconds (1.8 s at 100 × the services) on
    what the system does anyway when the process ends. Output is flushed first, and every file
    the commands write is closed by then. Callers in Python use :func:`main`."""
    import logging
    import os
    try:
        code = main()
    except SystemExit as exc:  # --help, or a usage error (already written)
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_BAD_INPUT)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
