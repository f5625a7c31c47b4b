"""Consistency checks over the whole knowledge base (``kb check``).

:func:`check` loads every file, validates it against the schema and then checks every
cross-reference: laws, facts, municipalities, services, criteria, templates, glossary
links and source documents; rule types against the fact vocabulary; leftover OCR
artifacts. Every problem is reported as ``file:line: message``, all at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from kb.knowledge.loader import DATA_DIR, KnowledgeBase, load_kb, relative_path
from kb.knowledge.check_law import check_law
from kb.knowledge.sourcelines import check_source_lines
from kb.knowledge.check_transcription import check_transcription
from kb.criteria.models import Kriterium, Tjeneste
from kb.rules.interpreter import criteria_used, facts_used, type_errors
from kb.reading.yamlfile import Problem

OCR_ARTIFACTS = re.compile(
    r"\b(gnsk\w*|ngdvendig\w*|gjgvik|stgtte\w*|sgker\w*|spknad\w*|fglg\w*|pargrende\w*|"
    r"pararende\w*|tjenesteutgver\w*|heldggn\w*|dggn\w*|bgr|fgr|vaere|veere|innebaer\w*|"
    r"innebzer\w*|saerlig|szerlig|naermeste|neermeste|opplaering|oppleering|ernaering|ernzering|"
    r"malgruppe|formal|lovpalagt\w*|arsak\w*|tilveerelse|tilvaerelse|mgte|hgy\w*|kjgle\w*|"
    r"lgsning\w*|gkt|gker|stgrre|stgrst|utfgr\w*|fgrst\w*|dpgn\w*|degn\w*|Igse|Igsning\w*)\b"
    r"|(?<![\w§])\|(?=\s)")
"""Typical OCR garbling of æ/ø/å left in text (``gnsker`` for ønsker, ``|`` for I …)."""

FNR = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
PHONE = re.compile(r"(?<![\d§-])(?:\+47\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?![\d-])")
ALLOWED_EMAILS = frozenset({"saksbehandlingsveilederen@helsedir.no"})
"""Official addresses quoted from the sources."""


def personal_data(text: str) -> list[str]:
    """Descriptions of what in ``text`` looks like personal data (fødselsnummer, e-mail, phone)."""
    found = []
    for a, b in FNR.findall(text):
        if looks_like_fnr(a + b):
            found.append("teksten ser ut til å inneholde et fødselsnummer")
    for m in EMAIL.findall(text) if "@" in text else ():
        if m.lower() not in ALLOWED_EMAILS:
            found.append(f"teksten inneholder en e-postadresse ({m})")
    for m in PHONE.findall(text):
        found.append(f"teksten ser ut til å inneholde et telefonnummer ({m.strip()})")
    return found


def looks_like_fnr(digits: str) -> bool:
    """True when an 11-digit string has valid fødselsnummer check digits."""
    d = [int(c) for c in digits]
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k1 = 11 - sum(a * b for a, b in zip(w1, d[:9])) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(a * b for a, b in zip(w2, d[:10])) % 11
    k2 = 0 if k2 == 11 else k2
    return k1 < 10 and k2 < 10 and d[9] == k1 and d[10] == k2


IDENTIFIER_KEYS = frozenset({"id", "del", "art", "kriterium", "dokument", "lov", "fakta", "op",
                             "kommune", "inngar_i", "se", "fil", "lovdata_id", "svar", "gruppe",
                             "form", "type", "navn_id", "synonymer", "stikkord", "felt", "mangler_som",
                             "parameter", "regel", "tall", "parametre", "adresse"})
"""Keys whose values are ids, not prose: they are not checked for OCR artifacts."""


def walk_strings(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every prose string in a YAML value with its data path (id-valued keys are skipped)."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for k, v in data.items():
            if k not in IDENTIFIER_KEYS:
                yield from walk_strings(v, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk_strings(v, loc + (i,))


class _Reporter:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.problems: list[Problem] = []

    def at(self, objkey: str, loc: tuple, message: str) -> None:
        self.problems.append(self.kb.problem(objkey, loc, message))

    def criterion(self, tjeneste: Tjeneste, kid: str, sub: tuple, message: str, key: str | None = None) -> None:
        self.problems.append(self.kb.kriterium_problem(key or f"tjeneste:{tjeneste.id}", kid, sub, message))


def _criteria_scope(kb: KnowledgeBase, t: Tjeneste, table: dict[str, Tjeneste] | None = None) -> dict[str, Kriterium]:
    table = kb.tjenester if table is None else table
    scope = {k.kriterium: k for k in t.kriterier()}
    if t.inngar_i and t.inngar_i in table:
        for k in table[t.inngar_i].kriterier():
            scope.setdefault(k.kriterium, k)
    return scope


def check_services(kb: KnowledgeBase, r: _Reporter) -> None:
    """Cross-references inside and out of every service file (of every criteria set; a criterion id
    is unique within its set)."""
    seen: dict[int, dict[str, str]] = {}
    for key, t, table in kb.tjenester_med_nokkel():
        seen_criteria = seen.setdefault(id(table), {})

        def criterion(kid: str, sub: tuple, message: str, t=t, key=key) -> None:
            r.criterion(t, kid, sub, message, key)

        if t.kilde.dokument not in kb.kilder:
            r.at(key, ("kilde", "dokument"), f"ukjent kildedokument «{t.kilde.dokument}»")
        if t.inngar_i and t.inngar_i not in table:
            r.at(key, ("inngar_i",), f"ukjent tjeneste «{t.inngar_i}»")
        for field, refs in (("lovgrunnlag", t.lovgrunnlag),
                            ("lovpalagt_grunnlag", t.lovpalagt_grunnlag.lovhenvisninger)):
            for i, ref in enumerate(refs):
                if ref.lov not in kb.lover:
                    loc = (field, i, "lov") if field == "lovgrunnlag" else (field, "lovhenvisninger", i, "lov")
                    r.at(key, loc, f"ukjent lov «{ref.lov}» (se lover.yaml)")
        for i, u in enumerate(t.gjelder_ikke_for):
            if u.kommune not in kb.kommuner:
                r.at(key, ("gjelder_ikke_for", i, "kommune"), f"ukjent kommune «{u.kommune}»")
        scope = _criteria_scope(kb, t, table)
        if t.rettskrav is not None:
            for name in facts_used(t.rettskrav):
                if name not in kb.opplysninger:
                    r.at(key, ("rettskrav",), f"rettskrav bruker ukjent opplysning «{name}»")
            for kid in criteria_used(t.rettskrav):
                target = scope.get(kid) or kb.lovvilkar.get(kid)
                if target is None:
                    r.at(key, ("rettskrav",), f"rettskrav viser til ukjent kriterium eller lovvilkår «{kid}»")
                elif target.regel is None:
                    r.at(key, ("rettskrav",), f"rettskrav viser til «{kid}», som ikke har regel")
        for k in t.kriterier():
            if k.kriterium in seen_criteria:
                criterion(k.kriterium, ("kriterium",),
                            f"kriterium-id «{k.kriterium}» finnes fra før (i {seen_criteria[k.kriterium]})")
            seen_criteria.setdefault(k.kriterium, t.id)
            if k.regel is not None:
                if k.art in ("vurderingsmoment",):
                    criterion(k.kriterium, ("art",),
                                f"«{k.kriterium}» er et vurderingsmoment (skjønn) og skal ikke ha regel")
                for msg in type_errors(k.regel, kb.opplysninger, latest_values(kb)):
                    criterion(k.kriterium, ("regel",), msg)
                for kid in criteria_used(k.regel):
                    if kid not in scope or kid == k.kriterium:
                        criterion(k.kriterium, ("regel",), f"regelen viser til ukjent kriterium «{kid}»")
            elif k.art == "rettskrav":
                criterion(k.kriterium, ("art",), f"«{k.kriterium}» er vilkår for rettskrav, men mangler regel")
            for i, u in enumerate(k.unntak):
                if u.kommune not in kb.kommuner:
                    criterion(k.kriterium, ("unntak", i, "kommune"), f"ukjent kommune «{u.kommune}»")
            for i, ref in enumerate(k.lovhenvisninger):
                if ref.lov not in kb.lover:
                    criterion(k.kriterium, ("lovhenvisninger", i, "lov"), f"ukjent lov «{ref.lov}» (se lover.yaml)")
            if k.kilde and k.kilde.dokument not in kb.kilder:
                criterion(k.kriterium, ("kilde", "dokument"), f"ukjent kildedokument «{k.kilde.dokument}»")


def check_chapters_and_glossary(kb: KnowledgeBase, r: _Reporter) -> None:
    """Chapter sources and glossary links."""
    for c in kb.kapitler.values():
        if c.kilde.dokument not in kb.kilder:
            r.at(f"kapittel:{c.id}", ("kilde", "dokument"), f"ukjent kildedokument «{c.kilde.dokument}»")
        for i, ref in enumerate(c.lovhenvisninger):
            if ref.lov not in kb.lover:
                r.at(f"kapittel:{c.id}", ("lovhenvisninger", i, "lov"), f"ukjent lov «{ref.lov}» (se lover.yaml)")
    path = kb.root / "ordliste.yaml"
    doc = kb.docs.get(path)
    targets = set(kb.tjenester) | set(kb.kapitler)
    for i, entry in enumerate(kb.ordliste):
        for j, target in enumerate(entry.se):
            if target not in targets:
                line = doc.line_of((i, "se", j)) if doc else None
                r.problems.append(Problem(_shown(kb, path), line,
                                          f"ordlisten viser til ukjent side «{target}»"))


def latest_values(kb: KnowledgeBase) -> dict:
    """Each parameter's last value (for type checks: every parameter has one)."""
    return {pid: p.verdier[-1].verdi for pid, p in kb.parametre.items()}


