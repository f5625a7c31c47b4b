"""The Oslo routine as data for the browser's ``kb.procedure`` (``docs/javascripts/kb-procedure.js``).

Written at build time next to the evaluator's data (:mod:`kb.site.export`), as one script
``evaluator/oslo.js`` that stores its object in ``globalThis.kbData.oslo``. It holds what
:mod:`kb.oslo.procedure` reads: every rule's answers (``svar``) in priority order with the rule's
quote, section and source, the case fields and the questions' texts, the templates and their
mappings, the services' ``navn``/``lovpalagt``/``egenandel``, the parameters, and a table of
Norwegian public holidays from the ``holidays`` package for every year ``kb procedure`` accepts
(:data:`kb.oslo.procedure.YEARS`) and the year after (where the last deadlines end), so both engines
answer the same years. The table is compact: the holidays' names once, and per year only the dates.
"""

from __future__ import annotations

import datetime as dt

import holidays

from kb.knowledge.loader import KnowledgeBase
from kb.oslo.models import SERVICE_IDS
from kb.oslo.procedure import ANSWERS, CASE_KEYS, SAK_KEYS, YEARS
from kb.rules.deadlines import fridag
from kb.site.export_format import FOLDER, dump, script


def holiday_table(first: int, last: int) -> dict:
    """Norwegian public holidays ``first``–``last`` (inclusive), each with the name the deadline
    text uses: ``navn`` lists the names once; ``ar`` has for each year (from ``fra_ar``) its
    holidays as ``MMDD`` followed by the index of its name in ``navn``, separated by spaces
    (``"0101:0 0417:1 …"``)."""
    days = holidays.Norway(years=range(first, last + 1), language="no", include_sundays=False)
    names: list[str] = []
    years: list[list[str]] = [[] for _ in range(first, last + 1)]
    for d in sorted(days):
        name = fridag(d)
        if name not in names:
            names.append(name)
        years[d.year - first].append(f"{d.month:02d}{d.day:02d}:{names.index(name)}")
    return {"fra_ar": first, "til_ar": last, "navn": names, "ar": [" ".join(y) for y in years]}


def _rules(kb: KnowledgeBase) -> dict:
    """Each rule that answers a question: id, title, quoted text, section and the source as one line."""
    return {r.id: {"id": r.id, "tittel": r.tittel, "tekst": r.tekst, "seksjon": r.seksjon,
                   "kilde": kb.kilde_tekst(r.kilde.dokument, r.kilde.avsnitt)}
            for r in kb.oslo.regler.values()}


def _answers(kb: KnowledgeBase) -> dict:
    """Every question's answers (decision list) in priority order, each naming its rule."""
    out = {}
    for question in ANSWERS:
        out[question] = [dict(dump(s), regel=r.id)
                         for r, s in kb.oslo.svar_for(question)]
    return out


def _templates(kb: KnowledgeBase) -> dict:
    """Every template by key: id, name, label, anchor on the catalogue page, group and its source."""
    out = {}
    for key, m in kb.maler.items():
        section = kb.oslo.seksjon(m.gruppe)
        out[key] = {"id": m.id, "navn": m.navn, "etikett": m.etikett, "anker": m.anker, "gruppe": m.gruppe,
                    "kilde": kb.kilde_tekst("oslo-gerica-rutine", section.overskrift if section else m.gruppe)}
    return out


def oslo_data(kb: KnowledgeBase) -> dict:
    """Everything ``kb.procedure`` needs in the browser."""
    catalogue = kb.oslo.seksjon("4.1")
    return {
        "case_keys": sorted(CASE_KEYS), "sak_keys": sorted(SAK_KEYS),
        "service_ids": sorted(set(SERVICE_IDS) | set(kb.tjenester)),
        "regler": _rules(kb), "svar": _answers(kb),
        "saksfelter": [dump(f) for f in kb.oslo.saksfelter.values()],
        "sporsmal": dict(kb.oslo.sporsmal),
        "maler": _templates(kb),
        "tjenestemaler": [{"mal": str(m.mal), "tjenester": m.tjenester, "utfall": m.utfall,
                           "egenandel": m.egenandel, "sitat": m.sitat, "forbehold": m.forbehold}
                          for m in kb.oslo.tjenestemaler],
        "avlastning_sitat": kb.oslo.avlastning_sitat(),
        "katalog_tekst": catalogue.tekst() if catalogue else "",
        "tjenester": {sid: {"navn": t.navn, "lovpalagt": t.lovpalagt, "egenandel_svar": t.egenandel.svar,
                            "egenandel_tekst": t.egenandel.tekst} for sid, t in sorted(kb.tjenester.items())},
        "parametre": [{"id": p.id, "verdier": [{"fra": v.fra.isoformat() if v.fra else None, "verdi": v.verdi}
                                               for v in p.verdier]} for p in kb.parametre.values()],
        "vedtak_ar": list(YEARS),
        "fridager": holiday_table(YEARS[0], YEARS[1] + 1),
    }


def files(kb: KnowledgeBase) -> dict[str, str]:
    """The exported file (site path → content); none when the knowledge base has no Oslo routine."""
    if kb.oslo is None or not kb.oslo.regler:
        return {}
    return {f"{FOLDER}/oslo.js": script("oslo", oslo_data(kb))}
