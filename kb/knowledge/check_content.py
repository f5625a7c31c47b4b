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


def content_problems(kb: KnowledgeBase, scenario_dir: Path | None, conformance_dir: Path | None,
                     coverage: bool = True) -> list[Problem]:
    """Every scenario answer and conformance case that the engine does not give (empty: all agree),
    and with ``coverage`` what the conformance cases must still cover (:mod:`kb.knowledge.coverage`;
    the site does not depend on that, so its build leaves it out)."""
    problems: list[Problem] = []
    if scenario_dir is not None and Path(scenario_dir).is_dir():
        for path in sorted(Path(scenario_dir).glob("*.md")):
            problems += scenario_answer_problems(kb, path, str(relative_path(path, kb.root)))
    if conformance_dir is not None and Path(conformance_dir).is_dir():
        problems += conformance_problems(kb, Path(conformance_dir), coverage)
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
    previous_end = 0
    for block in vurdering_blocks(text):
        del_2 = text.rfind("Del 2", previous_end, block.start)
        prose_start, previous_end = (del_2 if del_2 >= 0 else previous_end), block.end
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
            keys = {d.split(":", 1)[0] for d in found}
            mentions = prose_mentions(text, prose_start, block.start, [w for k, w in v.svar.items() if k in keys])
            where = ("; teksten over blokken nevner det skrevne svaret på " +
                     ", ".join(f"linje {n} («{w}»)" for n, w in mentions)) if mentions else ""
            out.append(Problem(shown, line, f"svaret for saken «{v.sak}» stemmer ikke med verktøyet: "
                                            f"{'; '.join(found)}{where}. Endre svaret i blokken og teksten rundt den "
                                            "(f.eks. antall uker og datoer i «Del 2») til verktøyets svar, "
                                            "eller rett kunnskapsbasen hvis verktøyet tar feil"))
    return out


def prose_mentions(text: str, start: int, end: int, values: list) -> list[tuple[int, str]]:
    r"""The lines of ``text[start:end]`` (the prose above an answer block) that write one of the
    block's written ``values`` as people write it: a date as «7. mai», «07.05.2027» or ISO, a
    number as digits. ``[(line, words)]``.

    >>> import datetime as dt
    >>> page = "Fristen går ut fredag 7. mai.\nKlagen sendes kommunen.\n"
    >>> prose_mentions(page, 0, len(page), [dt.date(2027, 5, 7)])
    [(1, '7. mai')]
    """
    import datetime as dt
    from kb.rules.deadlines import MONTHS
    forms = []
    for value in values:
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                continue
        if isinstance(value, dt.date):
            forms += [f"{value.day}. {MONTHS[value.month - 1]}", value.strftime("%d.%m.%Y"), value.isoformat()]
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            forms.append(str(value).replace(".", ","))
    out = []
    first_line = text.count("\n", 0, start) + 1
    for n, line in enumerate(text[start:end].splitlines(), first_line):
        if line.lstrip().startswith(("```", "<!--")):
            continue
        for form in forms:
            if re.search(r"(?<![\w.])" + re.escape(form) + r"(?!\w)", line):
                out.append((n, form))
                break
    return out


def _first_line_of(block, differences: list[str]) -> int:
    """The page line of the first written answer that differs (the block's first line if not found)."""
    keys = [d.split(":", 1)[0] for d in differences]
    for n, line in enumerate(block.body.splitlines()):
        if line.split(":", 1)[0].strip() in keys:
            return block.line + n
    return block.line


def conformance_problems(kb: KnowledgeBase, folder: Path, coverage: bool = True) -> list[Problem]:
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
    if coverage and not problems and cases and len(out) == 0:  # what the cases must still cover, once they all pass
        from kb.knowledge.coverage import coverage_problems
        out += coverage_problems(kb, cases)
    return out


_UNKNOWN = re.compile(r"ukjent (?:\w+ )?[«']([^»']+)[»']")
"""«ukjent opplysning «alder»», «ukjent tjeneste 'bpa'»: the id a message calls unknown."""


def drop_follow_ons(kb: KnowledgeBase, problems: list[Problem]) -> list[Problem]:
    """Each mistake once: a reference to an id that stands in its file but did not load (its own
    problem names the line) is not reported again as unknown, and a problem is never repeated."""
    out, seen = [], set()
    for p in problems:
        if any(q in kb.ugyldige for q in _UNKNOWN.findall(p.message)):
            continue
        key = (str(p.path), p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
