"""Pages for the general chapters (principles, case handling, expectations, complaints)."""

from __future__ import annotations

from kb.knowledge.loader import KnowledgeBase
from kb.site.pages.common import PageContext, law_links, source_text
from kb.site.render import render_template


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """``veiledning/index.md`` and one page per chapter."""
    out = {f"veiledning/{c.id}.md": render_template("chapter.md.j2", c=c, ctx=PageContext(kb), kilde=source_text(kb, c),
                                                    lovrefs=law_links(kb, c.lovhenvisninger))
           for c in kb.kapitler.values()}
    out["veiledning/index.md"] = render_template("chapters_index.md.j2", chapters=list(kb.kapitler.values()))
    return out
