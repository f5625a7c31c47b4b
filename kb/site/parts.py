"""A large site built by several ``mkdocs build`` processes at once, each rendering a part.

MkDocs renders pages one after the other in one process; a national site (thousands of service
pages) then waits on one core. ``kb site --bygg NETTSTED --deler N`` runs N ordinary
``mkdocs build --strict`` processes side by side with ``KB_DEL=k/N`` and puts their pages
together in ``NETTSTED``:

* every part reads the whole site (files, nav, the pages' titles and tags), so its pages' nav,
  footer links, tags and tag listing are those of the whole site;
* part ``k`` renders only its share of the pages (the others are left out with MkDocs' own
  inclusion levels, as ``draft_docs`` does); the pages of long generated sections (the services
  when there are more than :data:`kb.site.tree.NAV_GROUP_SIZE`) are dealt out by size, every
  other page, the theme's files and the data files are part 0's;
* part 0 builds into ``NETTSTED``, the others into folders beside it, each listing the pages it
  wrote in :data:`MANIFEST`; their pages are moved in when every part has passed.

Each part validates its own pages' links and their anchors on its own pages; an anchor on a page
another part renders is checked by the part that renders the same kind of page (the parts share
the generated templates). ``tests/test_site_parts.py`` proves the merged site equal, file by file,
to one ``mkdocs build``. Material's own search index needs every page in one process: a build
with ``KB_SEARCH=material`` (and the file-share build) runs in one part.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

PART_VARIABLE = "KB_DEL"
"""``k/N``: this ``mkdocs build`` renders part ``k`` (from 0) of ``N``."""

MANIFEST = "kb-del.json"
"""Written by a part other than 0 into its folder: the files it rendered."""

PAGES_PER_PART = 400
"""``--deler`` left out: one part per this many pages (at most one per core)."""

PAGE_WEIGHT = 4000
"""A page's cost beyond its Markdown, in bytes of Markdown (the theme's template and nav)."""

HEAD_START = 130
"""Part 0 also renders the API reference (mkdocstrings) and copies the theme's and the data files:
about as long as this many pages of the long sections take (measured at 100 × the services,
where the parts otherwise ended 6 s apart on two cores). It gets that many fewer of them."""


@dataclass(frozen=True)
class Part:
    """Which part of how many this build renders."""

    index: int
    count: int

    @classmethod
    def from_env(cls) -> "Part | None":
        """The part named by ``KB_DEL`` (None without it); a clear error for a wrong value."""
        value = os.environ.get(PART_VARIABLE, "").strip()
        if not value:
            return None
        try:
            index, count = (int(v) for v in value.split("/"))
        except ValueError:
            raise PluginError(f"{PART_VARIABLE}={value!r}: skriv delen som k/N, f.eks. 0/2") from None
        if not 0 <= index < count:
            raise PluginError(f"{PART_VARIABLE}={value!r}: delen k må være fra 0 til N-1")
        return cls(index, count)


def deal(weights: dict[str, int], split: set[str], count: int, head_start: int = 0) -> list[set[str]]:
    """The pages of each part: every page not in ``split`` is part 0's; the pages in ``split``
    go one by one, largest first, to the part with the least weight so far. Part 0 starts with
    ``head_start`` times the average weight of a page in ``split`` besides its own pages.

    >>> pages = {"a.md": 10, "t/x.md": 50, "t/y.md": 40, "t/z.md": 30}
    >>> [sorted(p) for p in deal(pages, {"t/x.md", "t/y.md", "t/z.md"}, 2)]
    [['a.md', 't/y.md', 't/z.md'], ['t/x.md']]
    >>> [sorted(p) for p in deal(pages, {"t/x.md", "t/y.md", "t/z.md"}, 2, head_start=2)]
    [['a.md', 't/z.md'], ['t/x.md', 't/y.md']]
    """
    parts: list[set[str]] = [set() for _ in range(count)]
    load = [0] * count
    if split:
        load[0] = head_start * sum(weights[p] for p in split) // len(split)
    for path, weight in weights.items():
        if path not in split:
            parts[0].add(path)
            load[0] += weight
    for path in sorted(split, key=lambda p: (-weights[p], p)):
        smallest = min(range(count), key=lambda i: (load[i], i))
        parts[smallest].add(path)
        load[smallest] += weights[path]
    return parts


def long_sections(generated: list[str], limit: int) -> set[str]:
    """The generated pages of folders holding more than ``limit`` of them (index pages excepted):
    the pages that grow with the number of services."""
    by_folder: dict[str, list[str]] = {}
    for path in generated:
        if not path.endswith("index.md"):
            by_folder.setdefault(path.rsplit("/", 1)[0] if "/" in path else "", []).append(path)
    return {p for pages in by_folder.values() if len(pages) > limit for p in pages}


def own_share(files, part: Part, generated: dict[str, str], limit: int) -> None:
    """Leave every file out of this build but this part's pages (and, for part 0, every other
    file)."""
    weights = {}
    for f in files.documentation_pages():
        text = generated.get(f.src_uri)
        size = len(text) if text is not None else _size(f.abs_src_path)
        weights[f.src_uri] = size + PAGE_WEIGHT
    mine = deal(weights, long_sections(list(generated), limit), part.count, HEAD_START)[part.index]
    for f in files:
        if f.is_documentation_page():
            keep = f.src_uri in mine
        else:
            keep = part.index == 0
        if not keep:
            f.inclusion = InclusionLevel.EXCLUDED


def _size(path: str | None) -> int:
    try:
        return os.path.getsize(path) if path else 0
    except OSError:
        return 0


def _tags_plugin(config):
    """Material's tags plugin in this build, or None."""
    return config.plugins.get("material/tags") or config.plugins.get("tags")


