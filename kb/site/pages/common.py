"""Helpers shared by the page generators: how criteria, laws and complaints are shown."""

from __future__ import annotations

from dataclasses import dataclass

from kb.knowledge.loader import KnowledgeBase
from kb.criteria.models import ART_NAVN, Kriterium, Tjeneste
from kb.rules.describe import describe

FACT_TYPE_TEXT = {"heltall": "heltall", "tall": "tall", "ja_nei": "ja/nei"}


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


def klage_for(kb: KnowledgeBase, t: Tjeneste, dato=None) -> Klage:
    """The klagefrist and klageinstans the routine's rules give for the service (the same rules and
    parameters as ``kb procedure``), on ``dato`` (default today)."""
    import datetime as dt
    from kb.oslo.procedure import answer
    dato = dato or dt.date.today()
    result = answer({"tjeneste": t.id, "vurderingsdato": dato.isoformat(), "sak": {"utfall": "avslag"}}, kb)
    rule_id = next(b["regel"] for b in result["begrunnelse"] if b["svar"] == "klagefrist")
    svar = next(s for s in kb.oslo.regler[rule_id].svar if s.sporsmal == "klagefrist" and s.frist_uker)
    weeks = int(kb.parameter(svar.frist_uker.parameter, dato))
    return Klage(f"{weeks} uker", weeks, result["klageinstans"] or "")


@dataclass(frozen=True)
class Link:
    """A rendered link: label and URL, and an editorial note on it when there is one."""

    label: str
    url: str
    merknad: str = ""


@dataclass(frozen=True)
class SourceRef:
    """Where a criterion stands: document, heading path and line range, and the laws it names."""

    text: str
    lover: list[Link]


class PageContext:
    """What the shared Jinja2 macros need to render sections and criteria."""

    art_navn = ART_NAVN

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._headings = {k.kriterium: (t, path) for t in kb.tjenester.values()
                          for path, k in criteria_with_headings(t)}

    def kilde_ref(self, k: Kriterium) -> SourceRef:
        """The criterion's source reference, e.g. ``Regionale kriterier, BPA › Kriterier, linje 980–985``."""
        t, path = self._headings[k.kriterium]  # criteria stand only in services
        if k.kilde is not None:
            dokument, avsnitt = k.kilde.dokument, k.kilde.avsnitt
        else:
            dokument, avsnitt = t.kilde.dokument, " › ".join([t.kilde.avsnitt, *path])
        text = f"{short_title(self.kb, dokument)}, {avsnitt.removeprefix('Tjenester › ')}"
        if k.linjer is not None:
            text += f", {k.linjer.tekst()}"
        return SourceRef(text, law_links(self.kb, k.lovhenvisninger))

    def describe(self, regel) -> str:
        """A rule in readable form, with the parameters' values in force today."""
        import datetime as dt
        return describe(regel, self.kb.opplysninger, self.kb.parameterverdier(dt.date.today()))

    def kommune_navn(self, kommune_id: str) -> str:
        """A municipality's name (its id when unknown)."""
        k = self.kb.kommuner.get(kommune_id)
        return f"{k.navn} kommune" if k else kommune_id

    def notes(self, k: Kriterium) -> list[Note]:
        """The lines shown under a criterion: rule or skjønn, exceptions, uncertainty, notes."""
        out = []
        if k.regel is not None:
            out.append(Note("regel", f"Sjekkes av evaluatoren: {self.describe(k.regel)}"))
        elif k.art == "prioriteres":
            out.append(Note("skjonn", "Prioritering: avgjør ikke utfallet alene."))
        else:
            out.append(Note("skjonn", "Skjønn: vurderes av saksbehandler."))
        for u in k.unntak:
            out.append(Note("unntak", f"Unntak: {u.tekst} ({self.kommune_navn(u.kommune)})."))
        if k.usikker_tekst:
            out.append(Note("usikker", "Usikker lesning av kilden" + (f": {k.merknad}" if k.merknad else ".")))
        elif k.merknad:
            out.append(Note("merknad", f"Redaksjonell merknad: {k.merknad}"))
        return out


def criteria_with_headings(t: Tjeneste):
    """``(heading path, criterion)`` for every criterion of a service, in source order."""
    return t.kriterier_med_overskrift()


def short_title(kb: KnowledgeBase, dokument: str) -> str:
    """A source document's short title (its full title when it has none)."""
    doc = kb.kilder.get(dokument)
    return (doc.korttittel or doc.tittel) if doc else dokument


def law_links(kb: KnowledgeBase, refs) -> list[Link]:
    """Legal references (a service's ``lovgrunnlag`` or a chapter's ``lovhenvisninger``) as Lovdata links."""
    out = []
    for ref in refs:
        lov = kb.lover.get(ref.lov)
        if lov is not None:
            out.append(Link(ref.label(lov), ref.lovdata_url(lov), ref.merknad))
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


@dataclass(frozen=True)
class Basis:
    """Why a service is (or is not) statutory, shown next to its klagefrist: the source passage,
    or an editorial reading with its reason and laws."""

    redaksjonell: bool
    kort: str
    """``Står i kilden`` or ``Redaksjonell lesning``."""
    sitat: str
    kilde: str
    """The passage, e.g. ``Regionale kriterier, Middagsombringing › Lovgrunnlag, linje 388``."""
    begrunnelse: str
    lover: list[Link]


def lovpalagt_basis(kb: KnowledgeBase, t: Tjeneste) -> Basis:
    """The basis of ``t.lovpalagt`` as a page shows it."""
    g = t.lovpalagt_grunnlag
    kilde = ""
    if g.kilde is not None:
        kilde = f"{short_title(kb, g.kilde.dokument)}, {g.kilde.avsnitt.removeprefix('Tjenester › ')}"
        if g.linjer is not None:
            kilde += f", {g.linjer.tekst()}"
    return Basis(g.redaksjonell, "Redaksjonell lesning" if g.redaksjonell else "Står i kilden",
                 g.sitat, kilde, g.begrunnelse, law_links(kb, g.lovhenvisninger))
