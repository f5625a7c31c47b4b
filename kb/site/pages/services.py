"""Service pages, the start page, the service list, overview tables and the glossary."""

from __future__ import annotations

from kb.knowledge.loader import KnowledgeBase
from kb.criteria.evaluate import law_conditions
from kb.criteria.reasons import guidance_words
from kb.site.pages.common import (FACT_TYPE_TEXT, Link, PageContext, children_of, facts_for, klage_for, later_values,
                                  law_links,
                                 source_view,
                             lovpalagt_basis, source_text)
from kb.oslo.models import mappings_for_service
from kb.site.pages import oslo
from kb.site.render import render_template
from kb.reading.scenario_pages import scenarios

EGENANDEL_SVAR = {"ja": "Ja", "nei": "Nei", "avhenger": "Avhenger", "ikke_omtalt": "Ikke omtalt i kilden"}


def _oslo_links(kb: KnowledgeBase, service_id: str) -> tuple[list[Link], list[tuple[str, str]]]:
    """Templates named for this service (not those for every service) and the routine's sections."""
    own = {str(m.mal) for m in mappings_for_service(kb, service_id) if m.tjenester != "alle"}
    templates = [Link(oslo.template_label(mal), f"../{oslo.FOLDER}/maler.md#{mal.anker}")
                 for mal in kb.maler.values() if mal.nokkel in own]
    sections = oslo.service_links(kb, service_id, templates=False)
    return templates, sections


def service_page(kb: KnowledgeBase, service_id: str, scenario_list=None, sett=None) -> str:
    """The Markdown of one service page of criteria set ``sett`` (the first set by default; the
    page of another set names the set and the municipalities it applies to)."""
    first_set = next(iter(kb.tjenester_per_sett()))
    services = kb.tjenester_per_sett()[sett.id] if sett is not None else kb.tjenester
    t = services[service_id]
    parent = services.get(t.inngar_i) if t.inngar_i else None
    children = children_of(kb, t.id, services)
    maler, oslo_sections = _oslo_links(kb, t.id)
    tags = ["Lovpålagt avhenger av saken" if t.lovpalagt == "avhenger" else "Lovpålagt" if t.lovpalagt
            else "Ikke lovpålagt",
            {"ja": "Egenandel", "nei": "Ingen egenandel", "avhenger": "Egenandel avhenger",
             "ikke_omtalt": "Egenandel ikke omtalt"}[t.egenandel.svar]]
    tags += [k.navn for k in kb.kategorier if t.id in k.tjenester]
    # Legal references as tags: Material weights tags highest in search, so a search for
    # "2-1 d" finds the services that rest on that provision.
    tags += [_short_ref(kb, ref) for ref in t.lovgrunnlag if ref.lov in kb.lover]
    trinn = [s for s in kb.innsatstrapp if t.id in s.tjenester]
    facts = [dict(navn=f.navn, sporsmal=f.sporsmal, type_tekst=FACT_TYPE_TEXT[f.type]
                  + (f" ({f.enhet})" if f.enhet else "")) for f in facts_for(kb, t, services)]
    related = [dict(tittel=s.tittel, fil=s.fil)
               for s in (scenario_list or []) if t.id in s.tjenester]
    provd = [k for k in t.kriterier() if k.art == "provd_forst"]
    ctx = PageContext(kb, services)
    conditions = law_conditions(kb, t, {k.kriterium for k in t.kriterier()})
    lovvilkar = [dict(id=k.kriterium, tekst=k.tekst, regel=ctx.describe(k.regel) if k.regel is not None else "",
                      kilde=source_view(kb, k.kilde.dokument, k.kilde.avsnitt) if k.kilde else None,
                      lover=law_links(kb, k.lovhenvisninger)) for k in conditions]
    return render_template(
        "service.md.j2", t=t, ctx=ctx, lovvilkar=lovvilkar, parent=parent, children=children, tags=tags,
        egenandel_svar=EGENANDEL_SVAR[t.egenandel.svar], klage=klage_for(kb, t), basis=lovpalagt_basis(kb, t),
        lovrefs=law_links(kb, t.lovgrunnlag), maler=maler, oslo_seksjoner=oslo_sections,
        kilde=source_text(kb, t), fakta=facts, scenarier=related, trinn=trinn,
        provd_forst=provd, rett=_right(t, bool(conditions)), om_teksten=[] if t.usikker_tekst else PageContext.about(t),
        aldersgrense_senere=later_values(kb, t.aldersgrense.parametre if t.aldersgrense else []),
        sett=sett, sett_id=sett.id if sett is not None else first_set, forste_sett=first_set,
        sett_kommuner=municipalities_text(kb, sett) if sett is not None else "",
        veiledning=guidance_words(kb.kriteriesett, sett.id if sett is not None else None),
        kilde_sett=_source_set(kb, sett))


def _source_set(kb: KnowledgeBase, sett):
    """On another set's page: the first set, whose document the shared pages (the chapters under
    «Veiledning», «Loven og de regionale kriteriene») quote, so a link to them names it; else None."""
    first = next(iter(kb.kriteriesett.values()), None)
    return first if sett is not None and first is not None and sett.id != first.id else None


