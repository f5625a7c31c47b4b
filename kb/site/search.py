"""Search: which engine a build uses, what each page tells the index, and the Pagefind step.

The published site (``mkdocs build``, ``make serve``) is searched with Pagefind: a chunked static
index written into ``site/pagefind/`` after the build, queried in the browser through Pagefind's
JavaScript API by ``docs/javascripts/search.js`` behind Material's search box. The file-share build
(``KB_OFFLINE=true``) keeps Material's built-in search, because Pagefind cannot load its index from
``file://``. ``KB_SEARCH=material`` selects the built-in search for a served build (the benchmarks
compare the two engines this way).

Every caseworker page gets, in its HTML, a hidden keyword block (name, abbreviation, the service's
stikkord, the glossary synonyms whose main page it is, and their spellings without æ/ø/å) that both
engines index, plus Pagefind filters (type of page, municipality). Developer pages get none of it
and are left out of both indexes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

PAGEFIND = "pagefind"
MATERIAL = "material"

DEVELOPER_FOLDER = "utviklere/"
"""Pages under this folder are for developers: not in the caseworkers' search."""

SCENARIO_WEIGHT = "0.5"
"""Pagefind weight of e-learning pages: they come after the guidance they illustrate."""

MATERIAL_BOOST = {"Tjeneste": 4.0, "Veiledning": 2.0, "Malkatalog": 2.0, "E-læring": 0.5}
"""Material's search (the offline build): document boost by type of page, so the guidance comes
first for the words caseworkers use about it, as with Pagefind's keyword weight."""

REGION = "Helseregion Gjøvik/Hadeland"

SAKSGANG_KEYWORDS = ["Saksgang", "beregn klagefrist", "klagefrist dato", "vedtaksutkast"]
"""What caseworkers search for when they want the form «Saksgang (Oslo)» (on the Oslo start page)."""

SAKSGANG_WEIGHT = "0.5"
"""Pagefind weight of the Oslo start page: its form and overview name every question of the routine,
so without it the page outranks the guidance chapter for a single word like «klagefrist»."""

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "é": "e"})


def pagefind_after_build() -> bool:
    """Whether a build indexes the site with Pagefind itself: yes unless ``KB_PAGEFIND=false``
    (then ``kb site --indekser`` runs afterwards as a step of its own, as the Makefile does)."""
    return os.environ.get("KB_PAGEFIND", "true").strip().lower() not in ("false", "0", "nei")


def engine(config) -> str:
    """``pagefind`` or ``material`` for this build (the offline build always uses ``material``)."""
    offline = config["plugins"].get("material/offline") or config["plugins"].get("offline")
    if offline is not None and offline.config.get("enabled"):
        return MATERIAL
    chosen = os.environ.get("KB_SEARCH", PAGEFIND).strip().lower()
    if chosen not in (PAGEFIND, MATERIAL):
        from mkdocs.exceptions import PluginError
        raise PluginError(f"KB_SEARCH={chosen!r}: bruk «pagefind» eller «material»")
    return chosen


def ascii_spellings(words: list[str]) -> list[str]:
    """The words as caseworkers type them without æ/ø/å (``støttekontakt`` → ``stottekontakt``)."""
    out = []
    for w in words:
        folded = w.translate(_FOLD)
        if folded != w:
            out.append(folded)
        if "å" in w.lower():
            out.append(w.lower().replace("å", "aa"))
    return out


@dataclass
class PageSearch:
    """What one page tells the search index."""

    type: str
    keywords: list[str] = field(default_factory=list)
    kommuner: list[str] = field(default_factory=list)
    weight: str | None = None


def _unique(words) -> list[str]:
    seen: dict[str, str] = {}
    for w in words:
        w = " ".join(str(w).split())
        if w and w.lower() not in seen:
            seen[w.lower()] = w
    return list(seen.values())


def _with_ascii(words) -> list[str]:
    words = _unique(words)
    return _unique(words + ascii_spellings(words))


def _synonyms(kb, target: str) -> list[str]:
    """Glossary terms and synonyms whose main page (first ``se``) is ``target``."""
    out = []
    for entry in kb.ordliste:
        if entry.se[:1] == [target]:
            out.append(entry.term)
            out.extend(entry.synonymer)
    return out


def _oslo_glossary(kb, path: str) -> list[str]:
    """Glossary terms with no page of their own whose source is a section of the Oslo routine shown
    on ``path`` (forhåndsvarsel → 2.11, forvaltningsmelding → 2.3)."""
    if kb.oslo is None:
        return []
    from kb.site.pages.oslo import section_page
    out = []
    for entry in kb.ordliste:
        kilde = entry.kilde
        if entry.se or kilde is None or kilde.dokument != kb.oslo.kilde.dokument or not kilde.avsnitt:
            continue
        nummer = kilde.avsnitt.split()[0]
        if kb.oslo.seksjon(nummer) is not None and section_page(kb.oslo, nummer) == path:
            out.append(entry.term)
            out.extend(entry.synonymer)
    return out


