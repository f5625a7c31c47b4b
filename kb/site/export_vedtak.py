"""What the vedtak draft (``docs/javascripts/kb-vedtak.js``) reads, written at build time.

One script ``evaluator/vedtak.js`` (``globalThis.kbData.vedtak``), loaded only when a caseworker
asks for a draft. It holds every text the draft builds from data, so nothing is written in
JavaScript: each service's name and its ``lovgrunnlag`` as citations with Lovdata links, the
municipalities' names, the sources' short titles (a criterion's source is cited by
them), and the provisions of the law layer (``lovtekster.yaml``) with their quotes
and short sources (the draft cites fvl §§ 18, 24, 25 and 27 and the klage provisions by these).
"""

from __future__ import annotations

from kb.knowledge.loader import KnowledgeBase
from kb.reading.schema import Lovhenvisning
from kb.site.export_format import FOLDER, script


def _reference(kb: KnowledgeBase, ref: Lovhenvisning) -> dict:
    lov = kb.lover.get(ref.lov)
    if lov is None:
        return {"tekst": " ".join(filter(None, [ref.lov, ref.paragraf and f"§ {ref.paragraf}"])), "url": None}
    return {"tekst": ref.label(lov), "url": ref.lovdata_url(lov)}


def vedtak_data(kb: KnowledgeBase) -> dict:
    """Everything the draft builds its texts from."""
    provisions = {}
    for pid, p in kb.lovtekster.items():
        ref = _reference(kb, Lovhenvisning(lov=p.lov, paragraf=p.paragraf))
        provisions[pid] = {"tekst": ref["tekst"], "url": ref["url"], "tittel": p.tittel,
                           "sitater": [{"tekst": " ".join(s.tekst.split()), "kilde": kb.kilde_korttittel(s.kilde.dokument),
                                        "merknad": s.merknad} for s in p.sitater]}
    services = {}  # every set's services; a service the first set has, as the first set has it
    for table in reversed(list(kb.tjenester_per_sett().values())):
        services.update(table)
    return {
        "tjenester": {sid: {"navn": t.navn, "lovgrunnlag": [_reference(kb, r) for r in t.lovgrunnlag]}
                      for sid, t in sorted(services.items())},
        "kommuner": {k.id: k.navn for k in kb.kommuner.values()},
        "lovtekster": provisions,
        "kilder": [{"tittel": k.tittel, "kort": k.korttittel} for k in kb.kilder.values() if k.korttittel],
    }


def files(kb: KnowledgeBase) -> dict[str, str]:
    """The exported file (site path → content)."""
    return {f"{FOLDER}/vedtak.js": script("vedtak", vedtak_data(kb))}