def municipality_names(kb: KnowledgeBase, sett) -> list[str]:
    """The names of the municipalities a set covers, in its order."""
    return [kb.kommuner[k].navn for k in sett.kommuner if k in kb.kommuner]


def municipalities_text(kb: KnowledgeBase, sett) -> str:
    """The municipalities a criteria set covers, as a sentence ends: «Gjøvik, Gran og Lunner kommuner»."""
    names = municipality_names(kb, sett)
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
    return f"{listed} kommune" + ("r" if len(names) > 1 else "")


def _short_ref(kb: KnowledgeBase, ref) -> str:
    """A legal reference as a short tag, e.g. ``pbrl. § 2-1 d``."""
    lov = kb.lover[ref.lov]
    name = lov.forkortelse or lov.korttittel
    return f"{name} § {ref.paragraf}" if ref.paragraf else name


def _abbreviated(kb: KnowledgeBase, ref) -> str:
    """A full legal reference with the law's abbreviation (``pbrl. § 2-1 d første ledd``)."""
    lov = kb.lover[ref.lov]
    return ref.label(lov).replace(lov.korttittel, lov.forkortelse or lov.korttittel, 1)


def _referenced(regel) -> list[str]:
    """Criterion ids a rule refers to, in order."""
    from kb.rules.language import Alle, Ikke, KriteriumRef, Noen
    if isinstance(regel, KriteriumRef):
        return [regel.kriterium]
    if isinstance(regel, (Alle, Noen)):
        return [i for r in (regel.alle if isinstance(regel, Alle) else regel.noen) for i in _referenced(r)]
    if isinstance(regel, Ikke):
        return _referenced(regel.ikke)
    return []


def _opening(text: str, words: int = 9) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _right(t, by_law: bool = False) -> dict | None:
    """For a service with a statutory right: the criteria of the right (or, when the law's own
    conditions decide it, the section «Lovens vilkår for retten»), and the criteria that speak of
    granting without one (quoted by their opening words)."""
    if t.rettskrav is None:
        return None
    ids = _referenced(t.rettskrav)
    if by_law:
        own = {k.kriterium for k in t.kriterier()}
        without = [dict(tekst=_opening(k.tekst), anker=k.kriterium) for k in t.kriterier()
                   if k.art != "rettskrav" and "rettskrav" in k.tekst.lower()]
        return dict(forste="lovens-vilkar-for-retten", antall=len([i for i in ids if i not in own]),
                    uten=without, loven=True)
    without = [dict(tekst=_opening(k.tekst), anker=k.kriterium) for k in t.kriterier()
               if k.kriterium not in ids and k.art != "rettskrav" and "rettskrav" in k.tekst.lower()]
    return dict(forste=ids[0] if ids else None, antall=len(ids), uten=without, loven=False)


def _rows(kb: KnowledgeBase, services=None) -> list[dict]:
    """One row per service of ``services`` (a criteria set's; the first set's by default)."""
    services = kb.tjenester if services is None else services
    rows = []
    for t in services.values():
        rows.append(dict(t=t, klage=klage_for(kb, t), basis=lovpalagt_basis(kb, t),
                         lovrefs=law_links(kb, t.lovgrunnlag),
                         korte=[Link(_abbreviated(kb, ref), ref.lovdata_url(kb.lover[ref.lov]))
                                for ref in t.lovgrunnlag if ref.lov in kb.lover],
                         egenandel=EGENANDEL_SVAR[t.egenandel.svar],
                         alder=t.aldersgrense.tekst if t.aldersgrense else "–",
                         parent=services.get(t.inngar_i) if t.inngar_i else None))
    return rows


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """All pages generated from the services and the glossary."""
    scenario_list = scenarios()
    # with more than one criteria set, the first set's pages also name their set and municipalities
    first = next(iter(kb.kriteriesett.values())) if len(kb.kriteriesett) > 1 else None
    out = {f"tjenester/{sid}.md": service_page(kb, sid, scenario_list, sett=first) for sid in kb.tjenester}
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
                                         targets=_targets(kb), shown=shown_synonyms)
    return out


def shown_synonyms(entry) -> list[str]:
    """A glossary entry's synonyms as the page shows them: spellings without æ/ø/å of another of
    its words are left out (they are search words, not text)."""
    from kb.site.search import ascii_spellings
    words = [entry.term, *entry.synonymer]
    folded = {w.lower() for w in ascii_spellings(words)}
    return [s for s in entry.synonymer if s.lower() not in folded or any(c in s.lower() for c in "æøå")]


def _targets(kb: KnowledgeBase) -> dict[str, Link]:
    targets = {sid: Link(t.navn, f"tjenester/{sid}.md") for sid, t in kb.tjenester.items()}
    targets.update({cid: Link(c.tittel, f"veiledning/{cid}.md") for cid, c in kb.kapitler.items()})
    return targets
