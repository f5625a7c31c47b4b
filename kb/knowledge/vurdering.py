"""The ```` ```vurdering ```` block: a scenario page's expected answer, written for people.

A block names a case on the page (``sak``), optionally a variation (``hva om``: the facts that
change) and the answer the tool must give. For a case with ``opplysninger`` (the evaluator)::

    sak: jonas
    hva om: {timer_per_uke: 33}
    utfall: uavklart          # oppfylt | ikke oppfylt | uavklart
    rettskrav: ja             # ja | nei | uavklart | ikke aktuelt (left out: ikke aktuelt)
    mangler: [kan_vaere_arbeidsleder]      # or: ingen
    oppfylt: [bpa-rett-under-67, bpa-rett-32-timer]
    uavklart: [bpa-arbeidsleder, bpa-rett-25-timer]
    skjønn: 5                 # a number, or the list of ids

Each status (``oppfylt``, ``ikke oppfylt``, ``uavklart``, ``skjønn``) lists every criterion with
that status; a status left out has none. For a case with ``sak`` (Oslo's routine), the block
names the answers it shows: ``enkeltvedtak kreves``, ``forvaltningsmelding kreves``,
``forhåndsvarsel kreves`` (ja | nei | uavklart), ``vedtaksmal`` (id or ingen), ``klagefrist``
(ÅÅÅÅ-MM-DD or ingen), ``klageinstans`` (text or ingen).

Only the stable fields of ``kb evaluate --json`` and ``kb procedure --json`` are compared.
The tests (Sybil) check every block; the site renders the tool's own answer from the same case.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.knowledge.loader import KnowledgeBase
from kb.reading.yamlfile import Problem, parse_yaml

STATUSES = {"oppfylt": "oppfylt", "ikke oppfylt": "ikke_oppfylt", "uavklart": "uavklart", "skjønn": "skjonn"}
"""Written status name → the evaluator's status."""
UTFALL = {"oppfylt": "oppfylt", "ikke oppfylt": "ikke_oppfylt", "uavklart": "uavklart"}
RETTSKRAV = {"ja": True, "nei": False, "uavklart": None, "ikke aktuelt": None}
YES_NO = {"ja": True, "nei": False, "uavklart": None}
PROCEDURE = {"enkeltvedtak kreves": "enkeltvedtak_kreves", "forvaltningsmelding kreves": "forvaltningsmelding_kreves",
             "forhåndsvarsel kreves": "forhandsvarsel_kreves", "vedtaksmal": "vedtaksmal",
             "klagefrist": "klagefrist", "klageinstans": "klageinstans"}
"""Written answer name → the procedure's output key, in the order the box shows them."""
EVALUATION_KEYS = ("utfall", "rettskrav", "mangler", *STATUSES)
CASE_KEYS = frozenset({"tjeneste", "kommune", "vurderingsdato"})
"""Keys of ``hva om`` that change the case itself; the others change a fact."""


@dataclass(frozen=True)
class Vurdering:
    """A parsed block: the case's name, the variation and the written answer (written names)."""

    sak: str
    hva_om: dict
    svar: dict


@dataclass(frozen=True)
class Svar:
    """The tool's answer for a (varied) case: ``rutine`` or ``evaluering``, the case and the JSON."""

    art: str
    sak: dict
    json: dict


def parse(text: str, path: Path | str = "<vurdering>") -> Vurdering:
    """Read a block; raise :class:`Problem` for an unknown key or a value of the wrong form."""
    data = parse_yaml(str(text), path).data
    if not isinstance(data, dict) or not isinstance(data.get("sak"), str):
        raise Problem(path, None, "vurderingen skal være en tabell som begynner med «sak: NAVN»")
    allowed = {"sak", "hva om", *EVALUATION_KEYS, *PROCEDURE}
    unknown = [k for k in data if k not in allowed]
    if unknown:
        raise Problem(path, None, f"ukjent felt «{unknown[0]}» i vurderingen (tillatt: {', '.join(sorted(allowed))})")
    hva_om = data.get("hva om") or {}
    if not isinstance(hva_om, dict):
        raise Problem(path, None, "«hva om» skal være en tabell (navn: ny verdi)")
    svar = {k: v for k, v in data.items() if k not in ("sak", "hva om")}
    evaluation, procedure = set(svar) & set(EVALUATION_KEYS), set(svar) & set(PROCEDURE)
    if evaluation and procedure:
        raise Problem(path, None, "vurderingen blander evaluatorens og rutinens svar")
    if not svar:
        raise Problem(path, None, "vurderingen har ikke noe svar")
    return Vurdering(data["sak"], dict(hva_om), svar)


