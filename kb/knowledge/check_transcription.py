"""``kb check`` on the transcription of the regional criteria: every bullet of a service's part of
the OCR text is one item in its file.

A service file of the first criteria set names its part of the source in its header comment
(``# Kilde: <fil>, linje A–B``). The bullets there (``e``, ``o``, ``&``, ``•``, ``©``, ``«`` or
``a)`` … ``k)`` at the start of a line, as the OCR renders the bullet glyphs) are counted per
section heading and compared with the section's bullets in the data: its ``Punkt`` items and the
criteria written as a bullet (``form: punkt``). A criterion that restates what a paragraph
already says has ``form: avledet`` and is not counted; an added criterion that is neither is
reported here, where an editor sees it, rather than first in the test suite.

    >>> bool(BULLET.match("e Søker har behov for hjelp"))
    True
    >>> bool(BULLET.match("Søker har behov"))
    False
"""

from __future__ import annotations

import re

from kb.criteria.models import Kriterium
from kb.knowledge.loader import KnowledgeBase
from kb.knowledge.sourcelines import source_lines
from kb.reading.schema import Punkt

BULLET = re.compile(r"^\s*(e|o|&|•|©|«)\s+\S|^\s*[a-k]\)\s")
"""A bullet line in the OCR text."""
RANGE = re.compile(r"^# Kilde: (?P<fil>\S+), linje (?P<fra>\d+)[–-](?P<til>\d+)", re.M)
"""The header comment of a service file that names its part of the source."""


def _fold(text: str) -> str:
    """A heading as letters only, with å/ø/æ as the OCR renders them (a, g, ae)."""
    return re.sub("[^a-z]", "", text.lower().replace("å", "a").replace("ø", "g").replace("æ", "ae"))


def _own_bullets(section) -> int:
    return sum(1 for i in section.innhold if isinstance(i, Punkt) or (isinstance(i, Kriterium) and i.form == "punkt"))


def _bullets(section) -> int:
    return _own_bullets(section) + sum(_bullets(s) for s in section.underseksjoner)


def check_transcription(kb: KnowledgeBase, r) -> None:
    """Bullet counts per section of every first-set service that names its source lines."""
    for sid, t in kb.tjenester.items():
        key = f"tjeneste:{sid}"
        path = kb.files.get(key)
        m = RANGE.search(path.read_text(encoding="utf-8")) if path else None
        if not m or m.group("fil") not in {d.fil for d in kb.kilder.values()}:
            continue
        lines = source_lines(kb.root / "kilder" / m.group("fil"))
        a, b = int(m.group("fra")), int(m.group("til"))
        sections = list(enumerate(t.seksjoner))
        heads = {_fold(s.overskrift): (i, s) for i, s in sections}
        counts: dict[str, int] = {}
        current = None
        for line in lines[a - 1:b]:
            folded = _fold(line.split(":")[0]) if line.strip().endswith(":") else _fold(line)
            if folded in heads:
                current = folded
                counts.setdefault(current, 0)
            elif current and BULLET.match(line):
                counts[current] += 1
        in_source = sum(1 for line in lines[a - 1:b] if BULLET.match(line))
        in_data = sum(_bullets(s) for s in t.seksjoner)
        if not counts:
            if in_data != in_source:
                r.at(key, (), f"{in_data} punkter i dataene, {in_source} i kilden (linje {a}–{b}). Legg til "
                              "punktet som mangler, eller gi et kriterium som gjentar tekst som alt står i "
                              "avsnittet «form: avledet»")
            continue
        for folded, n in counts.items():
            i, s = heads[folded]
            have = _bullets(s)
            if have != n:
                r.at(key, ("seksjoner", i), f"«{s.overskrift}» har {have} punkter i dataene og {n} i kilden "
                                            f"(linje {a}–{b}). Legg til punktet som mangler, eller gi et kriterium "
                                            "som gjentar tekst som alt står i avsnittet «form: avledet»")
