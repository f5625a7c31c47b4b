"""``kb site [--ut MAPPE] [--scenarier MAPPE] [--indekser NETTSTED] [--bygg NETTSTED [--deler N]]``.

The generation step: writes every generated page, the nav fragment and the browser data into a
build folder (:mod:`kb.site.tree`) that ``mkdocs build`` reads. ``--bygg`` runs the MkDocs step
instead (``mkdocs build --strict``, in several processes at once for a large site, see
:mod:`kb.site.parts`), ``--indekser`` the Pagefind step over a built site.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kb.cli.common import EXIT_OK, EXIT_PROBLEMS, fail
from kb.reading.yamlfile import Problem


def run_cli(args) -> int:
    """Write the generated folder (or, with ``--indekser``, index a built site)."""
    if args.indekser:
        return _index(Path(args.indekser))
    if args.bygg:
        return _build(args)
    if args.deler is not None:
        return fail(Problem("kb site", None, "--deler hører til --bygg"))
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
    _say_generated(made, out, time.perf_counter() - t0, True)
    return EXIT_OK


def _say_generated(made, out: Path, seconds: float, written: bool) -> None:
    """The generation step's line: how many pages and data files were written to (or read from) ``out``."""
    where = f"Skrev {len(made.pages)} sider og {len(made.assets)} datafiler til" if written else \
        f"Leste {len(made.pages)} sider og {len(made.assets)} datafiler fra"
    print(f"{where} {out} på {seconds:.1f} s.")


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


def _build(args) -> int:
    """``mkdocs build --strict`` into ``args.bygg``, in parts at once when the site is large, and
    then the Pagefind step (unless ``KB_PAGEFIND=false``): ``make build`` in one command. The
    generated folder is made first when it is missing or out of date (once, not by every part).
    Each step says how long it took."""
    from kb.site import parts, search, tree
    if args.deler is not None and not 1 <= args.deler <= 64:
        return fail(Problem("kb site", None, f"--deler {args.deler}: velg et tall fra 1 til 64"))
    data, scenarios, out = tree.folders_from_env()  # as mkdocs build reads them; the options go first
    source = tree.Source(args.data if args.data != tree.DATA_DIR else data, args.scenarier or scenarios)
    out = Path(args.ut) if args.ut else out or tree.default_dir(source)
    t0 = time.perf_counter()
    try:
        made, written = tree.current_or_made(source, out)  # a folder made from the same content is read
    except tree.KnowledgeBaseProblems as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    _say_generated(made, out, time.perf_counter() - t0, written)
    count = args.deler or parts.default_count(len(made.pages) + len(tree.hand_written(source.docs_dir)))
    # the parts never index (each has only its own pages); the whole site is indexed below
    env = dict(os.environ, KB_DATA_DIR=str(source.data_dir), KB_SCENARIO_DIR=str(source.scenario_dir),
               KB_GENERATED_DIR=str(out.resolve()), KB_PAGEFIND="false")
    t0 = time.perf_counter()
    results = parts.build(Path(args.bygg), count, env, cwd=tree.ROOT, mkdocs_args=("--strict", "-q"))
    failed = [r for r in results if r.returncode != 0]
    for r in results:
        if r.output.strip():
            print((f"[del {r.index}] " if count > 1 else "") + r.output.rstrip(), file=sys.stderr)
    if failed:
        print(f"mkdocs build feilet i {len(failed)} av {count} deler; nettstedet er ikke satt sammen." if count > 1
              else "mkdocs build feilet.", file=sys.stderr)
        return EXIT_PROBLEMS
    each = f" ({', '.join(f'{r.seconds:.1f}' for r in results)} s hver)" if count > 1 else ""
    print(f"Bygde {args.bygg} i {count} del(er) på {time.perf_counter() - t0:.1f} s{each}.")
    # a site built with Material's own search (the offline build, KB_SEARCH=material) has its index
    material = (Path(args.bygg) / "search" / "search_index.json").is_file()
    if search.pagefind_after_build() and not material:
        return _index(Path(args.bygg))
    return EXIT_OK