def vary(case: dict, hva_om: dict) -> dict:
    """The case with the variation applied (a fact set to ``null`` becomes unknown)."""
    out = copy.deepcopy(case)
    facts_key = "sak" if "sak" in out else "opplysninger"
    for key, value in hva_om.items():
        target = out if key in CASE_KEYS else out.setdefault(facts_key, {})
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def answer(case: dict, kb: KnowledgeBase) -> Svar:
    """Run the evaluator (a case with ``opplysninger``) or the routine (a case with ``sak``)."""
    if "sak" in case:
        from kb.oslo.procedure import answer as procedure
        return Svar("rutine", case, procedure(case, kb))
    from kb.criteria.evaluate import evaluate
    return Svar("evaluering", case, evaluate(case, kb).to_json())


def has_rettskrav(kb: KnowledgeBase, service_id: str) -> bool:
    """Whether the service's criteria state a statutory right with checkable conditions."""
    t = kb.tjenester.get(service_id)
    return t is not None and getattr(t, "rettskrav", None) is not None


def written(svar: Svar, kb: KnowledgeBase, like: dict | None = None) -> dict:
    """The tool's answer in the block's written form (names and values as a person writes them).

    ``like`` is the written answer to follow: for the routine only the answers it names are
    given, and ``skjønn`` is a count when it is written as a count.
    """
    like = like or {}
    j = svar.json
    if svar.art == "rutine":
        keys = [k for k in PROCEDURE if k in like] or list(PROCEDURE)
        return {k: _procedure_value(k, j[PROCEDURE[k]]) for k in keys}
    rett = {True: "ja", False: "nei", None: "uavklart"}[j["rettskrav"]]
    if j["rettskrav"] is None and not has_rettskrav(kb, j["tjeneste"]):
        rett = "ikke aktuelt"
    out: dict[str, Any] = {"utfall": _name(UTFALL, j["utfall"]), "rettskrav": rett,
                           "mangler": list(j["mangler"]) or "ingen"}
    for name, status in STATUSES.items():
        ids = [k["id"] for k in j["kriterier"] if k["status"] == status]
        if name == "skjønn" and isinstance(like.get("skjønn"), int):
            out[name] = len(ids)
        elif ids:
            out[name] = ids
    return out


def _name(table: dict, value) -> str:
    return next(k for k, v in table.items() if v == value)


def _procedure_value(key: str, value):
    if key == "vedtaksmal":
        return value["id"] if value else "ingen"
    if key in ("klagefrist", "klageinstans"):
        return value if value else "ingen"
    return _name(YES_NO, value)


def _normal(key: str, value) -> Any:
    """A written value in a comparable form (lists as sets, dates as text, ``ingen`` as empty)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if key in ("mangler", "oppfylt", "ikke oppfylt", "uavklart", "skjønn"):
        if value in ("ingen", None, []):
            return frozenset()
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return frozenset(str(v) for v in value) if isinstance(value, list) else value
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def differences(v: Vurdering, svar: Svar, kb: KnowledgeBase) -> list[str]:
    """What the written answer says that the tool does not (empty when they agree)."""
    actual = written(svar, kb, v.svar)
    expected = dict(v.svar)
    if svar.art == "evaluering":
        expected.setdefault("rettskrav", "ikke aktuelt")
        for key in EVALUATION_KEYS:
            expected.setdefault(key, "ingen")
    elif set(expected) & set(EVALUATION_KEYS):
        return ["saken er en sak for rutinen (med «sak:»), men vurderingen har evaluatorens felt"]
    if svar.art == "evaluering" and set(expected) & set(PROCEDURE):
        return ["saken er en sak for evaluatoren (med «opplysninger:»), men vurderingen har rutinens felt"]
    out = []
    for key, want in expected.items():
        got = actual.get(key, "ingen")
        if isinstance(want, int) and not isinstance(want, bool) and key == "skjønn":
            got = len(got) if isinstance(got, list) else got
        if _normal(key, want) != _normal(key, got):
            out.append(f"{key}: skrevet {_show(want)}, men verktøyet svarer {_show(got)}")
    return out


def _show(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"«{value}»"


def block_text(v: Vurdering, svar: Svar, kb: KnowledgeBase) -> str:
    """The block as it should be written for the tool's current answer (shown when a check fails)."""
    lines = [f"sak: {v.sak}"]
    if v.hva_om:
        inner = ", ".join(f"{k}: {_yaml(val)}" for k, val in v.hva_om.items())
        lines.append(f"hva om: {{{inner}}}")
    for key, value in written(svar, kb, v.svar).items():
        lines.append(f"{key}: {_yaml(value)}")
    return "\n".join(lines) + "\n"


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def check(v: Vurdering, case: dict, kb: KnowledgeBase, where: str) -> str | None:
    """``None`` when the tool gives the written answer for ``case`` varied by the block; else a
    Norwegian message with the differences and the block as it should be written."""
    svar = answer(vary(case, v.hva_om), kb)
    found = differences(v, svar, kb)
    if not found:
        return None
    listing = "\n".join(f"  - {d}" for d in found)
    return (f"{where}: svaret for saken «{v.sak}» stemmer ikke med verktøyet:\n{listing}\n"
            f"Slik blir blokken med verktøyets svar:\n```vurdering\n{block_text(v, svar, kb)}```")
