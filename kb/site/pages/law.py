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


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """``loven/index.md``."""
    ctx = PageContext(kb)
    avvik = []
    for t in kb.tjenester.values():
        for k in t.kriterier():
            if k.avvik_fra_loven is None:
                continue
            avvik.append(dict(tjeneste=t, k=k, kilde=ctx.kilde_ref(k), tekst=k.avvik_fra_loven.tekst,
                              lov=[provision_view(kb, kb.lovtekster[i]) for i in k.avvik_fra_loven.lovtekster
                                   if i in kb.lovtekster]))
    provisions = [provision_view(kb, p) for p in kb.lovtekster.values()]
    conditions = {p.id: [dict(id=k.kriterium, tekst=k.tekst) for k in p.vilkar] for p in kb.lovtekster.values()}
    sources = [dict(id=d.id, tittel=d.tittel, utgiver=d.utgiver, art=d.art, merknad=d.merknad,
                    view=source_view(kb, d.id, "")) for d in kb.kilder.values() if d.adresse]
    return {"loven/index.md": render_template("law.md.j2", avvik=avvik, provisions=provisions,
                                              conditions=conditions, sources=sources)}
