"""A safe YAML loader with YAML 1.2 core meanings, or stricter, built on PyYAML's own resolver.

PyYAML follows YAML 1.1: ``070`` is octal 56, ``1:05`` is 65, ``0x46`` and ``7_0`` are 70 and
``yes``/``on`` are booleans. Here, as in YAML 1.2's core schema (and what an editor means):

* ``true``/``false`` (also ``True``, ``TRUE`` …) are the only booleans; ``yes``, ``no``, ``on``,
  ``off`` are text;
* an integer is decimal: ``070`` is 70;
* a number with a base prefix (``0x46``, ``0o70``, ``0b1``), an underscore (``7_0``) or colons
  (``1:05``) is refused with a message that says how to write it;
* an integer of more than :data:`MAX_DIGITS` digits is refused;
* ``<<`` merge keys are ordinary keys; only plain dates ``YYYY-MM-DD`` become dates (an
  extension that content files rely on, e.g. ``gyldig_fra``).

Example::

    >>> import yaml
    >>> yaml.load("a: 070\\nb: no\\nc: 1.5e3", Loader=Loader12)
    {'a': 70, 'b': 'no', 'c': 1500.0}
"""

from __future__ import annotations

import datetime as dt
import re

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import BaseResolver

try:  # libyaml's C parser when installed (much faster), else PyYAML's own
    from yaml.cyaml import CParser as _Parser
    _PARSING: tuple = (_Parser,)
except ImportError:  # pragma: no cover - depends on the installation
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    _PARSING = (Reader, Scanner, Parser, Composer)

MAX_DIGITS = 15
"""Integers with more digits than this are refused (no fact or content number comes close)."""

REFUSED = "tag:kb.local,2026:refused-number"
"""Internal tag for scalars that look like numbers in a form YAML 1.1 and 1.2 read differently."""

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_AMBIGUOUS = re.compile(r"^[-+]?(?:0[xXoObB][0-9a-fA-F_]+"
                        r"|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?"
                        r"|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$")


class Resolver12(BaseResolver):
    """Implicit tags of YAML 1.2's core schema, plus plain dates and refused number forms."""


for _tag, _pattern, _first in (
        ("tag:yaml.org,2002:bool", _BOOL, "tTfF"),
        ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:timestamp", _DATE, "0123456789"),
        (REFUSED, _AMBIGUOUS, "-+0123456789"),
        ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
        ("tag:yaml.org,2002:float", _FLOAT, "-+0123456789."),
):
    Resolver12.add_implicit_resolver(_tag, _pattern, list(_first))


class Constructor12(SafeConstructor):
    """Builds Python values with YAML 1.2 meanings; refuses ambiguous numbers and huge integers."""

    def construct_yaml_int(self, node):
        """A decimal integer (``070`` is 70)."""
        text = self.construct_scalar(node)
        digits = text.strip().lstrip("+-")
        if len(digits.lstrip("0")) > MAX_DIGITS:
            raise ConstructorError(None, None, f"tallet har {len(digits)} sifre; så store tall brukes ikke "
                                               f"(høyst {MAX_DIGITS} sifre)", node.start_mark)
        if not _INT.match(text.strip()):
            self.construct_refused(node)
        return int(text, 10)

    def construct_yaml_bool(self, node):
        """``true`` or ``false`` (any case); anything else under an explicit ``!!bool`` is refused."""
        text = self.construct_scalar(node)
        if text.lower() not in ("true", "false"):
            raise ConstructorError(None, None, f"«{text[:30]}» er ikke true eller false", node.start_mark)
        return text.lower() == "true"

    def construct_yaml_float(self, node):
        """A decimal number, ``.inf`` or ``.nan`` (no underscores, no colons)."""
        text = self.construct_scalar(node).lower()
        if text.lstrip("+-") == ".inf":
            return float("-inf") if text.startswith("-") else float("inf")
        if text == ".nan":
            return float("nan")
        if len(text) > 50:
            raise ConstructorError(None, None, "tallet er for langt", node.start_mark)
        if not _FLOAT.match(text.strip()):
            self.construct_refused(node)
        return float(text)

    def construct_refused(self, node):
        """A number written with a base prefix, an underscore or colons: refused with advice."""
        text = str(node.value)
        shown = text if len(text) <= 30 else text[:29] + "…"
        if not _AMBIGUOUS.match(text):
            why = "på en måte som ikke kan leses"
        elif ":" in text:
            why = "med kolon (YAML 1.1 leser det som et tall i sekstitallsystemet)"
        elif "_" in text:
            why = "med understrek"
        else:
            why = "med prefiks for tallsystem (0x, 0o, 0b)"
        raise ConstructorError(None, None, f"«{shown}» er skrevet som et tall {why}: skriv et vanlig "
                                           "desimaltall (f.eks. 70), eller sett teksten i anførselstegn",
                               node.start_mark)

    def construct_yaml_timestamp(self, node):
        """A date ``YYYY-MM-DD``; an impossible date is an error with a line."""
        try:
            return dt.date.fromisoformat(node.value)
        except ValueError:
            raise ConstructorError(None, None, f"ugyldig dato «{node.value}» (skriv ÅÅÅÅ-MM-DD)",
                                   node.start_mark) from None


Constructor12.add_constructor("tag:yaml.org,2002:bool", Constructor12.construct_yaml_bool)
Constructor12.add_constructor("tag:yaml.org,2002:int", Constructor12.construct_yaml_int)
Constructor12.add_constructor("tag:yaml.org,2002:float", Constructor12.construct_yaml_float)
Constructor12.add_constructor("tag:yaml.org,2002:timestamp", Constructor12.construct_yaml_timestamp)
Constructor12.add_constructor(REFUSED, Constructor12.construct_refused)


class Loader12(*_PARSING, Constructor12, Resolver12):
    """Safe loader: libyaml's parser (when installed), YAML 1.2 core resolution, safe construction."""

    def __init__(self, stream):
        if len(_PARSING) == 1:
            _PARSING[0].__init__(self, stream)
        else:  # pragma: no cover - pure-Python PyYAML
            for part in _PARSING:
                part.__init__(self, stream) if part.__name__ == "Reader" else part.__init__(self)
        Constructor12.__init__(self)
        Resolver12.__init__(self)
