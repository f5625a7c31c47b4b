"""The page «Frister og grenser»: every legal number (``parametre.yaml``) with the value in force,
its unit, its source and law, and the criteria sets with the municipalities they cover."""

from __future__ import annotations

import datetime as dt

from kb.knowledge.loader import KnowledgeBase
from kb.site.pages.common import law_links
from kb.site.render import render_template


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """``oversikt/frister-og-grenser.md``."""
    today = dt.date.today()
    rows = []
    for p in kb.parametre.values():
        current = p.gjeldende(today)
        rows.append(dict(p=p, verdi=current, kilde=kb.kilde_tekst(current.kilde.dokument, current.kilde.avsnitt)
                         if current else "", lover=law_links(kb, current.lovhenvisninger) if current else [],
                         senere=[v for v in p.verdier if v.fra and v.fra > today]))
    sets = [dict(s=s, kommuner=[kb.kommuner[k].navn for k in s.kommuner if k in kb.kommuner])
            for s in kb.kriteriesett.values()]
    return {"oversikt/frister-og-grenser.md": render_template("parameters.md.j2", rows=rows, sets=sets,
                                                              dato=today)}
