"""The reason tree (``begrunnelse``) of an evaluation, in the manner of NAV's NARE.

Every node holds a criterion or a rule, its value, the facts it read, what is missing, and its
children. Facts are named by their label (``etikett``), never by their name. The tree has two branches under the service: ``utfall`` (the service's criteria) and,
where the service has one, ``rettskrav`` (the statutory right), so a missing right never reads
as a failed criterion. Each node carries a short Norwegian ``tekst``.

Example::

    >>> from kb.criteria.evaluate import evaluate
    >>> from kb.knowledge.loader import load_kb_or_raise
    >>> r = evaluate({"tjeneste": "bpa", "vurderingsdato": "2026-12-01",
    ...               "opplysninger": {"alder": 70, "timer_per_uke": 40, "varighet_ar": 3,
    ...                                "bpa_innvilget_for_67": False}}, load_kb_or_raise())
    >>> r.begrunnelse["barn"][1]["tekst"]
    'Rett etter pasient- og brukerrettighetsloven § 2-1 d: Nei – alder 70 år, grensen er under 67 år; BPA innvilget før 67 år: nei. Kommunen kan likevel vurdere å tildele tjenesten etter skjønn.'
"""

from __future__ import annotations

from typing import Callable, Mapping

from kb.rules.describe import describe
from kb.rules.interpreter import Verdi, compare, operand
from kb.rules.language import Alle, Ikke, KriteriumRef, Noen, Regel, Sammenligning
from kb.rules.words import LIMIT, REGIONALE, RETT, UTFALL, etikett, tall



def _value_text(value) -> str:
    return tall(value)


def leaf_text(regel: Sammenligning, facts: Mapping, parametre: Mapping, vocabulary: Mapping | None = None) -> str:
    """One comparison in words, the fact by its label (``etikett``) and with its unit:
    ``alder 70 år, grensen er under 67 år``, ``kan være arbeidsleder: ja`` or ``alder er ikke kartlagt``."""
    name, value = regel.fakta, facts.get(regel.fakta)
    label = etikett(name, vocabulary)
    if value is None:
        return f"{label} er ikke kartlagt"
    limit = operand(regel, parametre)
    if isinstance(limit, bool):
        return f"{label}: {_value_text(value)}"
    fact = vocabulary.get(name) if vocabulary else None
    unit = f" {fact.enhet}" if fact is not None and fact.enhet else ""
    if isinstance(limit, list):
        return f"{label} {_value_text(value)}{unit} (gjelder {', '.join(map(_value_text, limit))})"
    if isinstance(limit, str):
        return f"{label}: {_value_text(value)}{unit}"
    return f"{label} {_value_text(value)}{unit}, grensen er {LIMIT[regel.op]} {_value_text(limit)}{unit}"


_described: dict[tuple[int, int], tuple[object, str]] = {}


def _describe(regel: Regel, vocabulary: Mapping, parametre: Mapping) -> str:
    """``describe`` memoised per rule object and parameter values."""
    key = (id(regel), id(parametre))
    hit = _described.get(key)
    if hit is None or hit[0] is not regel:
        if len(_described) > 50_000:
            _described.clear()
        hit = (regel, describe(regel, vocabulary, parametre))
        _described[key] = hit
    return hit[1]


