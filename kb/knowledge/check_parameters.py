"""``kb check`` on legal numbers: parameters (``parametre.yaml``), the rules that use them and ids.

* A value's quote (``sitat``) must stand in the section its source names (``kilde.avsnitt``), not
  just anywhere: in the knowledge base's restored text of that section when the knowledge base
  restores the document (the regional criteria, the Oslo routine), else in the stored source
  text itself (``kb/data/kilder/<fil>``), in the section under the heading line «== avsnitt ==»,
  the same sections the law layer's quotes are checked in (:mod:`kb.knowledge.check_law`).
* Where the quote states a number (digits or a Norwegian number word), the value must be one of
  them: a value of 6 weeks quoted «fire uker» is refused.
* A rule compares a fact with a parameter, never with a number written into the rule.
* Ids do not carry values: a parameter id or a fact name with a number in it, or a criterion id
  with a parameter's value in it, would be wrong the day the number changes.

    >>> sorted(stated_numbers("Fristen for å klage er fire uker fra vedtaket er mottatt."))
    [4]
    >>> sorted(stated_numbers("Voksne med nedsatt funksjonsevne (19 – 72 år)"))
    [19, 72]
    >>> sorted(stated_numbers("en tilstand som antas å ha en varighet utover tjuefem år"))
    [25]
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from kb.knowledge.check_law import sections
from kb.knowledge.loader import KnowledgeBase, relative_path
from kb.reading.yamlfile import Problem

_ONES = ["null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv",
         "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"]
_TENS = {20: ["tjue", "tyve"], 30: ["tretti", "tredve"], 40: ["førti"], 50: ["femti"], 60: ["seksti"],
         70: ["sytti"], 80: ["åtti"], 90: ["nitti"]}


def _number_words() -> dict[str, int]:
    words = {w: n for n, w in enumerate(_ONES)}
    words.update({"syv": 7, "ett": 1, "hundre": 100})
    for tens, names in _TENS.items():
        for name in names:
            words[name] = tens
            for n in range(1, 10):
                words[name + ("en" if n == 1 else _ONES[n])] = tens + n
    return words


NUMBER_WORDS = _number_words()
"""Norwegian number words 0–100 (bokmål, with the older forms syv, tyve, tredve) → value."""
ARTICLES = frozenset({"en", "ei", "ett", "én"})
"""Words that are «one» only sometimes («en tilstand»): they state a number only when the value is 1."""
_DIGITS = re.compile(r"(?<![\w,.])\d+(?:,\d+)?(?![\w])")
_WORD = re.compile(r"[a-zæøåé]+")


def stated_numbers(text: str) -> set[float]:
    """The numbers a text states, as digits or number words (articles like «en» left out)."""
    found = {float(m.group(0).replace(",", ".")) for m in _DIGITS.finditer(text)}
    found |= {float(NUMBER_WORDS[w]) for w in _WORD.findall(text.lower()) if w in NUMBER_WORDS and w not in ARTICLES}
    return {int(n) if n.is_integer() else n for n in found}


def _says(text: str, value: float) -> bool:
    if value == 1 and any(w in ARTICLES for w in _WORD.findall(text.lower())):
        return True
    return value in stated_numbers(text)


# --- quotes ---------------------------------------------------------------------------------------


def _normal(text: str) -> str:
    from kb.oslo.models import normalize
    return normalize(text)


def quote_problems(kb: KnowledgeBase, r) -> None:
    """Every value's source is registered, its quote stands in the section it names, and the
    value is the number the quote states (that last one is a :class:`ContentProblem`: the site
    still shows the value while the editor finds the source that states it)."""
    from kb.knowledge.check_content import ContentProblem
    from kb.knowledge.conformance import passages
    restored = passages(kb)
    documents = {d for d, _ in restored}
    for p in kb.parametre.values():
        key = f"parameter:{p.id}"
        for i, v in enumerate(p.verdier):
            dokument, avsnitt = v.kilde.dokument, v.kilde.avsnitt
            if dokument not in kb.kilder:
                r.at(key, ("verdier", i, "kilde"),
                     f"ukjent kildedokument «{dokument}». Legg kildeteksten i kb/data/kilder/ og registrer den i "
                     "kb/data/kilder/kilder.yaml (id, tittel, utgiver, fil), eller endre «dokument» til en "
                     f"registrert kilde ({', '.join(sorted(kb.kilder))})")
                continue
            quote = _normal(v.sitat)
            if dokument in documents:
                section = restored.get((dokument, avsnitt))
                if section is None:
                    r.at(key, ("verdier", i, "kilde"),
                         f"kunnskapsbasen har ikke avsnittet «{avsnitt}» i «{dokument}». Endre «avsnitt» til "
                         "avsnittet slik tjenestene, kapitlene og rutinen skriver det (f.eks. «Klageadgang» eller "
                         "«Tjenester › Brukerstyrt personlig assistanse (BPA) › Kriterier»)")
                    continue
                where = "den gjenopprettede teksten"
            else:
                path = kb.kildefil(dokument)
                if not path.is_file():
                    continue  # reported as a missing source text (check_sources)
                found = sections(kb, dokument)
                section = found.get(avsnitt)
                if section is None:
                    known = ", ".join(f"«{h}»" for h in list(found)[:6]) or "ingen"
                    r.at(key, ("verdier", i, "kilde"),
                         f"kildeteksten «{path.name}» har ikke avsnittet «{avsnitt}» (en linje «== {avsnitt} ==»). "
                         f"Avsnitt i filen: {known}. Endre «avsnitt» til en av dem, eller rett kildeteksten")
                    continue
                where = f"kildeteksten «{path.name}»"
            if quote not in section:
                elsewhere = [a for (d, a), text in restored.items() if d == dokument and quote in text] or \
                    [h for h, text in sections(kb, dokument).items() if quote in text]
                hint = f" (det står i «{elsewhere[0]}»)" if elsewhere and elsewhere[0] != avsnitt else ""
                r.at(key, ("verdier", i, "sitat"),
                     f"sitatet for «{p.id}» står ikke i {where} av avsnittet «{avsnitt}»{hint}: "
                     f"«{v.sitat[:60]}». Endre «sitat» til ordene slik de står i avsnittet, eller endre «avsnitt» "
                     "til avsnittet der sitatet står")
                continue
            numbers = stated_numbers(v.sitat)
            if numbers and not _says(v.sitat, v.verdi):
                shown = ", ".join(str(n).replace(".", ",") for n in sorted(numbers))
                r.problems.append(ContentProblem.of(kb.problem(key, ("verdier", i, "verdi"),
                     f"verdien {_show(v.verdi)} står ikke i sitatet, som sier {shown}: «{v.sitat[:60]}». "
                     f"Endre «verdi» til tallet kilden sier, eller sitér (og før opp som kilde) teksten som sier "
                     f"{_show(v.verdi)} {p.enhet}")))


def _show(value: float) -> str:
    return str(value).replace(".", ",")


# --- rules with numbers written in ---------------------------------------------------------------


def _comparisons(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every rule comparison (a mapping with ``fakta`` and ``verdi``) in a YAML value, with its path."""
    if isinstance(data, dict):
        if "fakta" in data and "verdi" in data:
            yield loc, data
        for k, v in data.items():
            yield from _comparisons(v, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _comparisons(v, loc + (i,))


def literal_problems(kb: KnowledgeBase) -> list[Problem]:
    """Rules (services of every criteria set, Oslo's routine) that compare with a number written
    into the rule instead of a parameter."""
    by_value: dict[float, list[str]] = {}
    for p in kb.parametre.values():
        for v in p.verdier:
            by_value.setdefault(v.verdi, []).append(p.id)
    out = []
    for path, doc in kb.docs.items():
        if doc is None:
            continue
        for loc, node in _comparisons(doc.data):
            value = node["verdi"]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            known = sorted(set(by_value.get(value, [])))
            hint = (f"«verdi: {{parameter: {known[0]}}}»" if known else "«verdi: {parameter: ID}»")
            out.append(Problem(relative_path(path, kb.root), doc.line_of(loc + ("verdi",)),
                               f"regelen sammenligner «{node['fakta']}» med tallet {_show(value)} skrevet rett inn; "
                               f"juridiske tall skal stå i parametre.yaml. Endre til {hint}, eller legg tallet "
                               "til i parametre.yaml med kilde og sitat og vis til det"))
    return out


# --- ids without values ---------------------------------------------------------------------------

PUBLISHED_IDS = frozenset({
    "barnekoordinator-venter-eller-har-barn-under-18", "bpa-rett-25-timer", "bpa-rett-32-timer",
    "bpa-rett-under-67", "dagaktivitet-funksjonsnedsettelse-ikke-over-72",
    "dagaktivitet-funksjonsnedsettelse-voksne-19-72", "hverdagsrehabilitering-over-18-bor-hjemme-funksjonsnedsettelse",
    "parorendestotte-saerlig-tyngende-over-2-ar", "parorendestotte-varighet-over-2-ar", "psykisk-helse-og-rus-over-18",
    "stottekontakt-barn-under-8"})
"""Criterion ids with a parameter's value in them that were published before this check (they are
in the JSON of ``kb evaluate``, the conformance cases and the scenario pages, so they stay). No
new id belongs here."""

PUBLISHED_FACTS = frozenset({"bpa_innvilget_for_67"})
"""Fact names with a number that are part of the public contract: «was BPA granted before the person
turned 67» names the law's own point in time (pasient- og brukerrettighetsloven § 2-1 d), not a limit
the region can move. No other name belongs here."""

_NUMBER_PART = re.compile(r"(?:^|[-_])(\d+)(?=$|[-_])")


def _numbers_in(identifier: str) -> list[int]:
    return [int(n) for n in _NUMBER_PART.findall(identifier)]


def _parameters_in(regel) -> list[str]:
    """The parameter ids a rule names (``verdi: {parameter: id}``)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("parameter"), str):
                found.append(node["parameter"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    if regel is not None:
        walk(regel.model_dump() if hasattr(regel, "model_dump") else regel)
    return found


def id_problems(kb: KnowledgeBase, r) -> None:
    """Parameter ids and fact names with a number in them; criterion ids with the value of a
    parameter their rule uses."""
    for p in kb.parametre.values():
        for n in _numbers_in(p.id):
            r.at(f"parameter:{p.id}", ("id",),
                 f"parameter-id-en «{p.id}» inneholder tallet {n}: tallet hører hjemme i «verdi» og kan endres, "
                 "id-en kan ikke. Endre id-en til et navn uten tallet (f.eks. «bpa-aldersgrense»), og rett "
                 "henvisningene til den")
    for name in kb.opplysninger:
        if name in PUBLISHED_FACTS:
            continue
        for n in _numbers_in(name):
            r.at(f"opplysning:{name}", ("navn",),
                 f"opplysningen «{name}» har tallet {n} i navnet: en grense hører hjemme i parametre.yaml, ikke i "
                 "navnet. Endre navnet til det som måles (f.eks. «timer_per_uke»), eller gi grensen en parameter")
    for sett, services in kb.tjenester_per_sett().items():
        for t in services.values():
            for k in t.kriterier():
                if k.kriterium in PUBLISHED_IDS:
                    continue
                used = {pid: kb.parametre[pid] for pid in _parameters_in(k.regel) if pid in kb.parametre}
                hits = [(n, pid) for n in _numbers_in(k.kriterium) for pid, p in used.items()
                        if any(v.verdi == n for v in p.verdier)]
                if hits:
                    n, pid = hits[0]
                    message = (f"kriterie-id-en «{k.kriterium}» inneholder {n}, som er verdien til parameteren "
                               f"«{pid}» som regelen bruker: id-en blir feil den dagen tallet endres. Endre id-en "
                               "til et navn uten tallet (f.eks. «…-aldersgrense», «…-timer»)")
                    if services is kb.tjenester:
                        r.criterion(t, k.kriterium, ("kriterium",), message)
                    else:
                        r.at(f"tjeneste:{sett}:{t.id}", (), message)


def check_parameters(kb: KnowledgeBase, r) -> None:
    """Everything this module checks, reported on ``kb check``'s reporter ``r``."""
    quote_problems(kb, r)
    r.problems.extend(literal_problems(kb))
    id_problems(kb, r)
    for p in kb.parametre.values():
        for i, v in enumerate(p.verdier):
            for j, ref in enumerate(v.lovhenvisninger):
                if ref.lov not in kb.lover:
                    r.at(f"parameter:{p.id}", ("verdier", i, "lovhenvisninger", j),
                         f"ukjent lov «{ref.lov}». Endre «lov» til en id i lover.yaml, eller legg loven til der")
    for key, t, _ in kb.tjenester_med_nokkel():  # every criteria set's services
        for j, pid in enumerate(t.aldersgrense.parametre if t.aldersgrense else []):
            if pid not in kb.parametre:
                r.at(key, ("aldersgrense", "parametre", j), f"ukjent parameter «{pid}»")
