"""The knowledge base as data for the browser evaluator, written at build time.

The browser's interpreter (``docs/javascripts/kb-rules.js`` and ``kb-evaluate.js``) mirrors
:mod:`kb.rules.interpreter` and :mod:`kb.criteria.evaluate`; it reads only what this module
exports, so no service rule is ever written in JavaScript. The export is generic over the
pydantic models (``model_dump``), so a field added to a model reaches the browser without a
change here.

Each file is a small script that stores one JSON object in ``globalThis.kbData`` under its
key. Scripts, unlike ``fetch``, also load from ``file://`` (the ``make offline`` build). A page
loads the shared vocabularies and its own service only, so the cost of a page does not grow
with the number of services:

* ``evaluator/felles.js``: the fact vocabulary, the municipalities, the criteria sets (which
  municipalities each covers), the legal parameters with their dated values, and the words
  people read (``ord``, from :mod:`kb.rules.words`);
* ``evaluator/tjenester/<set>/<id>.js``: one service of one criteria set, its criteria (with
  its parent's) in the evaluator's order, each with its citation;
* ``evaluator/indeks.js``: the ids of all services, read only to word an error about an
  unknown service.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import BaseModel

from kb.criteria.evaluate import _compile
from kb.criteria.models import Tjeneste
from kb.criteria.reasons import guidance_words
from kb.knowledge.loader import KnowledgeBase
from kb.rules import words
from kb.site import export_oslo, export_vedtak
from kb.site.export_format import FOLDER, dump, script  # noqa: F401 (used here and re-exported)
from kb.site.pages.common import facts_for, rule_parameters

_CASED_PLANES = 0x20000
"""Characters with a case fold all lie below this (the Basic and Supplementary Multilingual Planes);
the planes above have no case mappings, so no character there can fold into a name."""


@lru_cache(maxsize=4)
def _folding(alphabet: frozenset[str]) -> dict[str, str]:
    """Every character whose ``str.casefold()`` is made of ``alphabet`` only, and its fold."""
    chars = [chr(cp) for cp in range(_CASED_PLANES) if not 0xD800 <= cp <= 0xDFFF]
    out = {}
    for ch, folded in zip(chars, map(str.casefold, chars)):
        if folded == ch:
            if ch in alphabet:
                out[ch] = ch
        elif all(c in alphabet for c in folded):
            out[ch] = folded
    return out


def name_folding(kb: KnowledgeBase) -> dict:
    """What the browser needs to read a municipality given by name exactly as
    :func:`kb.criteria.case.municipality_id` does with Python's ``casefold()`` (JavaScript has no
    casefold, and its upper and lower case differ for ı, ẞ, Cherokee …): each municipality's
    folded name, and the fold of every character that can occur in a match (the characters of
    the ids and folded names; any other character rules a match out)."""
    names = {k.id: k.navn.casefold() for k in kb.kommuner.values()}
    alphabet = frozenset("".join(names) + "".join(names.values()))
    return {"navn": names, "tegn": _folding(alphabet)}


def shared_data(kb: KnowledgeBase) -> dict:
    """What every evaluation needs: facts, municipalities (with :func:`name_folding`), criteria
    sets (each with how the texts name its guidance, ``ord``) and parameters (each parameter's dated values only; their sources are on the site's pages)."""
    out = {"opplysninger": [dump(f) for f in kb.opplysninger.values()],
           "kommuner": [dump(k, {"kilde", "region"}) for k in kb.kommuner.values()],
           "kommunenavn": name_folding(kb),
           "kriteriesett": [dump(s, {"kilde", "mappe", "merknad"}) | {"ord": guidance_words(kb.kriteriesett, s.id)}
                            for s in kb.kriteriesett.values()]}
    out["ord"] = words.export()
    out["parametre"] = [{"id": p.id, "verdier": [dump(v, {"kilde", "sitat", "lovhenvisninger", "merknad"})
                                                 for v in p.verdier]} for p in kb.parametre.values()]
    return out


def service_data(kb: KnowledgeBase, t: Tjeneste, services: dict[str, Tjeneste], sett: str) -> dict:
    """One service of criteria set ``sett``: its own fields (not its prose sections) and its
    criteria in evaluation order.

    ``kriterier`` is the list the Python evaluator walks (the parent's criteria first), each
    criterion as its model plus ``kilde_tekst`` (the citation), ``lovtekster`` (the laws its
    text names, as citations), ``avvik`` (its departure from the law, as shown, or null), ``tittel`` (its short title), ``daterte_verdier`` (the dated values of
    the parameters its rule uses) and ``tjeneste`` (the service that owns it); the law's conditions the right refers to come last. ``fakta`` names the facts the form asks for, in first-use order.
    """
    compiled = _compile(kb, t, services, {})

    def dated(regel) -> list[dict]:
        """The dated values of the parameters a rule uses, in words («6 uker»): the form shows
        those after the case's vurderingsdato under the criterion."""
        return [{"fra": v.fra.isoformat(), "tekst": f"{str(v.verdi).replace('.', ',')} {kb.parametre[pid].enhet}"}
                for pid in rule_parameters(regel) if pid in kb.parametre
                for v in kb.parametre[pid].verdier if v.fra is not None]

    return {
        "sett": sett,
        "tjeneste": dump(t, {"seksjoner", "stikkord", "merknad"}),
        "kriterier": [dict(dump(c.k, {"merknad", "lovhenvisninger", "avvik_fra_loven"}), kilde_tekst=c.kilde,
                           tjeneste=c.tjeneste, lovtekster=list(c.lovtekster), avvik=c.avvik,
                           tittel=words.kort_tittel(c.k.tekst), daterte_verdier=dated(c.k.regel))
                      for c in compiled.criteria],
        "fakta": [f.navn for f in facts_for(kb, t, services)],
    }


def index_data(kb: KnowledgeBase) -> dict:
    """The ids of all services (only for the message about an unknown service)."""
    return {"tjenester": sorted(kb.tjenester)}


def files(kb: KnowledgeBase) -> dict[str, str]:
    """Every exported file: site path → content."""
    out = {f"{FOLDER}/felles.js": script("felles", shared_data(kb)),
           f"{FOLDER}/indeks.js": script("indeks", index_data(kb))}
    for sett, services in kb.tjenester_per_sett().items():
        for sid, t in services.items():
            key = f"tjenester/{sett}/{sid}"
            out[f"{FOLDER}/{key}.js"] = script(key, service_data(kb, t, services, sett))
    out.update(export_oslo.files(kb))
    out.update(export_vedtak.files(kb))
    return out
