"""Safe YAML reading that remembers where every value came from.

YAML is read with YAML 1.2 core meanings (:mod:`kb.reading.yaml12`), never with Python tags
(``!!python/object``). Only regular files are opened (a FIFO, socket or device path is refused
at once); files and standard input share one size limit and one decoding; alias expansion, nesting and integer size are bounded. The line of every mapping key
and sequence item is kept so that schema errors can be reported as ``file:line: message``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from kb.reading.yaml12 import REFUSED, Constructor12, Loader12

MAX_BYTES = 2_000_000
"""Files larger than this are refused (a knowledge-base file is a few kB)."""
MAX_DEPTH = 60
"""Nesting deeper than this is refused."""


class Problem(Exception):
    """One problem in one file, printable as ``file:line: message``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class YamlDoc:
    """A parsed YAML document with a map from data path to line number (1-based)."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: tuple) -> int | None:
        """The line of the value at ``loc`` (or of its nearest ancestor)."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def _refuse_depth(node: yaml.Node, depth: int, file: Path) -> None:
    if depth > MAX_DEPTH:
        raise Problem(file, node.start_mark.line + 1, f"for dyp nesting (over {MAX_DEPTH} nivåer)")


def _index_lines(node: yaml.Node, path: tuple, lines: dict, depth: int, file: Path) -> None:
    _refuse_depth(node, depth, file)
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else None
            lines[path + (k,)] = key.start_mark.line + 1
            _index_lines(value, path + (k,), lines, depth + 1, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _index_lines(item, path + (i,), lines, depth + 1, file)


class _Unusual(Exception):
    """The document has something :func:`_build` leaves to PyYAML's own construction."""


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


_SCALARS = {_STR: lambda loader, node: node.value,
            "tag:yaml.org,2002:null": lambda loader, node: None,
            "tag:yaml.org,2002:bool": Constructor12.construct_yaml_bool,
            "tag:yaml.org,2002:int": Constructor12.construct_yaml_int,
            "tag:yaml.org,2002:float": Constructor12.construct_yaml_float,
            "tag:yaml.org,2002:timestamp": Constructor12.construct_yaml_timestamp,
            REFUSED: Constructor12.construct_refused}
"""The loader's own builder for each core scalar tag (the same values and messages)."""


def _build(loader, node: yaml.Node, path: tuple, lines: dict, depth: int, file: Path) -> Any:
    """The value of ``node`` and the line of every key and item below it, in one pass: what
    :func:`_index_lines` and the loader's construction make, for a document of plain maps,
    sequences and scalars (about three times faster). Anything else raises :class:`_Unusual`."""
    _refuse_depth(node, depth, file)
    lines.setdefault(path, node.start_mark.line + 1)
    kind = type(node)
    if kind is yaml.ScalarNode:
        build = _SCALARS.get(node.tag)
        if build is None:
            raise _Unusual
        return build(loader, node)
    if kind is yaml.MappingNode and node.tag == _MAP:
        out: dict = {}
        seen: dict = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual
            key = _build(loader, key_node, (), {}, depth + 1, file)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nøkkelen «{shorten(str(key), 60)}» står to ganger (første gang på linje "
                                f"{seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
            where = path + (key_node.value,)
            lines[where] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, where, lines, depth + 1, file)
        return out
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items = []
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            items.append(_build(loader, item, path + (i,), lines, depth + 1, file))
        return items
    raise _Unusual


MAX_NODES = 100_000
"""A document whose values, with every alias expanded, number more than this is refused
(an "alias bomb" of a few hundred bytes can otherwise expand to gigabytes)."""


class _UniqueKeyLoader(Loader12):
    """Safe YAML 1.2 loader that rejects duplicate mapping keys instead of keeping the last one."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "nøkkelen kan ikke brukes som nøkkel", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nøkkelen «{shorten(str(key), 60)}» står to ganger (første gang på linje "
                                f"{seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _expanded_size(node: yaml.Node, path: Path) -> int:
    """How many nodes the document has with every alias expanded; refuses more than :data:`MAX_NODES`.

    Shared nodes (aliases) are counted once per use, but each distinct node is measured once,
    so an alias bomb is found in time linear in the document's size.
    """
    sizes: dict[int, int] = {}
    order: list[tuple[yaml.Node, bool]] = [(node, False)]
    while order:
        current, done = order.pop()
        key = id(current)
        if key in sizes and not done:
            continue
        children = ([n for pair in current.value for n in pair] if isinstance(current, yaml.MappingNode)
                    else list(current.value) if isinstance(current, yaml.SequenceNode) else [])
        if not done:
            sizes[key] = -1  # in progress (a recursive alias stays -1)
            order.append((current, True))
            order.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(max(sizes.get(id(c), 1), 1) for c in children)
        sizes[key] = total
        if total > MAX_NODES:
            raise Problem(path, current.start_mark.line + 1,
                          f"dokumentet blir for stort når aliasene (*navn) utvides (over {MAX_NODES:,} verdier)"
                          .replace(",", " "))
    return sizes[id(node)]


def too_large(max_bytes: int) -> str:
    """The message for a file over ``max_bytes`` (in MB or kB, whichever reads better).

    >>> too_large(2_000_000), too_large(100_000)
    ('filen er for stor (over 2 MB)', 'filen er for stor (over 100 kB)')
    """
    size = f"{max_bytes // 1_000_000} MB" if max_bytes >= 1_000_000 else f"{max_bytes // 1000} kB"
    return f"filen er for stor (over {size})"


def parse_yaml(text: str, path: Path | str = "<tekst>", max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Parse one YAML document safely (YAML 1.2 core, see :mod:`kb.reading.yaml12`); raise
    :class:`Problem` with file and line on error."""
    path = Path(path)
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise Problem(path, None, too_large(max_bytes))
    try:
        loader = _UniqueKeyLoader(text)
    except yaml.YAMLError as exc:
        raise Problem(path, None, f"ugyldig YAML: {shorten(str(exc), 200)}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(path, None, {})
        lines: dict[tuple, int] = {}
        data = _Unusual
        if "&" not in text:  # without an anchor there is no alias to expand, and no node met twice
            try:
                data = _build(loader, node, (), lines, 0, path)
            except _Unusual:
                lines.clear()
        else:
            _expanded_size(node, path)
        if data is _Unusual:
            _index_lines(node, (), lines, 0, path)
            data = loader.construct_document(node)
    except Problem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "ugyldig YAML"
        if "python/" in str(what) or (exc.problem and "could not determine a constructor" in exc.problem):
            what = f"taggen er ikke tillatt (bare vanlig YAML leses): {what}"
        else:
            what = f"ugyldig YAML: {what}"
        raise Problem(path, line, shorten(what, 300)) from None
    except yaml.YAMLError as exc:
        raise Problem(path, None, f"ugyldig YAML: {shorten(str(exc), 200)}") from None
    except RecursionError:
        raise Problem(path, None, "for dyp nesting") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an explicit tag on a bad value
        raise Problem(path, None, f"ugyldig verdi: {shorten(str(exc), 200)}") from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def decode(data: bytes, path: Path | str) -> str:
    """The text of a file's bytes: UTF-8 (a UTF-8 byte order mark is allowed); anything else,
    UTF-16 included, is a :class:`Problem` that says how to save the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        raise Problem(path, None, "filen er UTF-16, ikke UTF-8: lagre den som UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Problem(path, line, f"filen er ikke UTF-8 (byte {exc.start}): lagre den som UTF-8") from None
    if "\x00" in text:
        raise Problem(path, text[: text.index("\x00")].count("\n") + 1, "filen inneholder en null-byte")
    return text


def read_limited(stream: BinaryIO, path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` from ``stream``; more is a :class:`Problem` (reading stops there, so
    a device such as ``/dev/zero`` on standard input neither hangs nor fills the memory)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Problem(path, None, too_large(max_bytes))
    return data


NOT_REGULAR = {stat.S_IFDIR: "er en mappe, ikke en fil",
               stat.S_IFIFO: "er et navngitt rør (FIFO), ikke en vanlig fil",
               stat.S_IFSOCK: "er en sokkel, ikke en vanlig fil",
               stat.S_IFCHR: "er en enhet, ikke en vanlig fil",
               stat.S_IFBLK: "er en blokkenhet, ikke en vanlig fil"}
"""Why a path that is not a regular file is refused (by its file type)."""


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        reason = NOT_REGULAR.get(stat.S_IFMT(mode), "er ikke en vanlig fil")
        hint = "" if stat.S_ISDIR(mode) else " (les standard inn med «-»)"
        raise Problem(path, None, reason + hint)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; anything else (a folder, a FIFO, a
    socket, a device) is refused at once with a :class:`Problem`.

    The type is checked before opening (opening a device may have effects of its own), and again
    on the open file, which is opened without blocking: a FIFO swapped in between cannot make
    ``kb`` wait for a writer. Standard input is read with ``-`` instead.
    """
    try:
        _refuse_unless_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Problem(path, None, "filen finnes ikke") from None
    except OSError as exc:
        raise Problem(path, None, f"kan ikke lese filen: {exc.strerror}") from None
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_yaml(path: Path | str, max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Read and parse a YAML file; unreadable files, and paths that are not regular files, become
    a :class:`Problem`."""
    path = Path(path)
    stream = open_regular(path)
    try:
        with stream:
            data = read_limited(stream, path, max_bytes)
    except OSError as exc:
        raise Problem(path, None, f"kan ikke lese filen: {exc.strerror}") from None
    return parse_yaml(decode(data, path), path, max_bytes)


def read_yaml_stream(stream: BinaryIO, name: str = "<stdin>", max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Read and parse YAML from a binary stream (standard input) with the same limits as a file."""
    try:
        data = read_limited(stream, name, max_bytes)
    except OSError as exc:
        raise Problem(name, None, f"kan ikke lese: {exc.strerror}") from None
    return parse_yaml(decode(data, name), name, max_bytes)


def find_loc(data: Any, key: str, value: Any, loc: tuple = ()) -> tuple | None:
    """Path of the first mapping in ``data`` whose ``key`` equals ``value``."""
    if isinstance(data, dict):
        if data.get(key) == value:
            return loc
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return None
    for k, v in items:
        found = find_loc(v, key, value, loc + (k,))
        if found is not None:
            return found
    return None


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def relative_path(path: Path, root: Path) -> Path:
    """``path`` as the user should see it: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return Path(path)
