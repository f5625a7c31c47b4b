"""Reading a case file (``tjeneste``, ``kommune``, ``opplysninger`` / ``sak``) for the CLI.

Any problem becomes a :class:`kb.reading.yamlfile.Problem` naming the file and line, which the
CLI prints as one line on stderr with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from kb.reading.yamlfile import Problem, YamlDoc, read_yaml, read_yaml_stream, shorten, too_large

__all__ = ["CaseError", "NOT_A_MAPPING", "YES_NO", "Problem", "as_numbers_read", "checked_order", "one_line", "read_case",
           "reject_unknown_keys", "shorten", "shown"]


class CaseError(ValueError):
    """The case itself is wrong (unknown service, municipality or fact, wrong type).

    ``loc`` is the path of the bad value in the case data, for line numbers.
    """

    def __init__(self, message: str, loc: tuple = ()):
        super().__init__(message)
        self.loc = loc


def checked_order(data) -> list:
    """The keys of a mapping in the order both engines check them: sorted (by code point, as
    text), so the order a case was written in never changes which error comes first (a browser
    does not keep it: JavaScript puts keys like ``1`` first). Mirrored by ``kbCommon.checkedOrder``
    in ``docs/javascripts/kb-common.js``."""
    return sorted(data, key=str)


SAFE_INTEGER = 2**53
"""Whole numbers below this are exact in JavaScript (``Number.isSafeInteger``)."""


def as_numbers_read(value):
    """``value`` with its numbers as both engines hold them: JavaScript has one number type, so a
    float without a fractional part below :data:`SAFE_INTEGER` is a whole number (``14.0`` is 14,
    ``-0.0`` is 0) and a larger int is a float. Everything else is returned as it is (the same
    object when nothing changes)."""
    kind = type(value)
    if kind is float:
        if value.is_integer() and -SAFE_INTEGER < value < SAFE_INTEGER:
            return int(value)
        return value
    if kind is int:
        if -SAFE_INTEGER < value < SAFE_INTEGER:
            return value
        try:
            return float(value)
        except OverflowError:
            return float("inf") if value > 0 else float("-inf")
    if isinstance(value, dict):
        return {k: as_numbers_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_numbers_read(v) for v in value]
    return value


def reject_unknown_keys(data, allowed, loc: tuple = (), where: str = "") -> None:
    """Raise :class:`CaseError` for the first key of ``data`` (in :func:`checked_order`) that is
    not in ``allowed``.

    ``loc`` is the data path of ``data``; ``where`` names it in the message (e.g. ``i «sak»``).
    """
    for key in checked_order(data):
        if key not in allowed:
            raise CaseError(f"ukjent felt «{shorten(str(key), 40)}»{f' {where}' if where else ''} "
                            f"(tillatt: {', '.join(sorted(allowed))})", loc + (key,))


def shown(value, width: int = 40) -> str:
    """A value echoed in a message: its Python-like form, cut to a readable length."""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return shorten(repr(value), width)


YES_NO = {"ja": True, "nei": False}
"""How a caseworker writes yes and no in a case file (besides ``true``/``false``; any letter case,
spaces around allowed); ``kb evaluate`` and ``kb procedure`` both read it so."""

NOT_A_MAPPING = "saksfilen skal være en tabell (nøkkel: verdi), f.eks. «tjeneste: bpa»"
"""The message for a case file that is not a mapping."""


def one_line(text: str) -> str:
    """``text`` with every non-printable character escaped as ``repr`` writes it (one line)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


MAX_CASE_BYTES = 50_000
"""A case file larger than this is refused before it is parsed. A case is a few lines (a service,
a municipality, some facts): even with long comments it stays far below this, while a wrong file
of megabytes (a log, an export) would otherwise cost seconds and hundreds of MB to read. Files of
the knowledge base keep the larger limit :data:`kb.reading.yamlfile.MAX_BYTES`."""

CASE_TOO_LARGE = (f"saksfilen er for stor (over {MAX_CASE_BYTES // 1000} kB; en sak er noen få linjer "
                  "med tjeneste, kommune og opplysninger)")
"""The message for a case file over :data:`MAX_CASE_BYTES`."""


def read_case(path: Path | str) -> YamlDoc:
    """Read a case file safely; it must be a mapping. ``-`` reads standard input (same decoding,
    size limit and messages as a file). Only a regular file is opened: a FIFO, a socket, a
    device or a folder is refused at once (one line naming the path)."""
    try:
        if str(path) == "-":
            import sys
            doc = read_yaml_stream(sys.stdin.buffer, "<stdin>", MAX_CASE_BYTES)
        else:
            doc = read_yaml(path, MAX_CASE_BYTES)
    except Problem as problem:
        if problem.message == too_large(MAX_CASE_BYTES):
            raise Problem(problem.path, None, CASE_TOO_LARGE) from None
        raise
    if not isinstance(doc.data, dict):
        raise Problem(doc.path, 1, NOT_A_MAPPING)
    return doc
