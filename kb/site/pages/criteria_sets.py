"""The criteria sets on the site (``kriteriesett.yaml``): which criteria apply in which municipality.

* ``kriteriesett/index.md`` («Kriteriesett og kommuner»): every set with its region, its
  municipalities and where its services stand;
* for every set after the first, ``kriteriesett/<set>/index.md`` (its services) and
  ``kriteriesett/<set>/<service>.md`` (one page per service, naming the set and the municipalities
  it applies to, with the form «Vurder en sak» for those municipalities).

The first set's service pages stay where they always were (``tjenester/<service>.md``).
"""

from __future__ import annotations

import re

from kb.knowledge.loader import KnowledgeBase
from kb.site.pages.services import _rows, municipalities_text, municipality_names, service_page
from kb.site.render import render_template

FOLDER = "kriteriesett"

_UP = re.compile(r"(\]\(|href=\"|src=\")\.\./")


def one_level_deeper(markdown: str) -> str:
    """A page written for a folder one level below ``docs/`` (its links to the rest of the site
    start with ``../``) made right for a folder two levels below: each such link gets one more ``../``."""
    return _UP.sub(r"\1../../", markdown)


def set_path(sett_id: str, page: str = "index") -> str:
    """Where a page of a criteria set (after the first) stands: ``kriteriesett/<set>/<page>.md``."""
    return f"{FOLDER}/{sett_id}/{page}.md"


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """The overview of the sets, and the pages of every set after the first."""
    per_set = kb.tjenester_per_sett()
    sets = list(kb.kriteriesett.values())
    out: dict[str, str] = {}
    listing = []
    for n, sett in enumerate(sets):
        services = per_set.get(sett.id, {})
        listing.append(dict(s=sett, kommuner=municipality_names(kb, sett), antall=len(services),
                            lenke="../tjenester/index.md" if n == 0 else f"{sett.id}/index.md"))
        if n == 0:
            continue
        for sid in services:
            out[set_path(sett.id, sid)] = one_level_deeper(service_page(kb, sid, sett=sett))
        out[set_path(sett.id)] = render_template("criteria_set.md.j2", s=sett, rows=_rows(kb, services),
                                                 kommuner=municipalities_text(kb, sett))
    out[f"{FOLDER}/index.md"] = render_template("criteria_sets.md.j2", sets=listing)
    return out
