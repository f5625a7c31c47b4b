"""Pages for Oslo kommune's Gerica routine: overview, one page per section, rules, template catalogue.

Pages (paths relative to ``docs/``):

* ``oslo/index.md``: the routine's sections with links, the Gerica terms it uses;
* ``oslo/<nummer>-<tittel>.md``: one page per level-1 and level-2 section (deeper sections are
  headings on their parent's page, with anchors such as ``#avsnitt-2-11-1``);
* ``oslo/regler.md``: the rules as data (anchors ``#regel-<id>``);
* ``oslo/maler.md``: the template catalogue, an anchor per template (``#mal-509``).

Service pages (``tjenester/<id>.md``) link here with :func:`service_links` and
:func:`template_links`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from kb.knowledge.loader import KnowledgeBase
from kb.oslo.models import (SERVICE_IDS, Mal, OsloRutine, RutineSeksjon, Rutineregel, sections_for_service,
                            templates_for_service)
from kb.rules.describe import describe
from kb.site.render import escape_md, render_template

QUESTION_TEXT = {"enkeltvedtak_kreves": "Kreves enkeltvedtak?", "forvaltningsmelding_kreves": "Kreves forvaltningsmelding?",
                 "forhandsvarsel_kreves": "Kreves forhåndsvarsel?", "vedtaksmal": "Hvilken vedtaksmal?",
                 "klagefrist": "Klagefrist", "klageinstans": "Klageinstans"}

FOLDER = "oslo"


def section_page(rutine: OsloRutine, nummer: str) -> str:
    """Path of the page (under ``docs/``) that shows section ``nummer``."""
    page = rutine.side_for(nummer)
    return f"{FOLDER}/{page.slug}.md" if page else f"{FOLDER}/index.md"


def section_href(rutine: OsloRutine, nummer: str, prefix: str = "") -> str:
    """Link to section ``nummer``: its page, plus an anchor when it is deeper than level 2."""
    s = rutine.seksjon(nummer)
    page = rutine.side_for(nummer)
    if s is None or page is None:
        return f"{prefix}index.md"
    href = f"{prefix}{page.slug}.md"
    return href if s.nummer == page.nummer else f"{href}#{s.anker}"


def template_links(kb: KnowledgeBase, service_id: str) -> list[tuple[str, str]]:
    """``(label, URL)`` of every template that applies to a service, relative to its page."""
    return [(template_label(m), f"../{FOLDER}/maler.md#{m.anker}") for m in templates_for_service(kb, service_id)]


def section_links(kb: KnowledgeBase, service_id: str) -> list[tuple[str, str]]:
    """``(title, URL)`` of the routine's sections that name a service, relative to its page."""
    if kb.oslo is None:
        return []
    return [(f"Oslo-rutinen {s.overskrift}", section_href(kb.oslo, s.nummer, f"../{FOLDER}/"))
            for s in sections_for_service(kb, service_id)]


def service_links(kb: KnowledgeBase, service_id: str, templates: bool = True) -> list[tuple[str, str]]:
    """``(title, URL)`` of everything in the Oslo routine for a service, relative to its page.

    The sections that name the service, the Gerica practice that applies to every service
    (sakskort, sak 100, journaler, SvarUt, IPLOS), the routine's rules, and the templates that
    apply (e.g. ``("509 OK_Sak – Avslag", "../oslo/maler.md#mal-509")``).
    """
    if kb.oslo is None:
        return []
    links = section_links(kb, service_id)
    if kb.oslo.gerica:
        links.append(("Gerica-praksis i Oslo (sakskort, sak 100, journaler, SvarUt, IPLOS)",
                      f"../{FOLDER}/index.md#gerica-praksis"))
    if kb.oslo.regler:
        links.append(("Oslo-rutinens regler: vedtak, forvaltningsmelding, forhåndsvarsel, klagefrist",
                      f"../{FOLDER}/regler.md"))
    if templates:
        links.extend((f"Mal {label}", url) for label, url in template_links(kb, service_id))
    return links


# --- rendering helpers -------------------------------------------------------------

PLACEHOLDER = "XXX"
"""Marks a placeholder in a template name in the source («OK_ Oppdragsavtaler XXX»)."""


def template_name(m: Mal) -> str:
    """The template's name as shown: a placeholder in the source name shown as one
    («OK_ Oppdragsavtaler ‹tjeneste›»)."""
    return m.navn.replace(PLACEHOLDER, "‹tjeneste›")


def template_label(m: Mal) -> str:
    """``509 OK_Sak – Avslag``; a template without id by its shown name."""
    return f"{m.id} {template_name(m)}" if m.id is not None else template_name(m)