def check_parameters(kb: KnowledgeBase, r: _Reporter) -> None:
    """Legal numbers: quotes in the section they name and stating the value, rules without
    numbers written in, ids without values (:mod:`kb.knowledge.check_parameters`)."""
    from kb.knowledge.check_parameters import check_parameters as run
    run(kb, r)


def restored_texts(kb: KnowledgeBase):
    """Every restored source text in the knowledge base: services, chapters and the Oslo routine."""
    for t in list(kb.tjenester.values()) + list(kb.kapitler.values()):
        yield from walk_strings(t.model_dump(mode="json"))
    if kb.oslo is not None:
        for s in kb.oslo.alle_seksjoner():
            yield (), s.tekst()


def check_criteria_sets(kb: KnowledgeBase, r: _Reporter) -> None:
    """Every criteria set names known municipalities, has its folder, and no municipality is in two sets."""
    owner: dict[str, str] = {}
    for sett in kb.kriteriesett.values():
        key = f"kriteriesett:{sett.id}"
        if not (kb.root / sett.mappe).is_dir():
            r.at(key, ("mappe",), f"mappen «{sett.mappe}» finnes ikke")
        for j, kid in enumerate(sett.kommuner):
            if kid not in kb.kommuner:
                r.at(key, ("kommuner", j), f"ukjent kommune «{kid}» (se kommuner.yaml)")
            elif kid in owner:
                r.at(key, ("kommuner", j), f"kommunen «{kid}» står også i kriteriesettet «{owner[kid]}»")
            owner.setdefault(kid, sett.id)
        if kb.kilder and sett.kilde.dokument not in kb.kilder:
            r.at(key, ("kilde", "dokument"), f"ukjent kildedokument «{sett.kilde.dokument}»")


