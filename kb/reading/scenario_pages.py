"""The e-learning scenarios in ``scenarios/``: their titles and the services they concern.

Each scenario page starts with YAML front matter (``title``, ``tjenester``, ``tema``), read
safely. The site links every scenario from the services it names.
"""

from __future__ import annotations

import os
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
