"""Reading a case file (``tjeneste``, ``kommune``, ``opplysninger`` / ``sak``) for the CLI.

Any problem becomes a :class:`kb.reading.yamlfile.Problem` naming the file and line, which the
CLI prints as one line on stderr with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from kb.reading.yamlfile import Problem, YamlDoc, read_yaml, read_yaml_stream, shorten

__all__ = ["CaseError", "NOT_A_MAPPING", "Problem", "one_line", "read_case", "reject_unknown_keys", "shorten", "shown"]


class CaseError(ValueError):
    """The case itself is wrong (unknown service, municipality or fact, wrong type).

    ``loc`` is the path of the bad value in the case data, for line numbers.
    """

    def __init__(self, message: str, loc: tuple = ()):
        super().__init__(message)
        self.loc = loc


def reject_unknown_keys(data, allowed, loc: tuple = (), where: str = "") -> None:
    """Raise :class:`CaseError` for the first key of ``data`` that is not in ``allowed``.

    ``loc`` is the data path of ``data``; ``where`` names it in the message (e.g. ``i «sak»``).
    """
    for key in data:
        if key not in allowed:
            raise CaseError(f"ukjent felt «{shorten(str(key), 40)}»{f' {where}' if where else ''} "
                            f"(tillatt: {', '.join(sorted(allowed))})", loc + (key,))


def shown(value, width: int = 40) -> str:
    """A value echoed in a message: its Python-like form, cut to a readable length."""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return shorten(repr(value), width)


NOT_A_MAPPING = "saksfilen skal være en tabell (nøkkel: verdi), f.eks. «tjeneste: bpa»"
"""The message for a case file that is not a mapping."""


def one_line(text: str) -> str:
    """``text`` with every non-printable character escaped as ``repr`` writes it (one line)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def read_case(path: Path | str) -> YamlDoc:
    """Read a case file safely; it must be a mapping. ``-`` reads standard input (same decoding,
    size limit and messages as a file)."""
    if str(path) == "-":
        import sys
        doc = read_yaml_stream(sys.stdin.buffer, "<stdin>")
    else:
        doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise Problem(doc.path, 1, NOT_A_MAPPING)
    return doc
