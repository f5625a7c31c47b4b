"""Load the whole knowledge base from ``kb/data`` into typed objects.

All problems are collected (never raised one at a time) and reported as
``file:line: message``. Use :func:`load_kb` to get a :class:`KnowledgeBase` and the
list of problems; :func:`load_kb_or_raise` when any problem should stop you.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from kb.criteria.models import Innsatstrinn, Kapittel, Kategori, Ordforklaring, Tjeneste
from kb.reading.schema import Kildedokument, Kommune, Lov, Opplysning
from kb.oslo.loading import load_oslo
from kb.oslo.models import Mal, OsloRutine
from kb.reading.yamlfile import Problem, YamlDoc, read_yaml, relative_path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""Default content folder."""

M = TypeVar("M", bound=BaseModel)


@dataclass
class KnowledgeBase:
    """Everything in the content folder, keyed by id."""

    root: Path
    kilder: dict[str, Kildedokument] = field(default_factory=dict)
    lover: dict[str, Lov] = field(default_factory=dict)
    kommuner: dict[str, Kommune] = field(default_factory=dict)
    opplysninger: dict[str, Opplysning] = field(default_factory=dict)
    ordliste: list[Ordforklaring] = field(default_factory=list)
    innsatstrapp: list[Innsatstrinn] = field(default_factory=list)
    """Steps of the innsatstrapp, lowest first (editorial placement of services)."""
    kategorier: list[Kategori] = field(default_factory=list)
    """Types of need for browsing (editorial)."""
    tjenester: dict[str, Tjeneste] = field(default_factory=dict)
    kapitler: dict[str, Kapittel] = field(default_factory=dict)
    oslo: OsloRutine | None = None
    """Oslo kommune's Gerica routine (sections and rules), see :mod:`kb.oslo.models`."""
    maler: dict[str, Mal] = field(default_factory=dict)
    """Oslo letter templates keyed by :attr:`Mal.nokkel` (the Gerica id as text)."""
    files: dict[str, Path] = field(default_factory=dict)
    """Where each object came from: ``"tjeneste:bpa"`` → path."""
    docs: dict[Path, YamlDoc] = field(default_factory=dict)
    """Parsed documents, for line lookups by later checks."""

    def kilde_tekst(self, dokument: str, avsnitt: str) -> str:
        """A citation as one line: document title › passage."""
        doc = self.kilder.get(dokument)
        title = doc.tittel if doc else dokument
        return f"{title} › {avsnitt}"

    def kildefil(self, dokument: str) -> Path:
        """The source text of a document in the register (``kb/data/kilder/<fil>``)."""
        return self.root / "kilder" / self.kilder[dokument].fil

    def problem(self, key: str, loc: tuple, message: str) -> Problem:
        """A problem located at an object key such as ``"tjeneste:bpa"`` and a data path inside it."""
        path = self.files.get(key)
        if path is None:
            return Problem(key, None, message)
        doc = self.docs.get(path)
        return Problem(relative_path(path, self.root), doc.line_of(loc) if doc else None, message)

    def line_of(self, key: str, loc: tuple = ()) -> str:
        """``file:line`` for an object key such as ``"tjeneste:bpa"`` and a data path inside it."""
        p = self.problem(key, loc, "")
        return f"{p.path}:{p.line}" if p.line else p.path


def _data_loc(data: Any, loc: Iterable) -> tuple:
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


def _describe(err: dict) -> str:
    """A Norwegian one-line description of one pydantic error."""
    loc = [str(p) for p in err["loc"] if not isinstance(p, int)]
    name = (loc[-1] if loc else "verdien").replace("del_", "del")
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return f"mangler feltet «{name}»"
    if kind == "extra_forbidden":
        return f"ukjent felt «{name}»"
    if kind in ("string_type", "int_type", "float_type", "dict_type", "list_type", "date_type"):
        if isinstance(value, bool):
            return (f"«{name}» skal ikke være ja/nei, men YAML leste {str(value).lower()} "
                    f"(et uquotet yes/no/on/off?): sett verdien i anførselstegn")
        if isinstance(value, (dt.date, dt.datetime)):
            return f"«{name}» ble lest som en dato ({value}): sett verdien i anførselstegn"
        want = {"string_type": "tekst", "int_type": "et heltall", "float_type": "et tall",
                "dict_type": "en tabell (nøkkel: verdi)", "list_type": "en liste",
                "date_type": "en dato (ÅÅÅÅ-MM-DD)"}[kind]
        return f"«{name}» skal være {want}, fikk {value!r}"
    if kind == "literal_error":
        return f"«{name}» har ugyldig verdi {value!r}: {err['msg']}"
    if kind == "string_pattern_mismatch":
        return f"«{name}» har ugyldig form {value!r} ({err['msg']})"
    if kind == "string_too_short":
        return f"«{name}» er tom"
    return f"«{name}»: {err['msg']}"


def validation_problems(doc: YamlDoc, exc: ValidationError, prefix: tuple = (),
                        root: Path | None = None) -> list[Problem]:
    """Turn a pydantic error into problems with the line of each bad value."""
    shown = relative_path(doc.path, root) if root else doc.path
    problems = []
    for err in exc.errors():
        loc = prefix + _data_loc(_get(doc.data, prefix), err["loc"])
        problems.append(Problem(shown, doc.line_of(loc), _describe(err)))
    return problems


