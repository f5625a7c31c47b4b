"""The conformance suite's cases (``tests/conformance/**/*.yaml``): loading, checking, comparing.

Every engine that claims to evaluate the knowledge base (the Python evaluator and procedure here,
the browser engine on the site) must give, for each case's input, the case's expected output.
``kb check`` runs every case against the Python engine (:func:`run_cases`); the tests reuse the
same code (``tests/conformance_cases.py`` re-exports it)::

    from kb.knowledge.conformance import compare, load_cases
    for case_id, inndata, forventet in load_cases("evaluate"):
        assert compare("evaluate", forventet, my_engine(inndata)) == []

``inndata`` and ``forventet`` are JSON-ready (dates as ``"YYYY-MM-DD"``); ``forventet`` holds only
the fields the case names, and :func:`compare` compares exactly those, exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.knowledge.loader import KnowledgeBase, validation_problems
from kb.oslo.models import normalize, slugify
from kb.knowledge.casemodels import conformance_file_model
from kb.reading.yamlfile import Problem, YamlDoc, read_yaml

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE_DIR = ROOT / "tests" / "conformance"
COMMANDS = ("evaluate", "procedure")


@dataclass(frozen=True)
class Case:
    """One conformance case, ready to run."""

    id: str
    """``<file without .yaml>::<slug of navn>``, e.g. ``evaluate/bpa::70-aring-uten-rettskrav``."""
    kommando: str
    inndata: dict
    forventet: dict
    navn: str
    kilde: dict
    where: str
    """``file:line`` of the case, for messages."""


class ConformanceError(Exception):
    """The case files have problems; ``problems`` lists them as ``file:line: message``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def json_ready(value: Any) -> Any:
    """``value`` with every date as ``YYYY-MM-DD`` (what the browser API and the JSON output use)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def passages(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """Every source passage the knowledge base cites, ``(dokument, avsnitt)`` → its restored text."""
    out: dict[tuple[str, str], list[str]] = {}

    def add(dokument: str, avsnitt: str, *texts: str) -> None:
        out.setdefault((dokument, avsnitt), []).extend(normalize(t) for t in texts if t)

    def walk(dokument: str, base: str, sections, path=()) -> None:
        for s in sections:
            here = path + (s.overskrift,)
            texts = [getattr(i, "avsnitt", None) or getattr(i, "punkt", None) or getattr(i, "tekst", "")
                     for i in s.innhold]
            for key in (base, " › ".join((base,) + here)):
                add(dokument, key, *texts)
            for k in (i for i in s.innhold if hasattr(i, "kriterium") and i.kilde is not None):
                add(k.kilde.dokument, k.kilde.avsnitt, k.tekst)
            walk(dokument, base, s.underseksjoner, here)

    services = [t for table in kb.tjenester_per_sett().values() for t in table.values()]
    for item in services + list(kb.kapitler.values()):
        walk(item.kilde.dokument, item.kilde.avsnitt, item.seksjoner)
    if kb.oslo is not None:
        for s in kb.oslo.alle_seksjoner():
            add(s.kilde.dokument, s.kilde.avsnitt, s.tekst())
        for r in kb.oslo.regler.values():
            add(r.kilde.dokument, r.kilde.avsnitt, r.tekst, *r.punkter)
        for mal in kb.maler.values():
            s = kb.oslo.seksjon(mal.gruppe)
            if s is not None:
                add(s.kilde.dokument, s.kilde.avsnitt, mal.navn, mal.bruk())
    for provision in kb.lovtekster.values():
        for quote in provision.sitater:
            add(quote.kilde.dokument, quote.kilde.avsnitt, quote.tekst)
        for k in provision.vilkar:
            if k.kilde is not None:
                add(k.kilde.dokument, k.kilde.avsnitt, k.tekst)
    return {key: " ".join(texts) for key, texts in out.items()}


def _service_criteria(kb: KnowledgeBase, sid: str, services: dict | None = None) -> set[str]:
    """The criteria an evaluation of ``sid`` lists: its parent's, its own and the law's conditions
    its right refers to (``services``: the criteria set's services, the first set's by default)."""
    from kb.criteria.evaluate import law_conditions
    services = kb.tjenester if services is None else services
    t = services[sid]
    parent = [services[t.inngar_i]] if t.inngar_i in services else []
    own = {k.kriterium for s in parent + [t] for k in s.kriterier()}
    return own | {k.kriterium for k in law_conditions(kb, t, own)}


def _shown(path: Path) -> Path:
    """``path`` relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT)
    except ValueError:
        return path