def read_left_out(files, config) -> None:
    """Give the pages this part leaves out what the whole site's nav, footer and tags need:
    their source (title and front matter) and their tags (Material's tags plugin collects them
    as a page is read)."""
    tags = _tags_plugin(config)
    for f in files:
        page = f.page
        if page is None or not f.is_documentation_page() or not f.inclusion.is_excluded():
            continue
        page.read_source(config)
        if tags is not None:  # the plugin reads only pages in the build: this one counts as one here
            f.inclusion = InclusionLevel.INCLUDED
            try:
                marked = tags.on_page_markdown(page.markdown, page=page, config=config, files=files)
            finally:
                f.inclusion = InclusionLevel.EXCLUDED
            if marked is not None and marked != page.markdown:  # the page holds a tag listing:
                page.content = ""  # it is filled (not rendered here), so the tags link to it


def order_tags(files, config) -> None:
    """Put the tags plugin's pages in the order one build reads them (the pages left out were
    read first), so that its export (``tags.json``) is the same file."""
    data = getattr(getattr(_tags_plugin(config), "mappings", None), "data", None)
    if not isinstance(data, dict):
        return
    order = {f.page.url: i for i, f in enumerate(files) if f.is_documentation_page() and f.page is not None}
    ordered = sorted(data.items(), key=lambda item: order.get(item[0], len(order)))
    data.clear()
    data.update(ordered)


def write_manifest(site_dir: Path, files, part: Part) -> None:
    """A part other than 0 lists the pages it wrote (relative to its folder)."""
    if part.index == 0:
        return
    written = sorted(f.dest_uri for f in files.documentation_pages() if not f.inclusion.is_excluded())
    (Path(site_dir) / MANIFEST).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")


# --- running the parts ----------------------------------------------------------------------------

def default_count(pages: int) -> int:
    """One part per :data:`PAGES_PER_PART` pages, at most one per core."""
    return max(1, min(os.cpu_count() or 1, -(-pages // PAGES_PER_PART)))


@dataclass
class PartResult:
    index: int
    folder: Path
    seconds: float
    returncode: int
    output: str


def build(site_dir: Path, count: int, env: dict[str, str] | None = None, cwd: Path | None = None,
          mkdocs_args: tuple[str, ...] = ("--strict",)) -> list[PartResult]:
    """Run ``mkdocs build`` in ``count`` parts at once into ``site_dir`` and put the pages
    together; every part's result (a failed part leaves ``site_dir`` as part 0 left it and
    moves nothing in)."""
    site_dir = Path(site_dir).resolve()
    env = dict(os.environ if env is None else env)
    if count <= 1:
        env.pop(PART_VARIABLE, None)
        return [_run_here(site_dir, env, mkdocs_args, cwd)]
    scratch = Path(tempfile.mkdtemp(prefix=site_dir.name + ".deler-", dir=site_dir.parent))
    try:
        jobs = [(k, site_dir if k == 0 else scratch / str(k), dict(env, **{PART_VARIABLE: f"{k}/{count}"}))
                for k in range(count)]
        results = _run_all(jobs, mkdocs_args, cwd)
        if all(r.returncode == 0 for r in results):
            for r in results[1:]:
                _move_pages(r.folder, site_dir)
        return results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_here(site_dir: Path, env: dict[str, str], mkdocs_args, cwd) -> PartResult:
    """One ``mkdocs build`` in this process (no second interpreter to start), with ``env`` and
    ``cwd`` in force while it runs; its messages go to the terminal as MkDocs writes them."""
    import click
    from mkdocs.__main__ import cli
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    t0 = time.perf_counter()
    try:
        os.environ.clear()
        os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        try:
            cli.main(args=["build", *mkdocs_args, "-d", str(site_dir)], prog_name="mkdocs", standalone_mode=False)
            code = 0
        except click.ClickException as exc:  # MkDocs' «Aborted with … in strict mode!» and the like
            exc.show()
            code = exc.exit_code or 1
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except click.exceptions.Abort:
            code = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return PartResult(0, site_dir, time.perf_counter() - t0, code, "")


def _run_all(jobs, mkdocs_args, cwd) -> list[PartResult]:
    running = []
    for index, folder, env in jobs:
        args = [sys.executable, "-m", "mkdocs", "build", *mkdocs_args, "-d", str(folder)]
        log = tempfile.TemporaryFile("w+", encoding="utf-8")  # a pipe could fill while another part is awaited
        running.append((index, folder, time.perf_counter(), log,
                        subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)))
    finished: dict[int, float] = {}
    while len(finished) < len(running):  # each part's own time, whichever ends first
        for index, _, t0, _, proc in running:
            if index not in finished and proc.poll() is not None:
                finished[index] = time.perf_counter() - t0
        time.sleep(0.05)
    results = []
    for index, folder, _, log, proc in running:
        with log:
            log.seek(0)
            results.append(PartResult(index, folder, finished[index], proc.returncode, log.read()))
    return results


def _move_pages(folder: Path, site_dir: Path) -> None:
    listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for rel in listed:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder / rel, target)