def _get(data: Any, prefix: tuple) -> Any:
    for p in prefix:
        data = data[p]
    return data


def _read(path: Path, kb: KnowledgeBase, problems: list[Problem]) -> YamlDoc | None:
    try:
        doc = read_yaml(path)
    except Problem as p:
        problems.append(Problem(relative_path(path, kb.root), p.line, p.message))
        return None
    kb.docs[path] = doc
    return doc


def _one(path: Path, model: type[M], kb: KnowledgeBase, problems: list[Problem]) -> M | None:
    doc = _read(path, kb, problems)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(relative_path(path, kb.root), 1, "filen skal inneholde én tabell (nøkkel: verdi)"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(validation_problems(doc, exc, (), kb.root))
        return None


def _many(path: Path, model: type[M], kb: KnowledgeBase,
          problems: list[Problem]) -> list[tuple[int, M]]:
    doc = _read(path, kb, problems)
    if doc is None:
        return []
    if not isinstance(doc.data, list):
        problems.append(Problem(relative_path(path, kb.root), 1, "filen skal inneholde en liste"))
        return []
    out = []
    for i, item in enumerate(doc.data):
        try:
            out.append((i, model.model_validate(item)))
        except ValidationError as exc:
            problems.extend(validation_problems(doc, exc, (i,), kb.root))
    return out


def load_kb(root: Path | str = DATA_DIR) -> tuple[KnowledgeBase, list[Problem]]:
    """Load every YAML file under ``root``; return the knowledge base and all problems."""
    root = Path(root)
    kb = KnowledgeBase(root=root)
    problems: list[Problem] = []
    if not root.is_dir():
        return kb, [Problem(root, None, "innholdsmappen finnes ikke")]

    registers = [("kilder/kilder.yaml", Kildedokument, kb.kilder, "kilde", lambda o: o.id),
                 ("lover.yaml", Lov, kb.lover, "lov", lambda o: o.id),
                 ("kommuner.yaml", Kommune, kb.kommuner, "kommune", lambda o: o.id),
                 ("opplysninger.yaml", Opplysning, kb.opplysninger, "opplysning", lambda o: o.navn)]
    for name, model, table, kind, key in registers:
        path = root / name
        for i, obj in _many(path, model, kb, problems):
            _register_checked(kb, problems, table, kind, key(obj), obj, path, (i,))

    if (root / "ordliste.yaml").exists():
        kb.ordliste = [o for _, o in _many(root / "ordliste.yaml", Ordforklaring, kb, problems)]
    if (root / "innsatstrapp.yaml").exists():
        kb.innsatstrapp = [o for _, o in _many(root / "innsatstrapp.yaml", Innsatstrinn, kb, problems)]
    if (root / "kategorier.yaml").exists():
        kb.kategorier = [o for _, o in _many(root / "kategorier.yaml", Kategori, kb, problems)]
    load_oslo(root / "oslo", kb, problems,
              lambda path, model: _many(path, model, kb, problems),
              lambda path, model: _one(path, model, kb, problems))

    for folder, model, table, kind in (("tjenester", Tjeneste, kb.tjenester, "tjeneste"),
                                       ("kapitler", Kapittel, kb.kapitler, "kapittel")):
        for path in sorted((root / folder).glob("*.y*ml")):
            obj = _one(path, model, kb, problems)
            if obj is None:
                continue
            if path.stem != obj.id:
                doc = kb.docs[path]
                problems.append(Problem(relative_path(path, kb.root), doc.line_of(("id",)),
                                        f"id «{obj.id}» skal være lik filnavnet «{path.stem}»"))
            _register_checked(kb, problems, table, kind, obj.id, obj, path, ("id",))

    if kb.kapitler:
        kb.kapitler = dict(sorted(kb.kapitler.items(), key=lambda kv: kv[1].rekkefolge))
    return kb, problems


def _register_checked(kb, problems, table, kind, key, obj, path, loc) -> None:
    if key in table:
        doc = kb.docs.get(path)
        first = kb.line_of(f"{kind}:{key}")
        problems.append(Problem(relative_path(path, kb.root), doc.line_of(loc) if doc else None,
                                f"id «{key}» finnes fra før ({first})"))
        return
    table[key] = obj
    kb.files[f"{kind}:{key}"] = path


@lru_cache(maxsize=8)
def _cached(root: str) -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    kb, problems = load_kb(Path(root))
    return kb, tuple(problems)


class KnowledgeBaseError(Exception):
    """The knowledge base has problems; ``problems`` lists them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_kb_or_raise(root: Path | str = DATA_DIR, *, cached: bool = True) -> KnowledgeBase:
    """Load the knowledge base; raise :class:`KnowledgeBaseError` listing every problem."""
    if cached:
        kb, problems = _cached(str(Path(root).resolve()))
    else:
        kb, problems = load_kb(root)
    if problems:
        raise KnowledgeBaseError(list(problems))
    return kb
