"""The one translator of pydantic validation errors into Norwegian messages with file and line.

Content files (:mod:`kb.knowledge.loader`) and case files (:mod:`kb.oslo.procedure`) both use it.

Example::

    >>> from pydantic import ValidationError
    >>> from kb.reading.schema import Kommune
    >>> try:
    ...     Kommune.model_validate({"id": "gran", "navn": True})
    ... except ValidationError as exc:
    ...     print(describe_error(exc.errors()[0]))
    «navn» skal ikke være ja/nei, men YAML leste true: sett verdien i anførselstegn
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from kb.reading.yamlfile import Problem, YamlDoc, relative_path, shorten

_WANT = {"string_type": "tekst", "int_type": "et heltall", "float_type": "et tall",
         "dict_type": "en tabell (nøkkel: verdi)", "list_type": "en liste", "date_type": "en dato (ÅÅÅÅ-MM-DD)",
         "bool_type": "ja eller nei (eller true/false)", "model_type": "en tabell (nøkkel: verdi)"}


def echo(value: Any) -> str:
    """A value as a message shows it: dates as ISO, booleans as YAML writes them, the rest cut short."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return shorten(repr(value), 40)


def describe_error(err: dict) -> str:
    """A Norwegian one-line description of one pydantic error."""
    loc = [str(p) for p in err["loc"] if not isinstance(p, int)]
    name = (loc[-1] if loc else "verdien").replace("del_", "del")
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return f"mangler feltet «{name}»"
    if kind == "extra_forbidden":
        return f"ukjent felt «{name}»"
    if kind == "int_type" and name.endswith("_dager"):
        return f"«{name}» skal være et helt antall dager, fikk {echo(value)}"
    if kind in _WANT:
        if isinstance(value, bool) and kind != "bool_type":
            return f"«{name}» skal ikke være ja/nei, men YAML leste {echo(value)}: sett verdien i anførselstegn"
        if isinstance(value, (dt.date, dt.datetime)) and kind != "date_type":
            return f"«{name}» ble lest som en dato ({echo(value)}): sett verdien i anførselstegn"
        return f"«{name}» skal være {_WANT[kind]}, fikk {echo(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"«{name}» skal være en dato (ÅÅÅÅ-MM-DD), fikk {echo(value)}"
    if kind == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"«{name}» har ugyldig verdi {echo(value)} (tillatt: {expected.replace(' or ', ', ')})"
    if kind == "greater_than_equal":
        return f"«{name}» kan ikke være negativ, fikk {echo(value)}"
    if kind == "string_pattern_mismatch":
        return f"«{name}» har ugyldig form {echo(value)} (små bokstaver a–z, tall og bindestrek)"
    if kind == "string_too_short":
        return f"«{name}» er tom"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"«{name}» har ugyldig verdi {echo(value)}: {shorten(err['msg'], 120)}"


def data_loc(data: Any, loc: Iterable) -> tuple:
    """Keep only the parts of a pydantic error location that exist in the data.

    Union tags (``kriterium``, ``fakta`` …) may equal a real key; a part is skipped as a tag
    when the next part is a key of the same mapping.
    """
    parts = list(loc)
    out: list = []
    node = data
    for i, part in enumerate(parts):
        if part == "del_":
            part = "del"
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(node, dict) and part in node:
            if nxt is not None and nxt in node and not isinstance(node[part], (dict, list)):
                continue
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
    return tuple(out)


def validation_problems(doc: YamlDoc, exc: ValidationError, prefix: tuple = (),
                        root: Path | None = None) -> list[Problem]:
    """Turn a pydantic error into problems with the line of each bad value."""
    shown = relative_path(doc.path, root) if root else doc.path
    data = doc.data
    for part in prefix:
        data = data[part]
    entries: list[tuple[tuple, list[dict]]] = []
    typed: dict[tuple, list[dict]] = {}
    for err in exc.errors():
        loc = data_loc(data, err["loc"])
        if err["type"] in _WANT and not isinstance(err.get("input"), (bool, dt.date)):
            # a value that fits none of a union's types (``int | float``) gives one error per
            # type: they become one message
            if loc in typed:
                typed[loc].append(err)
                continue
            typed[loc] = [err]
            entries.append((loc, typed[loc]))
        else:
            entries.append((loc, [err]))
    return [Problem(shown, doc.line_of(prefix + loc), _type_message(loc, errs) if len(errs) > 1 else describe_error(errs[0]))
            for loc, errs in entries]


def _type_message(loc: tuple, errors: list[dict]) -> str:
    """One message for a value that has none of the types it may have."""
    names = [str(part) for part in loc if not isinstance(part, int)]
    name = names[-1] if names else "verdien"
    wants = list(dict.fromkeys(_WANT[e["type"]] for e in errors))
    if "et tall" in wants and "et heltall" in wants:
        wants.remove("et heltall")
    return (f"«{name}» skal være {' eller '.join(wants)}, fikk {echo(errors[0].get('input'))}: skriv tallet med "
            "sifre (f.eks. 8 eller 2.5)")
