"""What must never stand in text a person reads: a fact's name, a criterion's or rule's id, a raw
enum value (snake_case) or an ISO date. Used by the tests of every person-facing surface."""

from __future__ import annotations

import re

SNAKE = re.compile(r"(?<![\w/.#-])[a-zæøå0-9]+_[a-zæøå0-9_]+(?![\w/-])")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _ids(kb) -> set[str]:
    ids = set(kb.opplysninger)
    for t in kb.tjenester.values():
        ids |= {k.kriterium for _, k in t.kriterier_med_overskrift()}
    ids |= set(kb.lovvilkar)
    oslo = getattr(kb, "oslo", None)
    if oslo is not None:
        ids |= set(getattr(oslo, "regler", {}) or {})
    return {i for i in ids if "_" in i or "-" in i}


def ids_in(text: str, kb) -> list[str]:
    """The ids, raw enum values and ISO dates in ``text`` (empty when it is plain)."""
    for mal in getattr(kb, "maler", {}).values():  # Oslo's own template names, e.g. «… fast sats_ikke …»
        text = text.replace(mal.navn, "")
    found = [m.group(0) for m in SNAKE.finditer(text)] + [m.group(0) for m in ISO_DATE.finditer(text)]
    for i in sorted(_ids(kb)):
        if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text):
            found.append(i)
    return sorted(set(found))