def rule_node(regel: Regel, facts: Mapping, parametre: Mapping, value_of: Callable[[str], Verdi],
              vocabulary: Mapping, rules: Mapping[str, Regel | None]) -> dict:
    """The reason node of a rule and its parts (a criterion reference shows that criterion's rule).

    Values are combined from the children with the interpreter's three-valued logic, so each
    part is evaluated once.
    """
    if isinstance(regel, Sammenligning):  # read as evaluate_rule reads a comparison
        name = regel.fakta
        known = facts.get(name)
        if known is None:
            verdi = False if regel.ved_tvil == "usann" else None
            return {"regel": _describe(regel, vocabulary, parametre), "verdi": verdi, "fakta": {}, "mangler": [name],
                    "tekst": leaf_text(regel, facts, parametre, vocabulary), "barn": []}
        return {"regel": _describe(regel, vocabulary, parametre), "verdi": compare(regel, known, parametre),
                "fakta": {name: known}, "mangler": [], "tekst": leaf_text(regel, facts, parametre, vocabulary),
                "barn": []}
    node: dict = {"regel": _describe(regel, vocabulary, parametre)}
    if isinstance(regel, KriteriumRef):
        node["kriterium"] = regel.kriterium
        target = rules.get(regel.kriterium)
        children = [rule_node(target, facts, parametre, value_of, vocabulary, rules)] if target is not None else []
        verdi = value_of(regel.kriterium).verdi
    else:
        parts = regel.alle if isinstance(regel, Alle) else regel.noen if isinstance(regel, Noen) else [regel.ikke]
        children = [rule_node(r, facts, parametre, value_of, vocabulary, rules) for r in parts]
        verdi = _combine(regel, [c["verdi"] for c in children])
    node["verdi"] = verdi
    node["fakta"] = {k: val for c in children for k, val in c["fakta"].items()}
    node["mangler"] = [] if verdi is not None else list(dict.fromkeys(
        m for c in children if c["verdi"] is None for m in c["mangler"]))
    node["tekst"] = "; ".join(deciding_texts(regel, node, children))
    node["barn"] = children
    return node


def _combine(regel: Regel, values: list) -> bool | None:
    """Kleene's AND, OR and NOT over the children's values."""
    if isinstance(regel, Alle):
        return False if False in values else None if None in values else True
    if isinstance(regel, Noen):
        return True if True in values else None if None in values else False
    return None if values[0] is None else not values[0]


def deciding_texts(regel: Regel, node: dict, children: list[dict]) -> list[str]:
    """The texts of the parts that decide a node's value (the failing part of an «og», the first
    part that holds of an «eller» …), each once (a fact two parts lack is named once)."""
    if isinstance(regel, Alle) and node["verdi"] is False:
        children = [c for c in children if c["verdi"] is False]
    elif isinstance(regel, Noen) and node["verdi"] is True:
        children = [c for c in children if c["verdi"] is True][:1]
    elif node["verdi"] is None:
        children = [c for c in children if c["verdi"] is None]
    parts = [p for c in children if c["tekst"] for p in c["tekst"].split("; ")]
    return list(dict.fromkeys(parts))


def criterion_node(result, rule: Regel | None, facts, parametre, value_of, vocabulary, rules) -> dict:
    """The reason node of one criterion result."""
    if rule is None:
        return {"kriterium": result.id, "art": result.art, "verdi": result.status, "mangler": list(result.mangler),
                "kilde": result.kilde, "fakta": {}, "tekst": "vurderes av saksbehandler (skjønn)", "barn": []}
    node = {"kriterium": result.id, "art": result.art, "verdi": result.status, "mangler": list(result.mangler),
            "kilde": result.kilde}
    inner = rule_node(rule, facts, parametre, value_of, vocabulary, rules)
    node.update(fakta=inner["fakta"], tekst=inner["tekst"], barn=[inner])
    return node


def right_heading(results) -> str:
    """«Rett etter <the law>» when the law's own conditions decide the right, else «Rettskrav»."""
    laws = list(dict.fromkeys(law for r in results if r.art == "lovvilkar" for law in r.lovhenvisninger))
    return f"Rett etter {' og '.join(laws)}" if laws else "Rettskrav"


def utfall_text(utfall: str, overskrift: str = REGIONALE) -> str:
    """The guidance's answer: «De regionale kriteriene (veiledende): Oppfylt – …» (another set's:
    «Kriteriene for <region> (veiledende): …», see :func:`guidance_words`)."""
    word, meaning = UTFALL[utfall]
    return f"{overskrift}: {word} – {meaning}"


FIRST_SET_WORDS = {"overskrift": REGIONALE, "kriteriene": "de regionale kriteriene",
                   "et_kriterium": "Et regionalt kriterium", "sjekket": "Regionale kriterier som er sjekket"}
"""How the texts name the first criteria set's guidance (the regional criteria it was written for)."""