def _check_case(kb: KnowledgeBase, doc: YamlDoc, i: int, raw: dict, known: dict, problems: list) -> None:
    """Cross-references a schema cannot check: the source passage and the criterion ids."""
    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(_shown(doc.path), doc.line_of(("tilfeller", i) + loc), message))

    kilde = raw["kilde"]
    if kilde["dokument"] not in kb.kilder:
        problem(("kilde", "dokument"), f"ukjent kildedokument «{kilde['dokument']}» (se kilder.yaml)")
    elif (kilde["dokument"], kilde["avsnitt"]) not in known:
        problem(("kilde", "avsnitt"), f"kunnskapsbasen viser ikke til avsnittet «{kilde['avsnitt']}» i "
                                      f"«{kilde['dokument']}» (skriv avsnittet slik tjenestene og rutinen gjør)")
    elif kilde.get("sitat") and normalize(kilde["sitat"]) not in known[(kilde["dokument"], kilde["avsnitt"])]:
        problem(("kilde", "sitat"), "sitatet står ikke ordrett i avsnittet (slik kunnskapsbasen gjengir det)")
    for j, ref in enumerate(kilde.get("lovhenvisninger") or []):
        if ref["lov"] not in kb.lover:
            problem(("kilde", "lovhenvisninger", j, "lov"), f"ukjent lov «{ref['lov']}» (se lover.yaml)")
    sid = raw["inndata"].get("tjeneste")
    criteria = raw["forventet"].get("kriterier") or {}
    services = _case_services(kb, raw["inndata"])
    if criteria and sid in services:
        own = _service_criteria(kb, sid, services)
        for kid in criteria:
            if kid not in own:
                problem(("forventet", "kriterier", kid), f"tjenesten «{sid}» har ikke kriteriet «{kid}»")


def case_set(kb: KnowledgeBase, inndata: dict) -> str | None:
    """The criteria set a case is read against, as the evaluator chooses it: the set covering its
    municipality, else (no municipality) the first set that has the service; None when it names
    no usable service or municipality (the engine then refuses it)."""
    from kb.criteria.case import CaseError, criteria_set_for, municipality_id
    try:
        return criteria_set_for(kb, inndata.get("tjeneste"), municipality_id(inndata.get("kommune"), kb))
    except (CaseError, LookupError, StopIteration, TypeError):
        return None


def _case_services(kb: KnowledgeBase, inndata: dict) -> dict:
    """The services of the criteria set a case is evaluated with (:func:`case_set`); the first set's
    when the case names no usable service or municipality (the engine then answers with its own message)."""
    sett = case_set(kb, inndata)
    return kb.tjenester_per_sett()[sett] if sett is not None else kb.tjenester


