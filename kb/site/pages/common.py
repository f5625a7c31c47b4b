"""Helpers shared by the page generators: how criteria, laws and complaints are shown."""

from __future__ import annotations

from dataclasses import dataclass

from kb.knowledge.loader import KnowledgeBase
from kb.criteria.models import ART_NAVN, Kriterium, Tjeneste
from kb.rules.sentences import checked

FACT_TYPE_TEXT = {"heltall": "et helt tall", "tall": "et tall", "ja_nei": "ja eller nei"}


@dataclass(frozen=True)
class Note:
    """A line under a criterion on a page: ``kind`` is a CSS suffix (regel, skjonn, unntak …)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Klage:
    """Complaint deadline and body for a service, from the chapter *Klageadgang*."""

    frist: str
    uker: int
    instans: str


def klage_for(t: Tjeneste) -> Klage:
    """Four weeks and Statsforvalteren for statutory services; three weeks and the
    municipality's klageutvalg for the others (regional criteria, *Klageadgang*)."""
    if t.lovpalagt:
        return Klage("4 uker", 4, "statsforvalteren (etter ny vurdering i kommunen)")
    return Klage("3 uker", 3, "kommunens klageutvalg")


class PageContext:
    """What the shared Jinja2 macros need to render sections and criteria."""

    art_navn = ART_NAVN

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def describe(self, regel) -> str:
        """A rule as the page shows it: «Sjekkes: søker er under 67 år.»"""
        return checked(regel, self.kb.opplysninger, self._criterion_text)

    def _criterion_text(self, criterion_id: str) -> str:
        for t in self.kb.tjenester.values():
            for k in t.kriterier():
                if k.kriterium == criterion_id:
                    return k.tekst
        return ""

    def kommune_navn(self, kommune_id: str) -> str:
        """A municipality's name (its id when unknown)."""
        k = self.kb.kommuner.get(kommune_id)
        return f"{k.navn} kommune" if k else kommune_id

    def notes(self, k: Kriterium) -> list[Note]:
        """The lines shown under a criterion: what the evaluator checks or that it is skjønn, and
        exceptions for a municipality. Editorial notes are in :meth:`about`."""
        out = []
        if k.regel is not None:
            out.append(Note("regel", self.describe(k.regel)))
        elif k.art == "prioriteres":
            out.append(Note("skjonn", "Prioritering: avgjør ikke utfallet alene."))
        else:
            out.append(Note("skjonn", "Skjønn: vurderes av saksbehandler."))
        for u in k.unntak:
            out.append(Note("unntak", f"Unntak: {u.tekst} ({self.kommune_navn(u.kommune)})."))
        return out

    @staticmethod
    def about(item) -> list[str]:
        """Notes on the text of an item (uncertain reading of the OCR source, editorial notes),
        shown behind a collapsed «Om teksten»."""
        out = []
        if getattr(item, "usikker_tekst", False):
            out.append("Usikker lesning av kilden (OCR)" + (f": {item.merknad}" if item.merknad else "."))
        elif getattr(item, "merknad", ""):
            out.append(f"Redaksjonell merknad: {item.merknad}")
        return out


@dataclass(frozen=True)
class Link:
    """A rendered link: label and URL."""

    label: str
    url: str


def law_links(kb: KnowledgeBase, refs) -> list[Link]:
    """Legal references (a service's ``lovgrunnlag`` or a chapter's ``lovhenvisninger``) as Lovdata links."""
    out = []
    for ref in refs:
        lov = kb.lover.get(ref.lov)
        if lov is not None:
            out.append(Link(ref.label(lov), ref.lovdata_url(lov)))
    return out


def facts_for(kb: KnowledgeBase, t: Tjeneste) -> list:
    """Fact definitions the service's rules use (with its parent's), in first-use order."""
    from kb.rules.interpreter import facts_used
    names: dict[str, None] = {}
    services = [t] + ([kb.tjenester[t.inngar_i]] if t.inngar_i in kb.tjenester else [])
    for s in services:
        for k in s.kriterier():
            if k.regel is not None:
                for n in facts_used(k.regel):
                    names.setdefault(n, None)
    return [kb.opplysninger[n] for n in names if n in kb.opplysninger]


def source_text(kb: KnowledgeBase, t) -> str:
    """The citation of a service or chapter."""
    return kb.kilde_tekst(t.kilde.dokument, t.kilde.avsnitt)