def service_keywords(kb, service_id: str) -> list[str]:
    """Search words of a service page: name, abbreviation, stikkord, glossary synonyms, ASCII spellings."""
    t = kb.tjenester[service_id]
    return _with_ascii([t.navn, t.kortnavn, t.id.replace("-", " "), *t.stikkord, *_synonyms(kb, t.id)])


def page_search(kb, path: str) -> PageSearch | None:
    """Search data for the page at ``path`` (relative to ``docs/``); ``None`` for developer pages."""
    if path.startswith(DEVELOPER_FOLDER):
        return None
    region = [k.navn for k in kb.kommuner.values() if k.region == REGION]
    oslo = [k.navn for k in kb.kommuner.values() if k.id == "oslo"]
    parts = path[:-3].split("/") if path.endswith(".md") else path.split("/")
    folder, name = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
    if folder == "tjenester" and name in kb.tjenester:
        return PageSearch("Tjeneste", service_keywords(kb, name), region)
    if folder == "kriteriesett" and len(parts) == 3 and name in kb.tjenester_per_sett().get(parts[1], {}):
        t, sett = kb.tjenester_per_sett()[parts[1]][name], kb.kriteriesett[parts[1]]
        return PageSearch("Tjeneste", _with_ascii([t.navn, t.kortnavn, t.id.replace("-", " "), *t.stikkord,
                                                   sett.region]),
                          [kb.kommuner[k].navn for k in sett.kommuner if k in kb.kommuner])
    if folder == "veiledning" and name in kb.kapitler:
        c = kb.kapitler[name]
        return PageSearch("Veiledning", _with_ascii([c.tittel, *c.stikkord, *_synonyms(kb, c.id)]), region)
    if folder == "veiledning":
        return PageSearch("Veiledning", [], region)
    if folder == "oslo" and name == "maler":
        return PageSearch("Malkatalog", _with_ascii(["malkatalog", "brevmal", "brevmaler", "vedtaksmal",
                                                     "dokumentmal", "Gerica"]), oslo)
    if folder == "oslo" and name == "index":  # the start page holds the form «Saksgang (Oslo)»
        return PageSearch("Oslo-rutinen", _with_ascii([*SAKSGANG_KEYWORDS, *_oslo_glossary(kb, path)]), oslo,
                          SAKSGANG_WEIGHT)
    if folder == "oslo":
        return PageSearch("Oslo-rutinen", _with_ascii(_oslo_glossary(kb, path)), oslo)
    if folder == "e-laering":
        return PageSearch("E-læring", [], [], SCENARIO_WEIGHT)
    if folder in ("oversikt", "tjenester", "kriteriesett"):
        return PageSearch("Oversikt", [])
    if name == "ordliste":
        return PageSearch("Ordliste", [])
    if folder == "om":
        return PageSearch("Om", [])
    return PageSearch("Forside", [])


def decorate(html: str, info: PageSearch | None, chosen: str) -> str:
    """The page's HTML with the search markup, never shown on the page.

    Pagefind: the page body (its weight, its filters) and the keywords as the metadata field
    ``sokeord``, which ranking boosts (``metaWeights`` in ``search.js``). Material's search: the
    keywords as a hidden paragraph, which it indexes like text.
    """
    if info is None:
        return html
    words = ", ".join(info.keywords)
    if chosen != PAGEFIND:
        return html + (f'<p class="kb-sokeord" hidden>Også kalt: {escape(words)}</p>' if words else "")
    marks = f'<span hidden data-pagefind-filter="type:{escape(info.type)}"></span>'
    marks += "".join(f'<span hidden data-pagefind-filter="kommune:{escape(k)}"></span>' for k in info.kommuner)
    if words:
        marks += f'<span hidden data-pagefind-meta="sokeord:{escape(words)}"></span>'
    weight = f' data-pagefind-weight="{info.weight}"' if info.weight else ""
    return f'<div data-pagefind-body{weight}>{marks}{html}</div>'


def annotate(page, info: PageSearch | None, chosen: str) -> None:
    """Material's search (the offline build) reads ``search: boost`` from the page's metadata: the
    guidance pages weigh more, the e-learning pages less (as ``data-pagefind-weight`` does)."""
    if chosen == PAGEFIND or info is None or info.type not in MATERIAL_BOOST:
        return
    meta = page.meta.setdefault("search", {}) if isinstance(page.meta.get("search", {}), dict) else None
    if meta is not None:
        meta.setdefault("boost", MATERIAL_BOOST[info.type])


EXCLUDE_SELECTORS = [".headerlink", "code", ".kb-kilde", ".md-source-file"]
"""Elements Pagefind leaves out: permalinks, code identifiers, source lines."""


def build_index(site_dir: Path) -> str:
    """Run Pagefind over the built site (its index goes to ``site_dir/pagefind``); return its log."""
    args = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        from mkdocs.exceptions import PluginError
        raise PluginError(f"Pagefind feilet:\n{proc.stdout}\n{proc.stderr}")
    stale = site_dir / "search"
    if stale.is_dir():  # Material's index is not used by the Pagefind build
        shutil.rmtree(stale)
    return proc.stdout
