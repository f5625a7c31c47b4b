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
from typing import Any, Iterable, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from kb.criteria.law import Lovbestemmelse
from kb.criteria.models import Innsatstrinn, Kapittel, Kategori, Kriteriesett, Kriterium, Ordforklaring, Tjeneste
from kb.reading.schema import Kilde, Kildedokument, Kommune, Lov, Opplysning
from kb.oslo.loading import load_oslo
from kb.rules.parameters import Parameter, values_on
from kb.oslo.models import Mal, OsloRutine
from kb.reading.messages import validation_problems
from kb.reading.yamlfile import Problem, YamlDoc, find_loc, read_yaml, relative_path

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
    """The services of the first criteria set (the regional criteria), keyed by id."""
    kriteriesett: dict[str, Kriteriesett] = field(default_factory=dict)
    """Criteria sets and the municipalities each covers (``kriteriesett.yaml``)."""
    sett_tjenester: dict[str, dict[str, Tjeneste]] = field(default_factory=dict)
    """Each criteria set's services, keyed by set id and service id."""
    kapitler: dict[str, Kapittel] = field(default_factory=dict)
    oslo: OsloRutine | None = None
    """Oslo kommune's Gerica routine (sections and rules), see :mod:`kb.oslo.models`."""
    maler: dict[str, Mal] = field(default_factory=dict)
    """Oslo letter templates keyed by :attr:`Mal.nokkel` (the Gerica id as text)."""
    parametre: dict[str, Parameter] = field(default_factory=dict)
    """Legal numbers with dated values (``parametre.yaml``), see :mod:`kb.rules.parameters`."""
    lovtekster: dict[str, Lovbestemmelse] = field(default_factory=dict)
    """The law layer (``lovtekster.yaml``): provisions with the law's words and conditions."""
    lovvilkar: dict[str, Kriterium] = field(default_factory=dict)
    """The law's conditions by criterion id (from every provision's ``vilkar``)."""
    files: dict[str, Path] = field(default_factory=dict)
    """Where each object came from: ``"tjeneste:bpa"`` → path."""
    docs: dict[Path, YamlDoc] = field(default_factory=dict)
    """Parsed documents, for line lookups by later checks."""
    steder: dict[str, tuple] = field(default_factory=dict)
    """Where inside its file each object of a list-shaped file stands: ``"parameter:x"`` → ``(3,)``."""
    ugyldige: set[str] = field(default_factory=set)
    """Ids that stand in a file but did not load (already reported at their own line): a reference
    to one of them is not reported again as unknown."""

    def kilde_korttittel(self, dokument: str) -> str:
        """A source document's short title (its full title when it has none; its id when unknown)."""
        doc = self.kilder.get(dokument)
        return (doc.korttittel or doc.tittel) if doc else dokument

    def kilde_tekst(self, dokument: str, avsnitt: str) -> str:
        """A citation as one line: document title › passage."""
        doc = self.kilder.get(dokument)
        title = doc.tittel if doc else dokument
        return f"{title} › {avsnitt}"

    def tjenester_per_sett(self) -> dict[str, dict[str, Tjeneste]]:
        """Each criteria set's services; a knowledge base built by hand without sets is one set."""
        return self.sett_tjenester or {"standard": self.tjenester}

    def tjenester_med_nokkel(self) -> Iterator[tuple[str, Tjeneste, dict[str, Tjeneste]]]:
        """Every service of every criteria set: its object key (``tjeneste:<id>`` in the first set,
        ``tjeneste:<set>:<id>`` in another, as the loader registers them), the service and its set's services."""
        for sett, table in self.tjenester_per_sett().items():
            for t in table.values():
                yield self.tjeneste_nokkel(sett, t.id), t, table

    def tjeneste_nokkel(self, sett: str, tjeneste: str) -> str:
        """A service's object key: ``tjeneste:<id>`` in the first criteria set, ``tjeneste:<set>:<id>``
        in another (as the loader registers them)."""
        return f"tjeneste:{tjeneste}" if self.tjenester_per_sett().get(sett) is self.tjenester \
            else f"tjeneste:{sett}:{tjeneste}"

    def parameterverdier(self, dato: dt.date) -> dict[str, int | float]:
        """Every parameter's value in force on ``dato`` (cached per date)."""
        cache = self.__dict__.setdefault("_values_on", {})
        if dato not in cache:
            if len(cache) > 1000:
                cache.clear()
            cache[dato] = values_on(self.parametre, dato)
        return cache[dato]

    def parameter(self, pid: str, dato: dt.date) -> int | float:
        """One parameter's value in force on ``dato``; a :class:`KeyError` names a missing one."""
        values = self.parameterverdier(dato)
        if pid not in values:
            raise KeyError(f"parameteren «{pid}» har ingen verdi {dato.isoformat()}")
        return values[pid]

    def kildefil(self, dokument: str) -> Path:
        """The source text of a document in the register (``kb/data/kilder/<fil>``)."""
        return self.root / "kilder" / self.kilder[dokument].fil

    def problem(self, key: str, loc: tuple, message: str) -> Problem:
        """A problem located at an object key such as ``"tjeneste:bpa"`` and a data path inside it."""
        path = self.files.get(key)
        if path is None:
            return Problem(key, None, message)
        doc = self.docs.get(path)
        loc = self.steder.get(key, ()) + tuple(loc)
        return Problem(relative_path(path, self.root), doc.line_of(loc) if doc else None, message)

    def kriterium_problem(self, key: str, kriterium: str | None, loc: tuple, message: str) -> Problem:
        """A problem at the criterion ``kriterium`` (and the data path ``loc`` inside it) of the
        service file with object key ``key``; at the service itself when ``kriterium`` is None or
        not in its file."""
        doc = self.docs.get(self.files.get(key))
        at = find_loc(doc.data, "kriterium", kriterium) if doc is not None and kriterium else None
        return self.problem(key, (at or ()) + tuple(loc), message)

    def line_of(self, key: str, loc: tuple = ()) -> str:
        """``file:line`` for an object key such as ``"tjeneste:bpa"`` and a data path inside it."""
        p = self.problem(key, loc, "")
        return f"{p.path}:{p.line}" if p.line else p.path


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
            for key in ("id", "navn"):  # an id, or a fact's name, that stands in the file but did not load
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    kb.ugyldige.add(item[key])
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
                 ("opplysninger.yaml", Opplysning, kb.opplysninger, "opplysning", lambda o: o.navn),
                 ("parametre.yaml", Parameter, kb.parametre, "parameter", lambda o: o.id)]
    for name, model, table, kind, key in registers:
        path = root / name
        for i, obj in _many(path, model, kb, problems):
            _register_checked(kb, problems, table, kind, key(obj), obj, path, (i,))

    if (root / "lovtekster.yaml").exists():
        path = root / "lovtekster.yaml"
        for i, obj in _many(path, Lovbestemmelse, kb, problems):
            _register_checked(kb, problems, kb.lovtekster, "lovtekst", obj.id, obj, path, (i,))
            for j, k in enumerate(obj.vilkar):
                _register_checked(kb, problems, kb.lovvilkar, "lovvilkar", k.kriterium, k, path,
                                  (i, "vilkar", j))
    if (root / "ordliste.yaml").exists():
        kb.ordliste = [o for _, o in _many(root / "ordliste.yaml", Ordforklaring, kb, problems)]
    if (root / "innsatstrapp.yaml").exists():
        kb.innsatstrapp = [o for _, o in _many(root / "innsatstrapp.yaml", Innsatstrinn, kb, problems)]
    if (root / "kategorier.yaml").exists():
        kb.kategorier = [o for _, o in _many(root / "kategorier.yaml", Kategori, kb, problems)]
    load_oslo(root / "oslo", kb, problems,
              lambda path, model: _many(path, model, kb, problems),
              lambda path, model: _one(path, model, kb, problems))

    _load_criteria_sets(root, kb, problems)
    for path in sorted((root / "kapitler").glob("*.y*ml")):
        obj = _one_with_id(path, Kapittel, kb, problems)
        if obj is not None:
            _register_checked(kb, problems, kb.kapitler, "kapittel", obj.id, obj, path, ("id",))

    if kb.kapitler:
        kb.kapitler = dict(sorted(kb.kapitler.items(), key=lambda kv: kv[1].rekkefolge))
    return kb, problems


