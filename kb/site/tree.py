"""Generation as its own step: everything the site makes from the knowledge base, written to a folder.

``kb site [--ut MAPPE]`` (and :func:`write_tree`) loads and checks the knowledge base **once** and
writes into the build folder (default ``build/generert/``, outside ``docs/`` and git-ignored):

* ``docs/``: every generated page (Markdown; the e-learning pages with their cases already
  rendered) and the browser data (``evaluator/…js``, see :mod:`kb.site.export`);
* ``nav.json``: the nav fragment, the generated pages of each section folder (grouped by first
  letter in a long section), appended by the build to the section holding the folder's ``index.md``;
* ``sider.json``: per page, what is swapped in after Markdown (the e-learning answer boxes) and
  what the page tells the search index;
* ``kilde.json``: the content it was made from (folders and a fingerprint of their files and of
  the generator's code) and the content warnings (answers that no longer follow the data).

``mkdocs build`` reads the folder through :mod:`kb.site.hooks`, which loads no knowledge base. When
the folder is missing or was made from other content (an edit under ``make serve``, a fresh clone,
another ``KB_DATA_DIR``), the hook runs this step itself first, so a plain ``mkdocs build`` and the
live preview stay complete. Another site tool can read ``docs/`` and ``nav.json`` directly (see the
architecture page for what Zensical builds from it).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kb.site.problems import KnowledgeBaseProblems

ROOT = Path(__file__).resolve().parents[2]
CODE_DIR = ROOT / "kb"
"""The package ``kb``: a change of the generator's code also makes the folder out of date."""
DATA_DIR = CODE_DIR / "data"
"""The same folder as :data:`kb.knowledge.loader.DATA_DIR` (not imported: reading a current folder
loads no knowledge-base code)."""
SCENARIO_DIR = ROOT / "scenarios"
"""The same folder as :data:`kb.reading.scenario_pages.SCENARIO_DIR`."""
DOCS_DIR = ROOT / "docs"
DEFAULT_DIR = ROOT / "build" / "generert"


NAV_GROUP_SIZE = 25
"""A nav section with more generated pages than this is split into groups by first letter,
so that each page renders only its own group (with ``navigation.prune``) and build time grows
linearly with the number of services."""

HREF = "kb-href:"
"""A link in an answer box to another page of the site, written ``kb-href:<side.md>``: the
build turns it into the page's relative address (the anchor, if any, follows as written) (which depends on ``use_directory_urls``, and the
file-share build sets that differently)."""
_HREF = re.compile(r"kb-href:([^\"'#\s]*)")


@dataclass
class Tree:
    """A generated folder as read back: pages, data files, nav fragment, per-page extras."""

    pages: dict[str, str]
    assets: dict[str, str]
    nav: dict[str, list]
    boxes: dict[str, list[str]]
    search: dict[str, dict | None]
    warnings: list[str]
    fingerprint: str = ""


@dataclass
class Source:
    """The content a folder is made from."""

    data_dir: Path = DATA_DIR
    scenario_dir: Path = SCENARIO_DIR
    docs_dir: Path = DOCS_DIR
    fingerprint: str = field(default="", init=False)

    def __post_init__(self):
        self.data_dir, self.scenario_dir, self.docs_dir = (Path(p).resolve() for p in
                                                           (self.data_dir, self.scenario_dir, self.docs_dir))
        self.fingerprint = fingerprint(self)


def fingerprint(source: Source) -> str:
    """A hash of the content files (their bytes), the names of the hand-written pages and the
    generator's code (size and time): equal fingerprints, equal generated folders."""
    h = hashlib.sha256()
    h.update(f"{source.data_dir}\0{source.scenario_dir}\0{source.docs_dir}\0".encode())
    for folder in (source.data_dir, source.scenario_dir):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    if source.docs_dir.is_dir():
        for path in sorted(source.docs_dir.rglob("*.md")):
            h.update(str(path.relative_to(source.docs_dir)).encode() + b"\0")
    for path in sorted(CODE_DIR.rglob("*")):
        if path.suffix in (".py", ".j2", ".html") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(CODE_DIR)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


DIR_VARIABLES = ("KB_DATA_DIR", "KB_SCENARIO_DIR", "KB_GENERATED_DIR")
"""The content folder, the scenario folder and the generated folder a build reads, when set."""


def folders_from_env() -> tuple[Path, Path, Path | None]:
    """The content, scenario and generated folders named by :data:`DIR_VARIABLES` (the
    repository's own, and None for the generated one, when unset): what ``mkdocs build`` reads."""
    data, scenarios, out = (os.environ.get(name) or None for name in DIR_VARIABLES)
    return Path(data or DATA_DIR), Path(scenarios or SCENARIO_DIR), Path(out) if out else None


def hand_written(docs_dir: Path) -> set[str]:
    """The hand-written pages under ``docs_dir`` (paths relative to it, with ``/``)."""
    if not docs_dir.is_dir():
        return set()
    return {str(p.relative_to(docs_dir)).replace(os.sep, "/") for p in docs_dir.rglob("*.md")}


