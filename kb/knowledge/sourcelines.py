"""Do the cited lines of a source text hold the words the knowledge base quotes?

Every criterion names the lines of its source text where its words stand (``linjer``), and so
does the source passage behind a service's ``lovpalagt``. The regional source is an OCR text
with garbled æ/ø/å (``gnsker`` for ønsker, ``pa`` for på, ``3``/``8``/``@`` for å, ``|`` for I),
so the comparison is tolerant: both texts are folded to a skeleton that drops the vowels,
æ/ø/å and the characters OCR puts in their place, and most of the quoted text's longer words
must be found in the folded lines.

    >>> fold_words("Søker ønsker å bo på institusjon")
    ['skr', 'nskr', 'b', 'p', 'nsttsjn']
    >>> fold_words("Sgker gnsker & bo pa institusjon")
    ['skr', 'nskr', 'b', 'p', 'nsttsjn']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kb.reading.schema import Linjer

DROPPED = frozenset("aeiouyæøåg z38@&d|")
"""Vowels, æ/ø/å and their OCR stand-ins (``g``/``@`` for ø, ``z`` for æ, ``3``/``8``/``&``/``d``
for å, ``|`` for I): dropped from both texts before comparing."""
WORD = re.compile(r"[\w@&|§]+")
LONG_WORD = 5
"""Words of at least this many letters count in the comparison."""
SHARE = 0.8
"""Share of the quoted text's longer words that must be found in the lines."""
CHARS_PER_LINE = 50
"""A range may have at most ``len(text) / CHARS_PER_LINE + 2`` lines (no padding)."""


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """One word's skeleton: lowercase, without vowels, æ/ø/å and their OCR stand-ins."""
    w = word.lower()
    if w.isdigit():
        return w
    return "".join(c for c in w if c not in DROPPED)


def fold_words(text: str) -> list[str]:
    """The non-empty skeletons of the words of ``text``, in order."""
    return [f for f in (fold(w) for w in WORD.findall(text)) if f]


@lru_cache(maxsize=8)
def source_lines(path: Path) -> tuple[str, ...]:
    """The lines of a source text file."""
    return tuple(path.read_text(encoding="utf-8").splitlines())


def mismatch(lines: tuple[str, ...], linjer: Linjer, text: str, name: str) -> str | None:
    """Why ``text`` does not stand at ``linjer`` of ``lines`` (``name`` is the file), or None."""
    if linjer.til > len(lines):
        return f"{linjer.tekst()} er utenfor kildeteksten «{name}» ({len(lines)} linjer)"
    span = lines[linjer.fra - 1:linjer.til]
    where = f"{name}, {linjer.tekst()}"
    if len(span) > len(" ".join(text.split())) / CHARS_PER_LINE + 2:
        return f"{where} er flere linjer enn teksten trenger: oppgi bare linjene der ordene står"
    found = set(fold_words(" ".join(span)))
    words = [w for w in WORD.findall(text) if sum(c.isalpha() for c in w) >= LONG_WORD] or WORD.findall(text)
    missing = [w for w in words if fold(w) and fold(w) not in found]
    if len(words) - len(missing) < SHARE * len(words):
        shown = ", ".join(f"«{w}»" for w in missing[:5])
        return (f"teksten står ikke i {where}: {len(missing)} av {len(words)} ord mangler der "
                f"({shown}{' …' if len(missing) > 5 else ''})")
    own = set(fold_words(text))
    for edge, line in (("første", span[0]), ("siste", span[-1])):
        if not any(_alike(a, b) for a in own for b in fold_words(line)):
            return f"{where}: den {edge} linjen har ingen ord fra teksten"
    return None


def _alike(a: str, b: str) -> bool:
    """Equal skeletons, or one a prefix of the other (an OCR letter stuck to a word: «behovw»)."""
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))


def check_source_lines(kb, r) -> None:
    """Every criterion has ``linjer`` and its words stand there; so does the source passage
    behind each service's ``lovpalagt`` (``r`` is ``kb check``'s reporter)."""
    for key, t, _ in kb.tjenester_med_nokkel():  # every criteria set's services
        for k in t.kriterier():
            dokument = (k.kilde or t.kilde).dokument
            if k.linjer is None:
                r.criterion(t, k.kriterium, ("kriterium",),
                            f"kriteriet «{k.kriterium}» mangler «linjer» (linjene i kildeteksten der ordene står)", key)
                continue
            problem = _passage_problem(kb, dokument, k.linjer, k.tekst)
            if problem:
                r.criterion(t, k.kriterium, ("linjer",), f"kriteriet «{k.kriterium}»: {problem}", key)
        g = t.lovpalagt_grunnlag
        if g.kilde is not None and g.linjer is not None:
            problem = _passage_problem(kb, g.kilde.dokument, g.linjer, g.sitat)
            if problem:
                r.at(key, ("lovpalagt_grunnlag", "linjer"), f"lovpalagt_grunnlag: {problem}")


def _passage_problem(kb, dokument: str, linjer: Linjer, text: str) -> str | None:
    if dokument not in kb.kilder:
        return None  # reported as an unknown document elsewhere
    path = kb.kildefil(dokument)
    if not path.is_file():
        return None  # reported as a missing source text elsewhere
    return mismatch(source_lines(path), linjer, text, path.name)
