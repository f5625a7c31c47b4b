"""Safe YAML reading that remembers where every value came from.

PyYAML's ``SafeLoader`` refuses Python tags (``!!python/object``); we also keep the
line of every mapping key and sequence item so that schema errors can be reported
as ``file:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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


def _index_lines(node: yaml.Node, path: tuple, lines: dict, depth: int, file: Path) -> None:
    if depth > MAX_DEPTH:
        raise Problem(file, node.start_mark.line + 1, f"for dyp nesting (over {MAX_DEPTH} nivåer)")
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


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml's C parser when installed) that rejects duplicate mapping keys
    instead of keeping the last one."""

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
                    None, None, f"nøkkelen «{key}» står to ganger (første gang på linje {seen[key]})",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        """A date such as ``2026-13-01`` is an error with a line, not a ``ValueError``."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"ugyldig dato «{node.value}» (skriv ÅÅÅÅ-MM-DD)", node.start_mark) from None


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


def parse_yaml(text: str, path: Path | str = "<tekst>") -> YamlDoc:
    """Parse one YAML document safely; raise :class:`Problem` with file and line on error."""
    path = Path(path)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise Problem(path, None, f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)")
    try:
        loader = _UniqueKeyLoader(text)
    except yaml.YAMLError as exc:
        raise Problem(path, None, f"ugyldig YAML: {' '.join(str(exc).split())}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(path, None, {})
        lines: dict[tuple, int] = {}
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
        raise Problem(path, line, what) from None
    except yaml.YAMLError as exc:
        raise Problem(path, None, f"ugyldig YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise Problem(path, None, "for dyp nesting") from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def read_yaml(path: Path | str) -> YamlDoc:
    """Read and parse a YAML file; unreadable files become a :class:`Problem`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Problem(path, None, f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Problem(path, None, "filen finnes ikke") from None
    except IsADirectoryError:
        raise Problem(path, None, "er en mappe, ikke en fil") from None
    except UnicodeDecodeError as exc:
        raise Problem(path, None, f"filen er ikke UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise Problem(path, None, f"kan ikke lese filen: {exc.strerror}") from None
    return parse_yaml(text, path)


def relative_path(path: Path, root: Path) -> Path:
    """``path`` as the user should see it: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return Path(path)
