"""Schemas for Oslo kommune's Gerica case-handling routine and its template catalogue.

Content lives in ``kb/data/oslo/``. :func:`load_oslo` is called by :mod:`kb.loader`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Literal

from kb.models import NonEmpty, Strict


class Mal(Strict):
    """A Gerica document template (sections 4.1–4.3 of the routine)."""

    id: int | None
    """Gerica id; ``None`` where the source gives none."""
    navn: NonEmpty
    gruppe: Literal["4.1", "4.2", "4.3"]
    bruksomrade: str = ""
    tidsavgrenset: Literal["Ja", "Nei", ""] | None = None
    vedtaksdokument: Literal["Ja", "Nei", ""] = ""
    kontroll_for_utsending: Literal["Ja", "Nei", ""] = ""

    @property
    def nokkel(self) -> str:
        """Key in the catalogue: the id as text, or the name when there is no id."""
        return str(self.id) if self.id is not None else self.navn


class OsloRutine(Strict):
    """Placeholder for the routine's sections and rules (filled in by the Oslo issue)."""

    tittel: NonEmpty


def load_oslo(folder: Path, kb, problems: list, read_many: Callable, read_one: Callable) -> None:
    """Load ``maler.yaml`` (and the routine) from ``folder`` into ``kb``."""
    path = folder / "maler.yaml"
    if path.exists():
        for _, mal in read_many(path, Mal):
            kb.maler[mal.nokkel] = mal