def _load_criteria_sets(root: Path, kb: KnowledgeBase, problems: list[Problem]) -> None:
    """Each criteria set and its folder of services; without ``kriteriesett.yaml``, the folder
    ``tjenester`` is one set covering every municipality."""
    path = root / "kriteriesett.yaml"
    if path.exists():
        for i, sett in _many(path, Kriteriesett, kb, problems):
            _register_checked(kb, problems, kb.kriteriesett, "kriteriesett", sett.id, sett, path, (i,))
    else:
        kb.kriteriesett["standard"] = Kriteriesett(
            id="standard", navn="Tildelingskriterier", region="alle kommuner", mappe="tjenester",
            kilde=Kilde(dokument="regionale-kriterier", avsnitt="Innledning"), kommuner=list(kb.kommuner) or ["x"])
    for n, sett in enumerate(kb.kriteriesett.values()):
        table = kb.sett_tjenester.setdefault(sett.id, {})
        for service_path in sorted((root / sett.mappe).glob("*.y*ml")):
            obj = _one_with_id(service_path, Tjeneste, kb, problems)
            if obj is None:
                continue
            kind = "tjeneste" if n == 0 else f"tjeneste:{sett.id}"
            _register_checked(kb, problems, table, kind, obj.id, obj, service_path, ("id",))
        if n == 0:
            kb.tjenester = table


def _one_with_id(path: Path, model: type[M], kb: KnowledgeBase, problems: list[Problem]) -> M | None:
    """One object per file whose ``id`` must equal the file name."""
    obj = _one(path, model, kb, problems)
    if obj is None and path in kb.docs:
        kb.ugyldige.add(path.stem)
    if obj is not None and path.stem != obj.id:
        doc = kb.docs[path]
        problems.append(Problem(relative_path(path, kb.root), doc.line_of(("id",)),
                                f"id «{obj.id}» skal være lik filnavnet «{path.stem}»"))
    return obj


def _register_checked(kb, problems, table, kind, key, obj, path, loc) -> None:
    if key in table:
        doc = kb.docs.get(path)
        first = kb.line_of(f"{kind}:{key}")
        problems.append(Problem(relative_path(path, kb.root), doc.line_of(loc) if doc else None,
                                f"id «{key}» finnes fra før ({first})"))
        return
    table[key] = obj
    kb.files[f"{kind}:{key}"] = path
    if loc and isinstance(loc[0], int):
        kb.steder[f"{kind}:{key}"] = loc


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
