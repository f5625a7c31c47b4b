"""Helpers shared by the page generators: how criteria, laws and complaints are shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb.knowledge.loader import KnowledgeBase
from kb.criteria.models import ART_NAVN, Kriterium, Tjeneste
from kb.rules.deadlines import RULE_OTHER, RULE_STATUTORY, WEEKS_PARAMETER, klagefrist_uker
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
    senere: tuple[str, ...] = ()
    """Dated changes of the deadline after today, each «fra DD.MM.ÅÅÅÅ: N uker»."""


def dato_tekst(d) -> str:
    """A date as pages write it: ``01.01.2027``."""
    return d.strftime("%d.%m.%Y")


def later_dates(kb: KnowledgeBase, pids, today=None) -> list:
    """The dates after ``today`` on which one of the parameters ``pids`` gets a new value, in order."""
    import datetime as dt
    today = today or dt.date.today()
    return sorted({v.fra for pid in pids if pid in kb.parametre for v in kb.parametre[pid].verdier
                   if v.fra is not None and v.fra > today})


def later_values(kb: KnowledgeBase, pids, today=None) -> list[str]:
    """Each dated value after ``today`` of the parameters ``pids``: «fra 01.01.2027: 70 år»."""
    import datetime as dt
    today = today or dt.date.today()
    out = []
    for pid in pids:
        p = kb.parametre.get(pid)
        for v in (p.verdier if p else []):
            if v.fra is not None and v.fra > today:
                shown = str(v.verdi).replace(".", ",")
                out.append(f"fra {dato_tekst(v.fra)}: {shown} {p.enhet}")
    return out


def rule_parameters(regel) -> list[str]:
    """The parameter ids a rule names (``verdi: {parameter: id}``), in order."""
    from kb.knowledge.check_parameters import _parameters_in
    return list(dict.fromkeys(_parameters_in(regel)))


def klage_for(kb: KnowledgeBase, t: Tjeneste, dato: dt.date | None = None) -> Klage:
    """The klagefrist and klageinstans for a decision on the service, on ``dato`` (default today).

    Read straight from the data ``kb procedure`` uses for a decision: the weeks are the parameter in
    force (``klagefrist-uker-lovpalagt`` or ``-ikke-lovpalagt``, by the service's ``lovpalagt``), the
    klageinstans the answer of the routine's rule for statutory or other services. A test holds
    this against the procedure's own answer for every service.
    """
    dato = dato or dt.date.today()
    values = kb.parameterverdier(dato)

    def one(lovpalagt: bool) -> Klage:
        weeks = klagefrist_uker(values, lovpalagt)
        rule = kb.oslo.regler.get(RULE_STATUTORY if lovpalagt else RULE_OTHER) if kb.oslo else None
        instans = next((s.verdi for s in rule.svar if s.sporsmal == "klageinstans"), None) if rule else None
        return Klage(f"{weeks} uker", weeks, instans if isinstance(instans, str) else "",
                     tuple(later_values(kb, [WEEKS_PARAMETER[lovpalagt]], dato)))

    if t.lovpalagt != "avhenger":
        return one(t.lovpalagt)
    hol, other = one(True), one(False)
    return Klage(f"{hol.frist} når tjenesten gis etter helse- og omsorgstjenesteloven, ellers {other.frist}", hol.uker,
                 f"{hol.instans} når tjenesten gis etter helse- og omsorgstjenesteloven, ellers {other.instans}",
                 hol.senere + other.senere)


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

    def __init__(self, kb: KnowledgeBase, services=None):
        self.kb = kb
        self.services = kb.tjenester if services is None else services
        """The criteria set's services the page shows (the first set's by default)."""
        self._headings = criteria_index(kb, self.services)
        self._law_shown: dict[str, str] = {}
        """Provisions whose words this page shows already: id → the criterion they stand under."""

    def kilde_ref(self, k: Kriterium) -> SourceRef:
        """The criterion's source reference, e.g. ``Regionale kriterier, BPA › Kriterier, linje 980–985``."""
        t, path, _ = self._headings[k.kriterium]  # criteria stand only in services
        if k.kilde is not None:
            dokument, avsnitt = k.kilde.dokument, k.kilde.avsnitt
        else:
            dokument, avsnitt = t.kilde.dokument, " › ".join([t.kilde.avsnitt, *path])
        text = f"{short_title(self.kb, dokument)}, {avsnitt.removeprefix('Tjenester › ')}"
        if k.linjer is not None:
            text += f", {k.linjer.tekst()}"
        return SourceRef(text, law_links(self.kb, k.lovhenvisninger))

    def describe(self, regel) -> str:
        """A rule as the page shows it, with the parameters in force today: «Sjekkes: søker er under 67 år.»"""
        import datetime as dt
        return checked(regel, self.kb.opplysninger, self._criterion_text, self.kb.parameterverdier(dt.date.today()))

    def _criterion_text(self, criterion_id: str) -> str:
        found = self._headings.get(criterion_id)
        return found[2].tekst if found is not None else ""

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
            for d in later_dates(self.kb, rule_parameters(k.regel)):
                text = checked(k.regel, self.kb.opplysninger, self._criterion_text, self.kb.parameterverdier(d))
                out.append(Note("senere", f"fra {dato_tekst(d)}: {text.removeprefix('Sjekkes: ')}"))
        elif k.art == "prioriteres":
            out.append(Note("skjonn", "Prioritering: avgjør ikke utfallet alene."))
        else:
            out.append(Note("skjonn", "Skjønn: vurderes av saksbehandler."))
        for u in k.unntak:
            out.append(Note("unntak", f"Unntak: {u.tekst} ({self.kommune_navn(u.kommune)})."))
        if k.avvik_fra_loven is not None:
            out.append(Note("avvik", f"Avvik fra loven: {k.avvik_fra_loven.tekst} Kriteriet avgjør ikke "
                                     "utfallet alene; loven går foran."))
        return out

    def law_text(self, k: Kriterium) -> dict[str, list[dict]]:
        """The law's words beside a criterion that departs from it (Catala style): for each
        provision the departure rests on, its label, anchor and quotes with their sources
        (``vis``), or, when an earlier criterion on the page shows the same provision, its label
        and that criterion's id (``over``): the page shows a provision's words once, and the
        criteria after link to them. A context serves one page."""
        shown = self._law_shown
        out: dict[str, list[dict]] = {"vis": [], "over": []}
        if k.avvik_fra_loven is None:
            return out
        for lid in k.avvik_fra_loven.lovtekster:
            if lid not in self.kb.lovtekster:
                continue
            view = provision_view(self.kb, self.kb.lovtekster[lid])
            if lid in shown:
                out["over"].append(dict(label=view["label"], kriterium=shown[lid]))
            else:
                shown[lid] = k.kriterium
                out["vis"].append(view)
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