def default_dir(source: Source) -> Path:
    """``build/generert`` for the repository's own content; a folder per content elsewhere (the
    benchmarks' synthetic sites, tests on a copy) in the temporary folder, so that builds of
    different content never share one."""
    if (source.data_dir, source.scenario_dir, source.docs_dir) == (DATA_DIR.resolve(), SCENARIO_DIR.resolve(),
                                                                   DOCS_DIR.resolve()):
        return DEFAULT_DIR
    key = hashlib.sha256(f"{source.data_dir}\0{source.scenario_dir}\0{source.docs_dir}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"kb-generert-{key}"


# --- making the tree ------------------------------------------------------------------------------

def _title(content: str, path: str) -> str:
    m = re.search(r"^title: (.*)$", content, re.M)
    if not m:
        return path
    raw = m.group(1).strip()
    try:
        return str(json.loads(raw))
    except ValueError:
        return raw.strip("'\"")


def _grouped(paths: list[str], pages: dict[str, str]) -> list:
    if len(paths) <= NAV_GROUP_SIZE:
        return paths
    titles = {p: _title(pages[p], p) for p in paths}
    groups: dict[str, list] = {}
    for path in sorted(paths, key=lambda p: titles[p].lower()):
        letter = (titles[path][:1] or "#").upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(path)
    return [{letter: _chunked(items, titles)} for letter, items in groups.items()]


def _chunked(paths: list[str], titles: dict[str, str]) -> list:
    """A letter's pages, in groups of at most :data:`NAV_GROUP_SIZE` (named by their first and
    last title) when there are more: no page's nav grows with the number of services."""
    if len(paths) <= NAV_GROUP_SIZE:
        return paths
    size = -(-len(paths) // -(-len(paths) // NAV_GROUP_SIZE))  # even groups, none above the limit
    return [{_range(titles[chunk[0]], titles[chunk[-1]]): chunk}
            for chunk in (paths[i:i + size] for i in range(0, len(paths), size))]


def _range(first: str, last: str) -> str:
    """A nav group's name from its first and last title: «Avlastning (kopi 1) – …(kopi 38)»
    (the last title from the word before where the two part)."""
    common = os.path.commonprefix([first, last])
    cut = first.rfind(" ", 0, first.rfind(" ", 0, len(common))) if " " in common else -1
    tail = last if cut <= 0 else "…" + last[cut + 1:]
    return first if first == last else f"{_short(first)} – {_short(tail)}"


def _short(title: str, width: int = 48) -> str:
    return title if len(title) <= width else title[:width - 1].rstrip() + "…"


def nav_fragment(pages: dict[str, str]) -> dict[str, list]:
    """Per folder (``tjenester/``), its generated pages other than ``index.md``, as nav entries."""
    folders: dict[str, list[str]] = {}
    for path in pages:
        if not path.endswith(".md") or "/" not in path:
            continue
        folder, name = path.rsplit("/", 1)
        if name != "index.md":
            folders.setdefault(folder + "/", []).append(path)
    return _with_criteria_sets({folder: _grouped(paths, pages) for folder, paths in folders.items()}, pages)


SETS_FOLDER = "kriteriesett/"
"""The criteria sets' pages (:mod:`kb.site.pages.criteria_sets`): in the nav below «Tjenester»."""


def _with_criteria_sets(fragment: dict[str, list], pages: dict[str, str]) -> dict[str, list]:
    """Below the services (``tjenester/``), a section «Kriteriesett» with the overview of the sets
    and, for each set with pages of its own (``kriteriesett/<set>/``), a section named by its
    index page's title holding that page and the set's services."""
    index = SETS_FOLDER + "index.md"
    if index not in pages:
        return fragment
    section: list = [index]
    for folder in [f for f in pages if f.startswith(SETS_FOLDER) and f.endswith("/index.md") and f != index]:
        own = folder[: -len("index.md")]
        section.append({_title(pages[folder], folder): [folder, *fragment.pop(own, [])]})
    fragment.setdefault("tjenester/", []).append({"Kriteriesett": section})
    return fragment


def make(source: Source, early=None) -> Tree:
    """Load and check the knowledge base once and make everything the site generates from it.
    ``early(pages)``, if given, receives the finished pages while the check still runs (to write
    them meanwhile).

    Raises :class:`KnowledgeBaseProblems` when ``kb check`` rejects the content.
    """
    from kb.knowledge.sourcelines import source_lines

    source_lines.cache_clear()  # a source text edited under «serve» is read again
    # The knowledge base and the pages make few reference cycles; the cyclic collector walking
    # the growing heap again and again costs a fifth of the time at 30 × the services.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _make(source, early)
    finally:
        if enabled:
            gc.enable()


def _make(source: Source, early=None) -> Tree:
    from kb.reading.yamlfile import Problem
    from kb.site import generate, search
    from kb.site.scenario_render import render_scenario

    boxes: dict[str, list[str]] = {}
    found: dict[str, dict | None] = {}

    def finish(kb, pages: dict[str, str]) -> None:
        """The e-learning pages with their cases rendered (and their answer boxes), and every
        page's search data: made while the check runs beside."""
        known = hand_written(source.docs_dir) | set(pages)
        for path in sorted(pages):
            if not path.startswith("e-laering/") or path == "e-laering/index.md":
                continue

            def href(target: str, anchor: str) -> str | None:
                return (f"{HREF}{target}" + (f"#{anchor}" if anchor else "")) if target in known else None

            try:
                rendered = render_scenario(pages[path], kb, href, f"scenarios/{path.split('/', 1)[1]}")
            except (LookupError, ValueError, Problem) as exc:
                raise KnowledgeBaseProblems(str(exc)) from None
            pages[path] = rendered.markdown
            if rendered.boxes:
                boxes[path] = rendered.boxes
        for path in sorted(known):
            info = search.page_search(kb, path)
            found[path] = asdict(info) if info is not None else None
        if early is not None:
            early(pages)

    kb, pages, warnings, assets = generate.generate_checked(source.data_dir, source.scenario_dir,
                                                           with_assets=True, then=finish)
    return Tree(pages, assets, nav_fragment(pages), boxes, found, warnings,
                source.fingerprint)


class _Folder:
    """A new folder made beside ``out`` and put in its place whole when complete (a file no
    longer generated does not linger, and a failed build leaves the old folder as it was)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=self.out.name + ".", dir=self.out.parent))

    def files(self, files: dict[str, str]) -> None:
        """Write generated files (path under ``docs`` → text)."""
        for path, content in files.items():
            target = self.tmp / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")

    def complete(self, tree: Tree, source: Source) -> None:
        """Write what describes the tree and put the folder in place of ``out``."""
        _dump(self.tmp / "nav.json", tree.nav)
        _dump(self.tmp / "sider.json", {"svar": tree.boxes, "sok": tree.search,
                                        "sider": list(tree.pages), "data": list(tree.assets)})
        _dump(self.tmp / "kilde.json", {"fingeravtrykk": tree.fingerprint, "data": str(source.data_dir),
                                        "scenarier": str(source.scenario_dir), "advarsler": tree.warnings})
        old = self.out.with_name(self.out.name + f".gammel-{os.getpid()}")
        if self.out.exists():
            self.out.rename(old)
        self.tmp.rename(self.out)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Remove what is left of the new folder (nothing, once it is in place)."""
        shutil.rmtree(self.tmp, ignore_errors=True)


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_tree(out: Path | None = None, source: Source | None = None) -> tuple[Tree, Path]:
    """Make the tree for ``source`` (the repository's content by default) and write it to ``out``."""
    source = source or Source()
    out = Path(out) if out is not None else default_dir(source)
    return _make_and_write(source, out), out


def _make_and_write(source: Source, out: Path) -> Tree:
    folder = _Folder(out)
    try:
        tree = make(source, early=folder.files)  # the pages are written while the check runs
        folder.files(tree.assets)
        folder.complete(tree, source)
    finally:
        folder.discard()
    return tree


# --- reading it back ------------------------------------------------------------------------------

def stamp(out: Path) -> str | None:
    """The fingerprint of the content the folder was made from, or None (no folder)."""
    try:
        return json.loads((Path(out) / "kilde.json").read_text(encoding="utf-8"))["fingeravtrykk"]
    except (OSError, ValueError, KeyError):
        return None


def read(out: Path) -> Tree:
    """The folder as written by :func:`write`."""
    out = Path(out)
    meta = json.loads((out / "kilde.json").read_text(encoding="utf-8"))
    extra = json.loads((out / "sider.json").read_text(encoding="utf-8"))
    docs = out / "docs"
    pages = {p: (docs / p).read_text(encoding="utf-8") for p in extra["sider"]}
    assets = {p: (docs / p).read_text(encoding="utf-8") for p in extra["data"]}
    nav = json.loads((out / "nav.json").read_text(encoding="utf-8"))
    return Tree(pages, assets, nav, extra["svar"], extra["sok"], meta["advarsler"], meta["fingeravtrykk"])


def current(source: Source, out: Path | None = None) -> Tree:
    """The tree for ``source``: read from ``out`` when it was made from the same content, else
    made (and written) now."""
    return current_or_made(source, out)[0]


def current_or_made(source: Source, out: Path | None = None) -> tuple[Tree, bool]:
    """:func:`current`, and whether the tree was made now (False: read from ``out``)."""
    out = Path(out) if out is not None else default_dir(source)
    if stamp(out) == source.fingerprint:
        try:
            return read(out), False
        except (OSError, ValueError, KeyError):
            pass  # half-written or from another version: make it again
    try:
        return _make_and_write(source, out), True
    except OSError:
        return make(source), True  # a read-only checkout still builds, from memory


def resolve_links(html: str, url_of) -> str:
    """Turn the ``kb-href:`` links of an answer box into addresses (``url_of(path)`` or None)."""
    def swap(m: re.Match) -> str:
        url = url_of(m.group(1))
        return "#" if url is None else url
    return _HREF.sub(swap, html)
