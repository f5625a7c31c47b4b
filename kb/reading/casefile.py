"""Reading a case file (``tjeneste``, ``kommune``, ``opplysninger`` / ``sak``) for the CLI.

Any problem becomes a :class:`kb.reading.yamlfile.Problem` naming the file and line, which the
CLI prints as one line on stderr with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from kb.reading.yamlfile import Problem, YamlDoc, parse_yaml, read_yaml


NOT_A_MAPPING = "saksfilen skal være en tabell (nøkkel: verdi), f.eks. «tjeneste: bpa»"
"""The message for a case file that is not a mapping."""


def read_case(path: Path | str) -> YamlDoc:
    """Read a case file safely; it must be a mapping. ``-`` reads standard input."""
    if str(path) == "-":
        import sys
        doc = parse_yaml(sys.stdin.read(), "<stdin>")
    else:
        doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise Problem(doc.path, 1, NOT_A_MAPPING)
    return doc


def one_line(text: str) -> str:
    """``text`` with every non-printable character escaped as ``repr`` writes it (one line)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def fail(problem: Problem) -> int:
    """Print one clear line on stderr and return exit code 2."""
    import sys
    sys.stderr.write(f"kb: {one_line(str(problem))}\n")
    return 2


def load_kb_for_cli(data_dir):
    """The knowledge base for a command; its first problem becomes a :class:`Problem`."""
    from kb.knowledge.loader import KnowledgeBaseError, load_kb_or_raise
    try:
        return load_kb_or_raise(data_dir)
    except KnowledgeBaseError as exc:
        first = exc.problems[0]
        raise Problem(first.path, first.line,
                      f"kunnskapsbasen har feil (kjør «kb check»): {first.message}") from None


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
