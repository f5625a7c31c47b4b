"""``kb site [--ut MAPPE] [--scenarier MAPPE] [--indekser NETTSTED]``: the generation step.

Writes every generated page, the nav fragment and the browser data into a build folder
(:mod:`kb.site.tree`) that ``mkdocs build`` reads; ``--indekser`` runs the Pagefind step over a
built site instead.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kb.cli.common import EXIT_OK, EXIT_PROBLEMS, fail
from kb.reading.yamlfile import Problem


def run_cli(args) -> int:
    """Write the generated folder (or, with ``--indekser``, index a built site)."""
    if args.indekser:
        return _index(Path(args.indekser))
    from kb.site import tree
    from kb.site.tree import KnowledgeBaseProblems
    t0 = time.perf_counter()
    try:
        source = tree.Source(args.data, args.scenarier) if args.scenarier else tree.Source(args.data)
        made, out = tree.write_tree(Path(args.ut) if args.ut else None, source)
    except KnowledgeBaseProblems as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        return fail(Problem(Path(args.ut or "build/generert"), None, f"kan ikke skrive: {exc.strerror}"))
    for warning in made.warnings:
        print(f"advarsel: {warning}", file=sys.stderr)
    print(f"Skrev {len(made.pages)} sider og {len(made.assets)} datafiler til {out} "
          f"på {time.perf_counter() - t0:.1f} s.")
    return EXIT_OK


def _index(site: Path) -> int:
    from kb.site import search
    if not (site / "index.html").is_file():
        return fail(Problem(site, None, "finner ikke et bygd nettsted her (index.html mangler; kjør «mkdocs build» først)"))
    t0 = time.perf_counter()
    try:
        search.build_index(site)
    except Exception as exc:  # PluginError from Pagefind: its own message
        return fail(Problem(site, None, str(exc)))
    print(f"Pagefind-indeksen ligger i {site / 'pagefind'} ({time.perf_counter() - t0:.1f} s).")
    return EXIT_OK