def placeholder_note(m: Mal) -> str:
    """What a placeholder in the name stands for, or ``""``."""
    if PLACEHOLDER not in m.navn:
        return ""
    return (f"Navnet i rutinen er «{m.navn}»: «{PLACEHOLDER}» er en plassholder for tjenesten, "
            "ikke en del av navnet.")


UTFALL_NAVN = {"innvilget": "Innvilgelse", "avslag": "Avslag", "opphor": "Opphør",
               "utsatt_iverksettelse_innvilget": "Utsatt iverksettelse innvilget",
               "utsatt_iverksettelse_avslag": "Utsatt iverksettelse avslått"}


@dataclass(frozen=True)
class TemplateUse:
    """One line of «Hvilken mal for hvilken tjeneste»: the template and when it is used."""

    mal: Mal
    hva: str
    vilkar: str


def _conditions(tm, m: Mal) -> str:
    parts = []
    if tm.egenandel is True:
        parts.append("med egenandel")
    elif tm.egenandel is False:
        parts.append("uten egenandel")
    if m.tidsavgrenset == "Ja":
        parts.append("tidsavgrenset")
    return ", ".join(parts)


def template_uses(kb: KnowledgeBase, service_id: str | None) -> list[TemplateUse]:
    """The templates named for one service (``None``: those for every service), in the order of
    the mappings, each with its outcome and conditions (egenandel, tidsavgrenset)."""
    if kb.oslo is None:
        return []
    out, seen = [], set()
    for tm in kb.oslo.tjenestemaler:
        mine = tm.tjenester == "alle" if service_id is None else (tm.tjenester != "alle" and service_id in tm.tjenester)
        m = kb.maler.get(str(tm.mal))
        if not mine or m is None or (m.nokkel, tm.utfall, tm.egenandel) in seen:
            continue
        seen.add((m.nokkel, tm.utfall, tm.egenandel))
        out.append(TemplateUse(m, UTFALL_NAVN.get(tm.utfall, "Annet brev") if tm.utfall else "Annet brev",
                               _conditions(tm, m)))
    return out


_NUMBERED = re.compile(r"^(\d+)\.")


def md_item(text: str) -> Markup:
    """Inline Markdown for a bullet: escaped, and a leading ``1.`` kept as text (not a nested list)."""
    return Markup(_NUMBERED.sub(r"\1\\.", str(escape_md(text)), count=1))


@dataclass(frozen=True)
class ServiceRef:
    """A service named by the routine: its label and, when its page exists, the link."""

    label: str
    url: str | None


