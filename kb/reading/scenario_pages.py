"""The e-learning scenarios in ``scenarios/``: their titles, services, cases and checked answers.

Each scenario page starts with YAML front matter (``title``, ``tjenester``, ``tema``), read
safely. The site links every scenario from the services it names. A page's cases are YAML
blocks introduced by ``<!-- sak: NAME -->``; its checked answers are ```` ```vurdering ````
blocks (see :mod:`kb.knowledge.vurdering`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kb.reading.yamlfile import Problem, parse_yaml

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
"""Default folder of scenario pages (repository checkout)."""


@dataclass(frozen=True)
class Scenario:
    """A scenario page: file name, title, theme and service ids."""

    fil: str
    tittel: str
    tema: str
    tjenester: tuple[str, ...]
    path: Path


def front_matter(text: str, path: Path) -> dict:
    """The YAML front matter of a Markdown page (``{}`` when there is none)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end < 0:
        raise Problem(path, 1, "front matter mangler avsluttende «---»")
    data = parse_yaml(text[4:end], path).data
    if not isinstance(data, dict):
        raise Problem(path, 1, "front matter skal være en tabell (nøkkel: verdi)")
    return data


def scenarios(folder: Path | None = None) -> list[Scenario]:
    """All scenario pages in ``folder`` (default: ``KB_SCENARIO_DIR`` or ``scenarios/``), sorted
    by file name, skipping ``index.md``."""
    folder = Path(folder or os.environ.get("KB_SCENARIO_DIR") or SCENARIO_DIR)
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        meta = front_matter(path.read_text(encoding="utf-8"), path)
        out.append(Scenario(path.name, str(meta.get("title", path.stem)), str(meta.get("tema", "")),
                            tuple(meta.get("tjenester", []) or []), path))
    return out


# --- blocks on a scenario page -------------------------------------------------------

_CASE = re.compile(r"^(?P<indent>[ \t]*)<!-- sak: (?P<name>[\w-]+) -->[ \t]*\n"
                   r"(?P=indent)```yaml[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
_VURDERING = re.compile(r"^(?P<indent>[ \t]*)```vurdering[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                        re.M | re.S)


@dataclass(frozen=True)
class Block:
    """A fenced block on a page: its name (case blocks), dedented body, span and indentation."""

    name: str
    body: str
    start: int
    end: int
    indent: str
    line: int
    """The line of the block's first body line (1-based)."""


def _blocks(pattern: re.Pattern, text: str) -> list[Block]:
    out = []
    for m in pattern.finditer(text):
        indent = m.group("indent")
        body = "".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                       for line in m.group("body").splitlines(keepends=True))
        line = text.count("\n", 0, m.start("body")) + 1
        name = m.groupdict().get("name") or ""
        out.append(Block(name, body, m.start(), m.end(), indent, line))
    return out


def case_blocks(text: str) -> list[Block]:
    """The case blocks (``<!-- sak: NAME -->`` followed by a ```` ```yaml ```` fence) on a page."""
    return _blocks(_CASE, text)


def vurdering_blocks(text: str) -> list[Block]:
    """The checked answers (```` ```vurdering ```` fences) on a page."""
    return _blocks(_VURDERING, text)