def _cached(kb: KnowledgeBase, name: str, services: dict, make):
    """``make()`` once per knowledge base and criteria set (kept on the knowledge base object)."""
    cache = kb.__dict__.setdefault("_site_" + name, {})
    if id(services) not in cache:
        cache[id(services)] = (services, make())
    return cache[id(services)][1]


def criteria_index(kb: KnowledgeBase, services: dict[str, Tjeneste] | None = None
                   ) -> dict[str, tuple[Tjeneste, list[str], Kriterium]]:
    """Every criterion of a criteria set's services (the first set's by default) by id:
    ``(service, heading path, criterion)``, the first service's where an id repeats. Made once per
    knowledge base and set (every service page asks), so that generating the pages stays linear
    in the number of services."""
    services = kb.tjenester if services is None else services

    def make() -> dict:
        index: dict = {}
        for t in services.values():
            for path, k in criteria_with_headings(t):
                index.setdefault(k.kriterium, (t, path, k))
        return index
    return _cached(kb, "criteria_index", services, make)


def children_of(kb: KnowledgeBase, service_id: str, services: dict[str, Tjeneste] | None = None) -> list[Tjeneste]:
    """The services of the set that are part of ``service_id`` (``inngar_i``), in the knowledge
    base's order; the map is made once per knowledge base and set."""
    services = kb.tjenester if services is None else services

    def make() -> dict:
        children: dict[str, list[Tjeneste]] = {}
        for c in services.values():
            if c.inngar_i:
                children.setdefault(c.inngar_i, []).append(c)
        return children
    return list(_cached(kb, "children", services, make).get(service_id, []))


def criteria_with_headings(t: Tjeneste):
    """``(heading path, criterion)`` for every criterion of a service, in source order."""
    return t.kriterier_med_overskrift()


def short_title(kb: KnowledgeBase, dokument: str) -> str:
    """A source document's short title (its full title when it has none)."""
    return kb.kilde_korttittel(dokument)


def law_links(kb: KnowledgeBase, refs) -> list[Link]:
    """Legal references (a service's ``lovgrunnlag`` or a chapter's ``lovhenvisninger``) as Lovdata links."""
    out = []
    for ref in refs:
        lov = kb.lover.get(ref.lov)
        if lov is not None:
            out.append(Link(ref.label(lov), ref.lovdata_url(lov), ref.merknad))
    return out


def facts_for(kb: KnowledgeBase, t: Tjeneste, table=None) -> list:
    """Fact definitions the service's rules use (with its parent's in ``table``, its criteria
    set's services, the first set's by default, and the law's conditions its right refers to),
    in first-use order."""
    from kb.criteria.evaluate import law_conditions
    from kb.rules.interpreter import facts_used
    table = kb.tjenester if table is None else table
    names: dict[str, None] = {}
    services = [t] + ([table[t.inngar_i]] if t.inngar_i in table else [])
    criteria = [k for s in services for k in s.kriterier()]
    criteria += law_conditions(kb, t, {k.kriterium for k in criteria})
    for k in criteria:
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


def lovpalagt_tekst(t: Tjeneste) -> str:
    """``Ja``, ``Nei`` or ``Avhenger av saken`` for a service's ``lovpalagt``."""
    return "Avhenger av saken" if t.lovpalagt == "avhenger" else "Ja" if t.lovpalagt else "Nei"


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


def source_view(kb: KnowledgeBase, dokument: str, avsnitt: str) -> dict:
    """A stored source as a page cites it: short title, section, address, date read, and whether it
    was checked against Lovdata."""
    doc = kb.kilder.get(dokument)
    lest = doc.lest.strftime("%d.%m.%Y") if doc and doc.lest else ""
    return dict(tittel=short_title(kb, dokument), avsnitt=avsnitt, adresse=doc.adresse if doc else "",
                lest=lest, merknad=doc.merknad if doc and doc.adresse else "")


def provision_view(kb: KnowledgeBase, provision) -> dict:
    """A provision of the law layer as a page shows it: label, anchor, quotes with sources."""
    lov = kb.lover.get(provision.lov)
    label = f"{lov.korttittel if lov else provision.lov} § {provision.paragraf}"
    return dict(id=provision.id, label=label, tittel=provision.tittel, merknad=provision.merknad,
                sitater=[dict(tekst=q.tekst, merknad=q.merknad,
                              kilde=source_view(kb, q.kilde.dokument, q.kilde.avsnitt)) for q in provision.sitater])