STORED_COPY_BYTES = 200
"""A stored source text shorter than this is not a copy of the source."""


def check_sources(kb: KnowledgeBase, r: _Reporter) -> None:
    """Every registered source document has its text in ``kb/data/kilder/`` (a copy, not a stub),
    and a stored public page the law layer or a parameter cites says where and when it was read
    (``adresse``, ``lest``, ``art``; what those say is checked in :mod:`kb.knowledge.check_law`)."""
    from kb.oslo.basics import DOKUMENT as OSLO
    own = {s.kilde.dokument for s in kb.kriteriesett.values()} | {OSLO}
    cited = {q.kilde.dokument for p in kb.lovtekster.values() for q in p.sitater} | \
        {v.kilde.dokument for p in kb.parametre.values() for v in p.verdier}
    for doc in kb.kilder.values():
        path = kb.kildefil(doc.id)
        if not path.is_file():
            r.at(f"kilde:{doc.id}", ("fil",), f"kildeteksten «{doc.fil}» finnes ikke i kb/data/kilder/")
        elif path.stat().st_size < STORED_COPY_BYTES:
            r.at(f"kilde:{doc.id}", ("fil",), f"kildeteksten «{doc.fil}» er under {STORED_COPY_BYTES} byte. Lagre "
                                             "hele teksten du siterer fra (kopiert fra kilden), ikke bare sitatet")
        if doc.id in cited and doc.id not in own and not doc.adresse:
            r.at(f"kilde:{doc.id}", (), f"kilden «{doc.id}» er en lagret kopi av en offentlig side: skriv hvor den ble "
                                       "hentet («adresse: https://…»), når den ble lest («lest: ÅÅÅÅ-MM-DD») og hva "
                                       "slags kilde den er («art»)")