def _load_file(path: Path, folder: Path, kb: KnowledgeBase, model, known: dict, problems: list) -> list[Case]:
    shown = _shown(path)
    try:
        doc = read_yaml(path)
    except Problem as p:
        problems.append(Problem(shown, p.line, p.message))
        return []
    try:
        parsed = model.model_validate(doc.data).root
    except ValidationError as exc:
        problems.extend(Problem(shown, p.line, p.message) for p in validation_problems(doc, exc))
        return []
    stem = path.relative_to(folder).with_suffix("").as_posix()
    command, cases, seen = doc.data["kommando"], [], {}
    if not stem.startswith(command + "/"):
        problems.append(Problem(shown, doc.line_of(("kommando",)),
                                f"filen ligger ikke i mappen for kommandoen («{command}/»)"))
    for i, raw in enumerate(doc.data["tilfeller"]):
        where = f"{shown}:{doc.line_of(('tilfeller', i))}"
        case_id = f"{stem}::{slugify(raw['navn'])}"
        if case_id in seen:
            problems.append(Problem(shown, doc.line_of(("tilfeller", i, "navn")),
                                    f"navnet gir samme id som tilfellet på linje {seen[case_id]}"))
        seen[case_id] = doc.line_of(("tilfeller", i))
        _check_case(kb, doc, i, raw, known, problems)
        expected = parsed.tilfeller[i].forventet.model_dump(mode="json", exclude_unset=True)
        cases.append(Case(case_id, command, json_ready(raw["inndata"]), expected, raw["navn"],
                          json_ready(raw["kilde"]), where))
    return cases


def load_from(kb: KnowledgeBase, folder: Path = CONFORMANCE_DIR) -> tuple[list[Case], list[Problem]]:
    """Every case under ``folder`` read against ``kb``, and every problem with the case files."""
    model, known, problems, cases = conformance_file_model(kb), passages(kb), [], []
    for path in sorted(Path(folder).rglob("*.yaml")):
        cases += _load_file(path, Path(folder), kb, model, known, problems)
    return cases, problems


ENGINES = {"evaluate": lambda case, kb: _evaluate(case, kb), "procedure": lambda case, kb: _procedure(case, kb)}
"""The Python engine for each command: input → the JSON the command line prints."""


def _evaluate(case: dict, kb: KnowledgeBase) -> dict:
    from kb.criteria.evaluate import evaluate
    return evaluate(case, kb).to_json()


def _procedure(case: dict, kb: KnowledgeBase) -> dict:
    from kb.oslo.procedure import answer
    return answer(case, kb)


def run_case(case: Case, kb: KnowledgeBase) -> list[str]:
    """The differences between the case's expected output and the Python engine's (empty: passes);
    an input the engine refuses is one difference naming why."""
    try:
        result = ENGINES[case.kommando](case.inndata, kb)
    except (ValueError, LookupError) as exc:
        return [f"motoren avviser inndata: {exc}"]
    return compare(case.kommando, case.forventet, result)


# --- comparing ------------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Exact equality: ``True`` is not ``1``, ``2`` is not ``2.0``."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def compare(kommando: str, forventet: dict, faktisk: dict) -> list[str]:
    """The differences between a case's expected fields and an engine's JSON output (empty: passes)."""
    diffs = []
    for key, want in forventet.items():
        if kommando == "evaluate" and key == "kriterier":
            diffs += _compare_criteria(want, faktisk.get("kriterier", []))
            continue
        if key not in faktisk:
            diffs.append(f"{key}: mangler i resultatet")
            continue
        got = faktisk[key]
        if kommando == "procedure" and key == "vedtaksmal" and isinstance(got, dict):
            got = got.get("id")
        if not _same(want, got):
            diffs.append(f"{key}: forventet {want!r}, fikk {got!r}")
    return diffs


def _compare_criteria(want: dict, got: list[dict]) -> list[str]:
    by_id = {k["id"]: k for k in got}
    diffs = []
    for kid, fields in want.items():
        if fields.get("utelatt"):
            if kid in by_id:
                diffs.append(f"kriterier.{kid}: skulle vært utelatt, fikk status {by_id[kid]['status']!r}")
            continue
        if kid not in by_id:
            diffs.append(f"kriterier.{kid}: mangler i resultatet")
            continue
        for field, value in fields.items():
            if not _same(value, by_id[kid].get(field)):
                diffs.append(f"kriterier.{kid}.{field}: forventet {value!r}, fikk {by_id[kid].get(field)!r}")
    return diffs
