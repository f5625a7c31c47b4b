"""Service pages, the start page, the service list, overview tables and the glossary."""

from __future__ import annotations

from kb.knowledge.loader import KnowledgeBase
from kb.site.pages.common import (FACT_TYPE_TEXT, Link, PageContext, facts_for, klage_for, law_links,
                             lovpalagt_basis, source_text)
from kb.oslo.models import mappings_for_service
from kb.site.pages import oslo
from kb.site.render import render_template
from kb.reading.scenario_pages import scenarios

EGENANDEL_SVAR = {"ja": "Ja", "nei": "Nei", "avhenger": "Avhenger", "ikke_omtalt": "Ikke omtalt i kilden"}


def _oslo_links(kb: KnowledgeBase, service_id: str) -> tuple[list[Link], list[tuple[str, str]]]:
    """Templates named for this service (not those for every service) and the routine's sections."""
    own = {str(m.mal) for m in mappings_for_service(kb, service_id) if m.tjenester != "alle"}
    templates = [Link(mal.etikett, f"../{oslo.FOLDER}/maler.md#{mal.anker}")
                 for mal in kb.maler.values() if mal.nokkel in own]
    sections = oslo.service_links(kb, service_id, templates=False)
    return templates, sections


def service_page(kb: KnowledgeBase, service_id: str, scenario_list=None) -> str:
    """The Markdown of one service page."""
    t = kb.tjenester[service_id]
    parent = kb.tjenester.get(t.inngar_i) if t.inngar_i else None
    children = [c for c in kb.tjenester.values() if c.inngar_i == t.id]
    maler, oslo_sections = _oslo_links(kb, t.id)
    tags = ["Lovpålagt" if t.lovpalagt else "Ikke lovpålagt",
            {"ja": "Egenandel", "nei": "Ingen egenandel", "avhenger": "Egenandel avhenger",
             "ikke_omtalt": "Egenandel ikke omtalt"}[t.egenandel.svar]]
    tags += [k.navn for k in kb.kategorier if t.id in k.tjenester]
    # Legal references as tags: Material weights tags highest in search, so a search for
    # "2-1 d" finds the services that rest on that provision.
    tags += [_short_ref(kb, ref) for ref in t.lovgrunnlag if ref.lov in kb.lover]
    trinn = [s for s in kb.innsatstrapp if t.id in s.tjenester]
    facts = [dict(navn=f.navn, sporsmal=f.sporsmal, type_tekst=FACT_TYPE_TEXT[f.type]
                  + (f" ({f.enhet})" if f.enhet else "")) for f in facts_for(kb, t)]
    related = [dict(tittel=s.tittel, fil=s.fil)
               for s in (scenario_list or []) if t.id in s.tjenester]
    return render_template(
        "service.md.j2", t=t, ctx=PageContext(kb), parent=parent, children=children, tags=tags,
        egenandel_svar=EGENANDEL_SVAR[t.egenandel.svar], klage=klage_for(kb, t), basis=lovpalagt_basis(kb, t),
        lovrefs=law_links(kb, t.lovgrunnlag), maler=maler, oslo_seksjoner=oslo_sections,
        kilde=source_text(kb, t), stikkord=_search_words(kb, t.id), fakta=facts, scenarier=related,
        trinn=trinn)


def _short_ref(kb: KnowledgeBase, ref) -> str:
    """A legal reference as a short tag, e.g. ``pbrl. § 2-1 d``."""
    lov = kb.lover[ref.lov]
    name = lov.forkortelse or lov.korttittel
    return f"{name} § {ref.paragraf}" if ref.paragraf else name


def _search_words(kb: KnowledgeBase, service_id: str) -> list[str]:
    """The service's own keywords and the synonyms of glossary terms whose main page it is."""
    words = list(kb.tjenester[service_id].stikkord)
    for entry in kb.ordliste:
        if entry.se[:1] == [service_id]:
            words.extend(entry.synonymer)
    return list(dict.fromkeys(words))


def _rows(kb: KnowledgeBase) -> list[dict]:
    rows = []
    for t in kb.tjenester.values():
        rows.append(dict(t=t, klage=klage_for(kb, t), basis=lovpalagt_basis(kb, t),
                         lovrefs=law_links(kb, t.lovgrunnlag),
                         egenandel=EGENANDEL_SVAR[t.egenandel.svar],
                         alder=t.aldersgrense.tekst if t.aldersgrense else "–",
                         parent=kb.tjenester.get(t.inngar_i) if t.inngar_i else None))
    return rows


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """All pages generated from the services and the glossary."""
    scenario_list = scenarios()
    out = {f"tjenester/{sid}.md": service_page(kb, sid, scenario_list) for sid in kb.tjenester}
    rows = _rows(kb)
    out["index.md"] = render_template("start.md.j2", rows=rows, kb=kb)
    out["tjenester/index.md"] = render_template("services_index.md.j2", rows=rows)
    out["oversikt/index.md"] = render_template("overview.md.j2", rows=rows)
    out["oversikt/innsatstrapp.md"] = render_template(
        "innsatstrapp.md.j2", trinn=kb.innsatstrapp, tjenester=kb.tjenester,
        utenfor=[t for t in kb.tjenester.values() if not any(t.id in s.tjenester for s in kb.innsatstrapp)])
    out["tjenester/etter-behov.md"] = render_template("by_need.md.j2", kategorier=kb.kategorier,
                                                      tjenester=kb.tjenester)
    out["ordliste.md"] = render_template("glossary.md.j2", entries=sorted(kb.ordliste, key=lambda e: e.term.lower()),
                                         targets=_targets(kb))
    return out


def _targets(kb: KnowledgeBase) -> dict[str, Link]:
    targets = {sid: Link(t.navn, f"tjenester/{sid}.md") for sid, t in kb.tjenester.items()}
    targets.update({cid: Link(c.tittel, f"veiledning/{cid}.md") for cid, c in kb.kapitler.items()})
    return targets