def check_navigation_aids(kb: KnowledgeBase, r: _Reporter) -> None:
    """Service ids in the innsatstrapp and the categories must exist."""
    for name, items in (("innsatstrapp.yaml", kb.innsatstrapp), ("kategorier.yaml", kb.kategorier)):
        path = kb.root / name
        doc = kb.docs.get(path)
        for i, item in enumerate(items):
            for j, sid in enumerate(item.tjenester):
                if sid not in kb.tjenester:
                    line = doc.line_of((i, "tjenester", j)) if doc else None
                    r.problems.append(Problem(_shown(kb, path), line, f"ukjent tjeneste «{sid}»"))


def _shown(kb: KnowledgeBase, path: Path) -> str:
    return str(relative_path(path, kb.root))


def check_text(kb: KnowledgeBase, r: _Reporter) -> None:
    """OCR artifacts and personal data (fødselsnummer) in any text of any file."""
    for path, doc in kb.docs.items():
        if doc is None:
            continue
        for loc, text in walk_strings(doc.data):
            m = None if text.startswith(("http://", "https://")) else OCR_ARTIFACTS.search(text)
            if m:
                r.problems.append(Problem(_shown(kb, path), doc.line_of(loc),
                                          f"OCR-feil i teksten: «{m.group(0).strip()}»"))
            for message in personal_data(text):
                r.problems.append(Problem(_shown(kb, path), doc.line_of(loc), message))


REQUIRED_SECTIONS = ("tjenestebeskrivelse", "lovgrunnlag")
"""Sections every service that is not a measure under another service must have."""


def check_required_sections(kb: KnowledgeBase, r: _Reporter) -> None:
    """Services missing a required section, or without any criterion."""
    for key, t, _ in kb.tjenester_med_nokkel():
        present = {s.del_ for s in t.alle_seksjoner()}
        if t.inngar_i is None:
            for name in REQUIRED_SECTIONS:
                if name not in present:
                    r.at(key, ("seksjoner",), f"tjenesten mangler seksjonen «{name}»")
        if not t.kriterier():
            r.at(key, ("seksjoner",), "tjenesten har ingen kriterier")


