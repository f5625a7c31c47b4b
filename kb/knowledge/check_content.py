"""The content expectations of ``kb check``: what the pages and the conformance cases say the tool
answers must be what the engine answers with the knowledge base as it stands.

* Every ```` ```vurdering ```` block on a scenario page (``scenarios/``) is run against the
  evaluator or Oslo's routine (:mod:`kb.knowledge.vurdering`), as the tests (Sybil) do.
* Every conformance case (``tests/conformance/``) is read against the knowledge base and run
  against the Python engine (:mod:`kb.knowledge.conformance`), as ``tests/test_conformance.py`` does.

A changed legal number (a parameter) therefore names every page and case that must follow.
Each problem is one line at the block's or the case's line, saying what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.knowledge.loader import KnowledgeBase, relative_path
from kb.reading.yamlfile import Problem


class ContentProblem(Problem):
    """A problem with what the content says (an answer, a case, a quote's number), not with its
    form: ``kb check`` and ``mkdocs build --strict`` fail on it, but ``mkdocs serve`` still shows
    the edit (as a warning), so that an editor sees the change while fixing what must follow."""

    @classmethod
    def of(cls, p: Problem) -> "ContentProblem":
        return cls(p.path, p.line, p.message)


def content_problems(kb: KnowledgeBase, scenario_dir: Path | None, conformance_dir: Path | None) -> list[Problem]:
    """Every scenario answer and conformance case that the engine does not give (empty: all agree)."""
    problems: list[Problem] = []
    if scenario_dir is not None and Path(scenario_dir).is_dir():
        for path in sorted(Path(scenario_dir).glob("*.md")):
            problems += scenario_answer_problems(kb, path, str(relative_path(path, kb.root)))
    if conformance_dir is not None and Path(conformance_dir).is_dir():
        problems += conformance_problems(kb, Path(conformance_dir))
    return [ContentProblem.of(p) for p in problems]


def scenario_answer_problems(kb: KnowledgeBase, path: Path, shown: str) -> list[Problem]:
    """The checked answers on one scenario page that differ from the tool's answer."""
    from kb.reading.scenario_pages import case_blocks, vurdering_blocks
    from kb.reading.yamlfile import parse_yaml
    from kb.knowledge import vurdering

    text = path.read_text(encoding="utf-8")
    cases: dict[str, dict] = {}
    for b in case_blocks(text):
        try:
            data = parse_yaml(b.body, path).data
        except Problem:
            continue  # reported by the scenario check (kb.knowledge.check.check_scenarios)
        if isinstance(data, dict):
            cases[b.name] = data
    out = []
    for block in vurdering_blocks(text):
        try:
            v = vurdering.parse(block.body, shown)
        except Problem as p:
            out.append(Problem(shown, block.line, f"{p.message}. Rett blokken (formatet står øverst i "
                                                   "kb/knowledge/vurdering.py)"))
            continue
        if v.sak not in cases:
            out.append(Problem(shown, block.line, f"vurderingen viser til saken «{v.sak}», som ikke finnes på siden. "
                                                   f"Endre «sak:» til en av {', '.join(sorted(cases)) or '(ingen)'} "
                                                   "eller legg til saken med «<!-- sak: NAVN -->»"))
            continue
        try:
            vurdering.answer(cases[v.sak], kb)
        except (ValueError, LookupError):
            continue  # the case itself is wrong: reported once, at the case block
        try:
            svar = vurdering.answer(vurdering.vary(cases[v.sak], v.hva_om), kb)
        except (ValueError, LookupError) as exc:
            out.append(Problem(shown, block.line, f"saken «{v.sak}» med «hva om»: {exc}. Rett «hva om» i blokken"))
            continue
        found = vurdering.differences(v, svar, kb)
        if found:
            line = _first_line_of(block, found)
            out.append(Problem(shown, line, f"svaret for saken «{v.sak}» stemmer ikke med verktøyet: "
                                            f"{'; '.join(found)}. Endre svaret i blokken og teksten rundt den "
                                            "(f.eks. antall uker og datoer i «Del 2») til verktøyets svar, "
                                            "eller rett kunnskapsbasen hvis verktøyet tar feil"))
    return out


def _first_line_of(block, differences: list[str]) -> int:
    """The page line of the first written answer that differs (the block's first line if not found)."""
    keys = [d.split(":", 1)[0] for d in differences]
    for n, line in enumerate(block.body.splitlines()):
        if line.split(":", 1)[0].strip() in keys:
            return block.line + n
    return block.line


def conformance_problems(kb: KnowledgeBase, folder: Path) -> list[Problem]:
    """Problems with the conformance case files, and every case the engine does not pass."""
    from kb.knowledge.conformance import load_from, run_case

    cases, problems = load_from(kb, folder)
    out = [Problem(p.path, p.line, f"{p.message} (konformitetstilfelle: rett tilfellet)") for p in problems]
    for case in cases:
        diffs = run_case(case, kb)
        if diffs:
            path, _, line = case.where.rpartition(":")
            out.append(Problem(path, int(line) if line.isdigit() else None,
                               f"konformitetstilfellet «{case.navn}» gir ikke det forventede svaret: {'; '.join(diffs)}. "
                               "Endre «forventet» i tilfellet til det kunnskapsbasen nå gir, eller rett "
                               "kunnskapsbasen hvis tilfellet har rett"))
    return out


_QUOTED = re.compile(r"«([^»]+)»")


def drop_follow_ons(kb: KnowledgeBase, problems: list[Problem]) -> list[Problem]:
    """Each mistake once: a reference to an id that stands in its file but did not load (its own
    problem names the line) is not reported again as unknown, and a problem is never repeated."""
    out, seen = [], set()
    for p in problems:
        if "ukjent" in p.message and any(q in kb.ugyldige for q in _QUOTED.findall(p.message)[:1]):
            continue
        key = (str(p.path), p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