class OsloContext:
    """What the Oslo templates need: links, service names, rules per section."""

    def __init__(self, kb: KnowledgeBase, prefix: str = ""):
        self.kb = kb
        self.rutine = kb.oslo
        self.prefix = prefix

    md_item = staticmethod(md_item)
    template_name = staticmethod(template_name)
    template_label = staticmethod(template_label)
    placeholder_note = staticmethod(placeholder_note)

    def href(self, nummer: str) -> str:
        """Link from an Oslo page to section ``nummer``."""
        return section_href(self.rutine, nummer, self.prefix)

    def services(self, s: RutineSeksjon) -> list[ServiceRef]:
        """The services a section names, linked when their page exists."""
        out = []
        for sid in s.tjenester:
            t = self.kb.tjenester.get(sid)
            out.append(ServiceRef(t.navn if t else sid, f"../tjenester/{sid}.md" if t else None))
        return out

    def rules_on(self, page: RutineSeksjon) -> list[Rutineregel]:
        """Rules whose section is shown on ``page``."""
        shown = {s.nummer for s in _subtree(page)}
        return [r for r in self.rutine.regler.values() if r.seksjon in shown]

    @staticmethod
    def answer_text(s, values) -> str:
        """What an answer gives, in Norwegian."""
        if s.malkatalog:
            return "malen i malkatalogen"
        if s.frist_uker is not None:
            return f"{values.get(s.frist_uker.parameter, '?')} uker fra vedtaket er mottatt"
        if s.verdi_regel is not None:
            return "ja hvis tjenesten har egenandel, ellers nei"
        return {True: "ja", False: "nei", None: "saksbehandler avgjør"}.get(s.verdi, str(s.verdi)) \
            if not isinstance(s.verdi, str) else s.verdi

    def templates_in(self, gruppe: str) -> list[Mal]:
        """Templates of catalogue group ``gruppe`` (4.1, 4.2, 4.3)."""
        return [m for m in self.kb.maler.values() if m.gruppe == gruppe]

    def law_links(self, r: Rutineregel) -> list[tuple[str, str]]:
        """``(label, Lovdata URL)`` for the provisions a rule refers to."""
        out = []
        for ref in r.lovgrunnlag:
            lov = self.kb.lover.get(ref.lov)
            if lov is not None:
                out.append((ref.label(lov), ref.lovdata_url(lov)))
        return out

    def parameters(self, r: Rutineregel) -> list[str]:
        """The rule's answers (when, what) and what else it names, as short Norwegian lines."""
        p, out = r.parametre, []
        values = self.kb.parameterverdier(dt.date.today())
        vocabulary = self.kb.oslo.saksfelter if self.kb.oslo else {}
        for s in r.svar:
            when = describe(s.nar, vocabulary, values) if s.nar is not None else "ellers"
            out.append(f"Svar på «{QUESTION_TEXT[s.sporsmal]}» når {when}: {self.answer_text(s, values)}")
            if s.redaksjonell:
                out.append(f"Redaksjonell lesning: {s.redaksjonell}")
        for pid in p.tall:
            if pid in values:
                out.append(f"{self.kb.parametre[pid].beskrivelse} ({values[pid]} {self.kb.parametre[pid].enhet})")
        if p.malnavn:
            out.append(f"Mal eller standardtekst nevnt i teksten: {p.malnavn}")
        if p.gerica:
            out.append("Gerica: " + ", ".join(p.gerica))
        return out

    def rule_templates(self, r: Rutineregel) -> list[Mal]:
        """Catalogue templates a rule uses."""
        return [self.kb.maler[str(i)] for i in r.parametre.maler if str(i) in self.kb.maler]

    def mapped_services(self, m: Mal) -> list[ServiceRef] | None:
        """Services the template applies to (``None`` when it applies to all)."""
        ids: set[str] = set()
        for tm in self.rutine.tjenestemaler:
            if str(tm.mal) != m.nokkel:
                continue
            if tm.tjenester == "alle":
                return None
            ids.update(tm.tjenester)
        order = [sid for sid in SERVICE_IDS if sid in ids] + sorted(ids - set(SERVICE_IDS))
        out = []
        for sid in order:
            t = self.kb.tjenester.get(sid)
            out.append(ServiceRef(t.navn if t else sid, f"../tjenester/{sid}.md" if t else None))
        return out

    def is_mapped(self, m: Mal) -> bool:
        """True when any mapping names the template."""
        return any(str(tm.mal) == m.nokkel for tm in self.rutine.tjenestemaler)


def _subtree(s: RutineSeksjon):
    yield s
    for child in s.underseksjoner:
        yield from _subtree(child)


def _pages_for(rutine: OsloRutine) -> list[RutineSeksjon]:
    """Level-1 and level-2 sections in source order: each gets a page."""
    return [s for s in rutine.alle_seksjoner() if s.niva <= 2]


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every Oslo page: path under ``docs/`` → Markdown."""
    if kb.oslo is None:
        return {}
    rutine = kb.oslo
    ctx = OsloContext(kb)
    kilde = kb.kilde_tekst(rutine.kilde.dokument, rutine.tittel)
    out = {f"{FOLDER}/index.md": render_template("oslo_index.md.j2", r=rutine, ctx=ctx, kilde=kilde,
                                                  har_regler=bool(rutine.regler), har_maler=bool(kb.maler))}
    for s in _pages_for(rutine):
        parent = rutine.seksjon(s.nummer.split(".")[0]) if s.niva == 2 else None
        out[f"{FOLDER}/{s.slug}.md"] = render_template(
            "oslo_section.md.j2", s=s, parent=parent, ctx=ctx, rules=ctx.rules_on(s),
            templates=ctx.templates_in(s.nummer) if s.nummer in ("4.1", "4.2", "4.3") else [],
            kilde=kb.kilde_tekst(s.kilde.dokument, s.kilde.avsnitt))
    if rutine.regler:
        out[f"{FOLDER}/regler.md"] = render_template("oslo_regler.md.j2", r=rutine, ctx=ctx,
                                                     rules=list(rutine.regler.values()), har_regler=True,
                                                     har_maler=bool(kb.maler))
    if kb.maler:
        services = []
        for sid in SERVICE_IDS:
            t = kb.tjenester.get(sid)
            services.append(dict(ref=ServiceRef(t.navn if t else sid, f"../tjenester/{sid}.md" if t else None),
                                 maler=templates_for_service(kb, sid), bruk=template_uses(kb, sid)))
        out[f"{FOLDER}/maler.md"] = render_template("oslo_maler.md.j2", r=rutine, ctx=ctx,
                                                    maler=list(kb.maler.values()), services=services,
                                                    felles=template_uses(kb, None), kilde=kilde)
    return out
