"""The page «Loven og de regionale kriteriene»: every regional criterion that is stricter than, or
departs from, the law, with both texts side by side; then the law layer itself (each provision's
words from a stored source) and the sources with their address and the date they were read.

It is the document a regional council would revise its criteria from, and the caseworker's answer
to «what does the law say here?».
"""

from __future__ import annotations

from kb.knowledge.loader import KnowledgeBase
from kb.site.pages.common import PageContext, provision_view, source_view
from kb.site.render import render_template

FULL_LIMIT = 60
"""Up to this many departures the page shows each one in full (both texts side by side, as the
real knowledge base does). Beyond it (a knowledge base at national scale) the page would grow
with every service, so it lists each service's departures by their opening words instead,
linked to the criterion on the service page, where the departure and the law's words stand
beside the criterion; each provision's words stay in full below."""


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """``loven/index.md``."""
    ctx = PageContext(kb)
    departing = [(t, k) for t in kb.tjenester.values() for k in t.kriterier() if k.avvik_fra_loven is not None]
    if len(departing) > FULL_LIMIT:
        return {"loven/index.md": _render(kb, avvik=[], antall=len(departing), per_tjeneste=_by_service(kb, departing))}
    avvik = []
    for t, k in departing:
        avvik.append(dict(tjeneste=t, k=k, kilde=ctx.kilde_ref(k), tekst=k.avvik_fra_loven.tekst,
                          lov=[provision_view(kb, kb.lovtekster[i]) for i in k.avvik_fra_loven.lovtekster
                               if i in kb.lovtekster]))
    return {"loven/index.md": _render(kb, avvik=avvik, antall=len(avvik), per_tjeneste=None)}


def _by_service(kb: KnowledgeBase, departing) -> list[dict]:
    """Per service, its departing criteria: opening words, anchor, and the provisions each rests on."""
    out: dict[str, dict] = {}
    for t, k in departing:
        entry = out.setdefault(t.id, dict(tjeneste=t, kriterier=[]))
        lov = [dict(id=i, label=provision_view(kb, kb.lovtekster[i])["label"])
               for i in k.avvik_fra_loven.lovtekster if i in kb.lovtekster]
        entry["kriterier"].append(dict(k=k, lov=lov))
    return list(out.values())


def _render(kb: KnowledgeBase, **listing) -> str:
    provisions = [provision_view(kb, p) for p in kb.lovtekster.values()]
    conditions = {p.id: [dict(id=k.kriterium, tekst=k.tekst) for k in p.vilkar] for p in kb.lovtekster.values()}
    sources = [dict(id=d.id, tittel=d.tittel, utgiver=d.utgiver, art=d.art, merknad=d.merknad,
                    view=source_view(kb, d.id, "")) for d in kb.kilder.values() if d.adresse]
    return render_template("law.md.j2", provisions=provisions, conditions=conditions, sources=sources, **listing)
