"""Rules as Norwegian sentences for the site («søker er under 67 år»), made from the fact
vocabulary's questions and units (``kb/data/opplysninger.yaml``).

:func:`kb.rules.describe.describe` stays the compact form for the command line
(``alder < 67``). Here a yes/no fact's question is turned into a statement («Har søker kognitiv
svikt?» → «søker har kognitiv svikt», negated «søker har ikke kognitiv svikt»); a question whose
subject cannot be found is quoted with the answer instead («svaret på «…» er ja»). A number
question «Hvor gammel er søker?» gives «søker er under 67 år».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from kb.rules.interpreter import NO_PARAMETERS
from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, ParameterRef, Sammenligning

SUBJECTS = ("søker", "barnet", "familien", "søknaden", "kommunen", "behovet", "det")
"""Words that open the subject of a question after its verb («Har *søker* …», «Venter *familien* …»)."""

_YES_NO = re.compile(r"^(?P<verb>\w+) (?P<subject>(?:" + "|".join(SUBJECTS) + r")\b(?:, [^,?]+,)?) ?(?P<rest>.*)\?$")
_TRIED = re.compile(r"^Er (?P<subject>.+?) (?P<tried>(?:tilstrekkelig )?(?:prøvd ut|utprøvd))(?P<tail>[^?]*)\?$")
_NUMBER = re.compile(r"^Hvor (?P<what>[^?]+?) er (?P<subject>\S+)(?: (?P<rest>[^?(]*?))?\s*(?:\([^)]*\))?\?$")

_AGE_WORDS = {"<": "under", "<=": "høyst", ">": "over", ">=": "minst", "==": "", "!=": "ikke"}
_AMOUNT_WORDS = {"<": "mindre enn", "<=": "høyst", ">": "mer enn", ">=": "minst", "==": "", "!=": "ikke"}


def _number(value) -> str:
    text = str(value)
    return text[:-2] if text.endswith(".0") else text.replace(".", ",")


def _statement(question: str, positive: bool) -> str | None:
    """«Har søker kognitiv svikt?» → «søker har kognitiv svikt» (or «søker har ikke …»)."""
    m = _TRIED.match(question.strip())
    if m:  # «Er tilpasning av egen bolig prøvd ut?» → «tilpasning av egen bolig er (ikke) prøvd ut»
        subject = m.group("subject")
        return f"{subject[0].lower()}{subject[1:]} er {'' if positive else 'ikke '}{m.group('tried')}{m.group('tail')}"
    m = _YES_NO.match(question.strip())
    if not m or m.group("verb").lower() == "hvor":
        return None
    verb, subject, rest = m.group("verb").lower(), m.group("subject"), m.group("rest")
    if not positive and ", eller " in rest:
        return None  # negating «står i fare for …, eller har …» would change its meaning
    words = [subject, verb] + ([] if positive else ["ikke"]) + ([rest] if rest else [])
    return " ".join(words)


def _comparison(regel: Sammenligning, vocabulary: Mapping, parametre: Mapping = NO_PARAMETERS) -> str:
    fact = vocabulary.get(regel.fakta)
    question = getattr(fact, "sporsmal", "") or ""
    value = regel.verdi
    if isinstance(value, ParameterRef):  # the parameter's value in force (its id when it has none)
        value = parametre.get(value.parameter, value.parameter)
    if isinstance(value, list):
        return f"svaret på «{question}» er {' eller '.join(map(str, value))}" if question else \
            f"{regel.fakta} er {' eller '.join(map(str, value))}"
    if isinstance(value, bool):
        positive = (regel.op == "==") == value
        said = _statement(question, positive) if question else None
        if said:
            return said
        answer = "ja" if positive else "nei"
        return f"svaret på «{question}» er {answer}" if question else f"{regel.fakta}: {answer}"
    unit = f" {fact.enhet}" if fact is not None and fact.enhet else ""
    amount = f"{_number(value)}{unit}"
    m = _NUMBER.match(question.strip())
    if m is None:
        words = _AMOUNT_WORDS.get(regel.op, regel.op)
        return f"svaret på «{question}» er {words} {amount}".replace("  ", " ") if question else \
            f"{regel.fakta} {regel.op} {amount}"
    rest = (m.group("rest") or "").strip()
    words = (_AMOUNT_WORDS if rest else _AGE_WORDS).get(regel.op, regel.op)
    parts = [m.group("subject"), "er"] + ([rest] if rest else []) + ([words] if words else []) + [amount]
    return " ".join(parts)


def _join(parts: list[str], word: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def sentence(regel, vocabulary: Mapping, criterion_text: Callable[[str], str] | None = None,
             parametre: Mapping = NO_PARAMETERS) -> str:
    """The rule as a Norwegian sentence (lower-case start, no full stop); parameters show the
    value in ``parametre``."""
    if isinstance(regel, Sammenligning):
        return _comparison(regel, vocabulary, parametre)
    if isinstance(regel, Alle):
        return _join([_inner(r, vocabulary, criterion_text, parametre) for r in regel.alle], "og")
    if isinstance(regel, Noen):
        parts = [_inner(r, vocabulary, criterion_text, parametre) for r in regel.noen]
        return parts[0] if len(parts) == 1 else "minst ett av dette: " + "; ".join(parts)
    if isinstance(regel, Ikke):
        inner = regel.ikke
        if isinstance(inner, Sammenligning) and isinstance(inner.verdi, bool):
            flipped = Sammenligning(fakta=inner.fakta, op="!=" if inner.op == "==" else "==", verdi=inner.verdi)
            return _comparison(flipped, vocabulary, parametre)
        return f"det er ikke slik at {_inner(inner, vocabulary, criterion_text, parametre)}"
    if isinstance(regel, KriteriumRef):
        text = criterion_text(regel.kriterium) if criterion_text else ""
        return f"kriteriet «{text}» er oppfylt" if text else "et annet kriterium på siden er oppfylt"
    from kb.rules.describe import describe  # a rule form this module does not know yet
    return describe(regel, vocabulary, parametre)


def _inner(regel, vocabulary, criterion_text, parametre=NO_PARAMETERS) -> str:
    text = sentence(regel, vocabulary, criterion_text, parametre)
    return f"({text})" if isinstance(regel, (Alle, Noen)) and text.count(";") + text.count(",") > 0 else text


def checked(regel, vocabulary: Mapping, criterion_text: Callable[[str], str] | None = None,
            parametre: Mapping = NO_PARAMETERS) -> str:
    """The line shown under a criterion: «Sjekkes: søker er under 67 år.»"""
    text = sentence(regel, vocabulary, criterion_text, parametre)
    return f"Sjekkes: {text}."