def guidance_words(sets: Mapping, sett_id: str | None = None) -> dict[str, str]:
    """How the texts (reason tree, report, form, journal note, pages) name the guidance a case is
    read against: the first criteria set as «de regionale kriteriene», as before there were sets;
    another set by its own region, so no text of set B calls set A's criteria its own.

    >>> class S: region = "Testregion"
    >>> guidance_words({"a": S(), "b": S()}, "b")["overskrift"]
    'Kriteriene for Testregion (veiledende)'
    >>> guidance_words({"a": S(), "b": S()}, "a") == guidance_words({}, None) == FIRST_SET_WORDS
    True
    """
    first = next(iter(sets), None)
    if sett_id is None or sett_id == first or sett_id not in sets:
        return dict(FIRST_SET_WORDS)
    region = sets[sett_id].region
    return {"overskrift": f"Kriteriene for {region} (veiledende)", "kriteriene": f"kriteriene for {region}",
            "et_kriterium": f"Et av kriteriene for {region}", "sjekket": f"Kriteriene for {region} som er sjekket"}


UNKNOWN = " er ikke kartlagt"


def right_text(heading: str, rettskrav: bool | None, inner: str, uten_rettskrav: bool) -> str:
    """The law's answer: «Rett etter …: Nei – alder 70 år, grensen er under 67 år. …»."""
    parts = inner.split("; ") if inner else []
    unknown = [p[: -len(UNKNOWN)] for p in parts if p.endswith(UNKNOWN)]
    if len(unknown) > 1:
        parts = [p for p in parts if not p.endswith(UNKNOWN)] + [f"ikke kartlagt: {', '.join(unknown)}"]
    inner = "; ".join(parts)
    text = f"{heading}: {RETT[rettskrav]}" + (f" – {inner}." if inner else ".")
    if rettskrav is False and uten_rettskrav:
        text += " Kommunen kan likevel vurdere å tildele tjenesten etter skjønn."
    return text


def tree(service, results, rules: Mapping[str, Regel | None], utfall: str, rettskrav: bool | None,
         facts, parametre, value_of, vocabulary, overskrift: str = REGIONALE) -> dict:
    """The whole reason tree of one evaluation; its ``tekst`` gives the law's answer first.
    ``overskrift`` names the guidance (:func:`guidance_words` of the service's criteria set)."""
    criteria = [criterion_node(r, rules.get(r.id), facts, parametre, value_of, vocabulary, rules)
                for r in results if r.art not in ("rettskrav", "lovvilkar")]
    deciding = [c for c in criteria if c["verdi"] in ("ikke_oppfylt", "uavklart") and c["art"] in
                ("vilkar", "utelukker", "hovedregel_ikke", "provd_forst")]
    branches = [{"id": "utfall", "beskrivelse": f"Oppfyller saken kriteriene for {service.navn}?",
                 "verdi": utfall, "tekst": utfall_text(utfall, overskrift), "fakta": {},
                 "mangler": list(dict.fromkeys(m for c in deciding for m in c["mangler"])), "barn": criteria}]
    tekst = branches[0]["tekst"]
    if service.rettskrav is not None:
        inner = rule_node(service.rettskrav, facts, parametre, value_of, vocabulary, rules)
        text = right_text(right_heading(results), rettskrav, inner["tekst"], bool(service.uten_rettskrav))
        branches.append({"id": "rettskrav", "beskrivelse": f"Har søker rettskrav på {service.kortnavn or service.navn}?",
                         "verdi": rettskrav, "tekst": text, "fakta": inner["fakta"], "mangler": inner["mangler"],
                         "uten_rettskrav": service.uten_rettskrav, "barn": [inner]})
        tekst = f"{text} {tekst}"
    return {"id": service.id, "beskrivelse": f"Vurdering av {service.navn} (veiledende)", "verdi": utfall,
            "tekst": tekst, "fakta": {k: v for b in branches for k, v in b["fakta"].items()},
            "mangler": list(dict.fromkeys(m for b in branches for m in b["mangler"])), "barn": branches}
