"""``kb schema [--out DIR] [--check]``: write the JSON Schemas editors validate YAML files with."""

from __future__ import annotations

import sys
from pathlib import Path

from kb.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, load_kb_for_cli
from kb.reading.yamlfile import Problem


def run_cli(args) -> int:
    """Write (or, with ``--check``, compare) the schemas; 1 when ``--check`` finds stale ones."""
    from kb.knowledge.editor_schemas import SCHEMA_DIR, stale, write
    folder = Path(args.out) if args.out else SCHEMA_DIR
    try:
        kb = load_kb_for_cli(args.data)
    except Problem as p:
        return fail(p)
    if args.check:
        old = stale(kb, folder)
        for name in old:
            print(f"{folder / name}: stemmer ikke med modellene (kjør «kb schema»)")
        if old:
            return EXIT_PROBLEMS
        print(f"Skjemaene i {folder} stemmer med modellene.")
        return EXIT_OK
    try:
        changed = write(kb, folder)
    except OSError as exc:
        return fail(Problem(folder, None, f"kan ikke skrive skjemaene: {exc.strerror}"))
    for path in changed:
        print(f"skrev {path}")
    print(f"{len(changed)} skjema(er) endret i {folder}.", file=sys.stderr)
    return EXIT_OK