def check_scenarios(kb: KnowledgeBase, r: _Reporter, folder: Path) -> None:
    """Scenario pages: known services in the front matter, valid case blocks, no personal data."""
    from kb.criteria.evaluate import CaseError, validate_case
    from kb.reading.scenario_pages import front_matter
    from kb.reading.yamlfile import parse_yaml
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.md")):
        shown = str(relative_path(path, kb.root))
        text = path.read_text(encoding="utf-8")
        try:
            meta = front_matter(text, path)
        except Problem as p:
            r.problems.append(Problem(shown, p.line, p.message))
            continue
        for sid in meta.get("tjenester", []) or []:
            if sid not in kb.tjenester:
                r.problems.append(Problem(shown, _line(text, str(sid)), f"ukjent tjeneste «{sid}» i front matter"))
        for lineno, line in enumerate(text.splitlines(), 1):
            for message in personal_data(line):
                r.problems.append(Problem(shown, lineno, message))
        for m in re.finditer(r"<!-- sak: (?P<name>[\w-]+) -->\s*```yaml\n(?P<body>.*?)```", text, re.S):
            start = text.count("\n", 0, m.start("body")) + 1
            try:
                doc = parse_yaml(m.group("body"), path)
            except Problem as p:
                r.problems.append(Problem(shown, start + (p.line or 1) - 1, p.message))
                continue
            case = doc.data if isinstance(doc.data, dict) else {}
            if "sak" in case:  # a procedure case: checked by kb procedure's own validation
                if case.get("tjeneste") is not None and case["tjeneste"] not in kb.tjenester:
                    r.problems.append(Problem(shown, start + (doc.line_of(("tjeneste",)) or 1) - 1,
                                              f"ukjent tjeneste «{case['tjeneste']}»"))
                continue
            try:
                validate_case(case, kb)
            except CaseError as exc:
                line = doc.line_of(exc.loc) or 1
                r.problems.append(Problem(shown, start + line - 1, f"saken «{m.group('name')}»: {exc}"))


def _line(text: str, needle: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


def check(root: Path | str = DATA_DIR, scenario_dir: Path | None = None, conformance_dir: Path | None = None,
          *, content: bool = True, coverage: bool = True) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and check the knowledge base under ``root`` (and the scenario pages); return it and
    every problem found. With ``content`` (when every file loads), also every answer the
    scenario pages and the conformance cases expect (:mod:`kb.knowledge.check_content`), and with
    ``coverage`` the conformance cases still missing (:mod:`kb.knowledge.coverage`)."""
    kb, problems = load_kb(root)
    return kb, check_loaded(kb, problems, scenario_dir, conformance_dir, content=content, coverage=coverage)


def check_loaded(kb: KnowledgeBase, problems: list[Problem], scenario_dir: Path | None = None,
                 conformance_dir: Path | None = None, *, content: bool = True, coverage: bool = True
                 ) -> list[Problem]:
    """:func:`check` on a knowledge base already loaded (``problems``: the loader's). It reads
    the knowledge base and changes nothing in it, so the site build runs it beside the page
    generation (:mod:`kb.site.beside`)."""
    from kb.knowledge.check_content import content_problems, drop_follow_ons
    from kb.knowledge.conformance import CONFORMANCE_DIR
    from kb.reading.scenario_pages import SCENARIO_DIR
    r = _Reporter(kb)
    check_sources(kb, r)
    check_criteria_sets(kb, r)
    check_parameters(kb, r)
    check_services(kb, r)
    check_source_lines(kb, r)
    check_transcription(kb, r)
    check_required_sections(kb, r)
    check_chapters_and_glossary(kb, r)
    check_navigation_aids(kb, r)
    check_text(kb, r)
    check_law(kb, r)
    check_scenarios(kb, r, SCENARIO_DIR if scenario_dir is None else scenario_dir)
    found = drop_follow_ons(kb, problems + r.problems)
    if content and not problems:  # the engine runs only on a knowledge base that loads
        found += content_problems(kb, SCENARIO_DIR if scenario_dir is None else scenario_dir,
                                 CONFORMANCE_DIR if conformance_dir is None else conformance_dir, coverage)
    return found
