"""What the vedtak draft (``docs/javascripts/kb-vedtak.js``) reads, written at build time.

One script ``evaluator/vedtak.js`` (``globalThis.kbData.vedtak``), loaded only when a caseworker
asks for a draft. It holds every text the draft builds from data, so nothing is written in
JavaScript: each criteria set's services (``tjenester[<set>][<service>]``: a set's service may
have its own name and ``lovgrunnlag``, so the draft reads the set of the case's municipality, or
without one the first set that has the service, as ``kb evaluate`` does), each with its name and its
``lovgrunnlag`` as citations with Lovdata links, the
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
    return {
        # per criteria set: a set's service may have its own name and lovgrunnlag
        "tjenester": {sett: {sid: {"navn": t.navn, "lovgrunnlag": [_reference(kb, r) for r in t.lovgrunnlag]}
                             for sid, t in sorted(services.items())}
                      for sett, services in kb.tjenester_per_sett().items()},
        "kommuner": {k.id: k.navn for k in kb.kommuner.values()},
        "lovtekster": provisions,
        "kilder": [{"tittel": k.tittel, "kort": k.korttittel} for k in kb.kilder.values() if k.korttittel],
    }


def files(kb: KnowledgeBase) -> dict[str, str]:
    """The exported file (site path → content)."""
    return {f"{FOLDER}/vedtak.js": script("vedtak", vedtak_data(kb))}
