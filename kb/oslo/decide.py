"""Generic evaluation of the Oslo routine's answers (``svar`` in ``regler.yaml``).

For one question, the answers of all rules form a decision list in priority order. An answer
applies when its condition is true; a false condition passes to the next. An unknown condition
leaves the question unknown, unless every answer it could lead to is the same (three-valued
if-then-else). A ``ved_tvil`` presumption that decided a condition is named in the reason.
Nothing here knows a particular rule: conditions, answers and reasons are all data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kb.oslo import catalogue
from kb.oslo.reasons import entry
from kb.oslo.models import PLACEHOLDER, Rutineregel, Sak, Svar
from kb.rules.deadlines import klagefrist
from kb.rules.interpreter import Verdi, deciding_facts, evaluate_rule
from kb.rules.words import JA_NEI, dato

UNDECIDED = object()
"""Marks a question the decision list cannot answer yet."""

HOL_TJENESTE = "en helse- og omsorgstjeneste etter helse- og omsorgstjenesteloven"
AVLASTNING_GRATIS = ("tjenesten gis som avlastning, og avlastning er gratis (malkatalogen 4.1, mal 541: «{sitat}»)")
"""The fee text when the case says the service is given as avlastning (``gitt_som_avlastning``)."""
IKKE_OMTALT = ("kilden omtaler ikke egenbetaling for tjenesten, og vederlag kan bare kreves der lov eller forskrift "
               "gir hjemmel (helse- og omsorgstjenesteloven § 11-2), så det regnes ikke med egenandel")
"""The fee text for a service whose ``egenandel`` is ``ikke_omtalt``: no fee is assumed."""


def plain_value(felt, value) -> str:
    """A case field's value in words: a choice by its label, a date as dd.mm.åååå."""
    if felt is not None and felt.type == "valg":
        return felt.valg.get(str(value), str(value))
    if felt is not None and felt.type == "dato":
        return dato(value)
    return JA_NEI[value] if isinstance(value, bool) else str(value)


def field_label(kb, name: str) -> str:
    """A case field's label (``etikett`` in saksfelter.yaml); never its name."""
    felt = kb.oslo.saksfelter.get(name)
    return felt.etikett if felt is not None and felt.etikett else name.replace("_", " ")


@dataclass
class CaseContext:
    """What the rules read: the ``sak`` fields, the service's properties, parameter values, texts."""

    kb: object
    sid: str | None
    sak: Sak
    when: dt.date
    facts: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    parametre: dict = field(default_factory=dict)

    mangler_som: dict = field(default_factory=dict)
    """Per case: the field to ask for instead of a derived one (``lovpalagt`` → the sak field)."""

    @classmethod
    def build(cls, kb, sid: str | None, sak: Sak, when: dt.date) -> "CaseContext":
        """The facts and placeholder texts for a case."""
        t = kb.tjenester.get(sid) if sid else None
        facts = {k: v for k, v in sak.model_dump().items() if v is not None}
        facts = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in facts.items()}
        if sak.utfall == "opphor" and sak.endring is None:
            facts["endring"] = "opphor"  # an opphør is the change that ends the service (saksfelter.yaml)
        texts = {k: plain_value(kb.oslo.saksfelter.get(k), v) for k, v in facts.items()}
        if sak.etter_brukers_onske is None:
            facts["etter_brukers_onske"] = False  # 2.9 applies only when the user has said so (saksfelter.yaml)
        if sak.gitt_som_avlastning:
            facts["egenandel"] = False
            texts["egenandel_kilde"] = AVLASTNING_GRATIS.format(sitat=kb.oslo.avlastning_sitat())
        elif sak.egenandel is not None:
            texts["egenandel_kilde"] = "oppgitt i saken"
        elif t is not None and t.egenandel.svar in ("ja", "nei"):
            facts["egenandel"] = t.egenandel.svar == "ja"
            texts["egenandel_kilde"] = f"fra tjenestens egenandel i kunnskapsbasen: «{t.egenandel.tekst}»"
        elif t is not None and t.egenandel.svar == "ikke_omtalt":
            facts["egenandel"] = False
            texts["egenandel_kilde"] = IKKE_OMTALT
        elif t is not None:
            texts["egenandel_kilde"] = (f"tjenestens egenandel avhenger av saken («{t.egenandel.tekst}»); "
                                        "oppgi om tjenesten har egenandel")
        else:
            texts["egenandel_kilde"] = "saken sier ikke om tjenesten har egenandel"
        navn = t.navn if t else (sid or "tjenesten")
        mangler_som = {}
        texts["lovstatus_ukjent"] = ("Tjenesten er ikke oppgitt, så det er ukjent om den er lovpålagt." if sid is None
                                     else f"Kunnskapsbasen har ingen fil for tjenesten «{sid}» ennå, så det er "
                                          "ukjent om den er lovpålagt." if t is None else "")
        texts["lovstatus_grunn"] = navn
        if t is not None and t.lovpalagt == "avhenger":
            given = sak.gitt_etter_helse_og_omsorgstjenesteloven
            if given is None:
                mangler_som["lovpalagt"] = "gitt_etter_helse_og_omsorgstjenesteloven"
                texts["lovstatus_ukjent"] = (f"Det avhenger av saken om {navn} er lovpålagt, og saken sier ikke om "
                                             f"tjenesten gis som {HOL_TJENESTE}.")
            else:
                facts["lovpalagt"] = given
                texts["lovstatus_grunn"] = f"{navn} gis {'' if given else 'ikke '}som {HOL_TJENESTE} (oppgitt i saken)"
                texts["lovstatus_hvilken"] = f"tjenesten gis {'' if given else 'ikke '}som {HOL_TJENESTE}"
        elif t is not None:
            facts["lovpalagt"] = t.lovpalagt
            texts["lovstatus_grunn"] = f"{navn} er {'' if t.lovpalagt else 'ikke '}lovpålagt"
        texts["tjeneste_navn"] = navn
        texts["tjeneste_eller_saker"] = t.navn if t else (sid or "saker uten oppgitt tjeneste")
        texts["tjeneste_ukjent"] = ("Tjenesten er ikke oppgitt" if sid is None else
                                    f"Kunnskapsbasen har ingen fil for tjenesten «{sid}» ennå, så det er ukjent "
                                    "om den er lovpålagt" if t is None else "")
        return cls(kb, sid, sak, when, facts, texts, kb.parameterverdier(when), mangler_som)

    def fill(self, text: str, extra: dict | None = None) -> str:
        """``text`` with its placeholders filled (``{felt}``, ``{p:parameter}``, ``{mal:id}``)."""
        values = dict(self.texts, **(extra or {}))

        def one(m: re.Match) -> str:
            name = m.group(1)
            if name.startswith("p:"):
                value = self.parametre.get(name[2:])
                return "?" if value is None else str(value)
            if name.startswith("mal:"):
                mal = self.kb.maler.get(name[4:])
                return mal.etikett if mal else name[4:]
            return values.get(name, "ikke oppgitt")
        return " ".join(PLACEHOLDER.sub(one, text).split())

    def missing_name(self, name: str) -> str:
        """The case field to ask for when ``name`` is unknown (``lovpalagt`` → ``tjeneste``)."""
        if name in self.mangler_som:
            return self.mangler_som[name]
        felt = self.kb.oslo.saksfelter.get(name)
        return felt.mangler_som if felt is not None and felt.mangler_som else name


@dataclass
class Outcome:
    """The result of a decision list: the answer that applies (or the first undecided one)."""

    value: object
    rule: Rutineregel | None
    svar: Svar | None
    mangler: list[str]
    antatt: list[str]


def decide_question(kb, question: str, ctx: CaseContext) -> tuple[object, list[dict]]:
    """The answer to ``question`` and its reasons (``begrunnelse`` entries)."""
    entries = kb.oslo.svar_for(question)
    outcome = _decide(entries, ctx, question)
    if outcome.value is UNDECIDED:
        return None, [_reason(ctx, question, outcome, undecided=True)]
    value, reasons = _realize(question, outcome, ctx)
    return value, reasons


def _condition(s: Svar, ctx: CaseContext) -> Verdi:
    if s.nar is None:
        return Verdi(True)
    v = evaluate_rule(s.nar, ctx.facts, None, ctx.parametre)
    if v.verdi is None and len(v.mangler) > 1:
        v = Verdi(None, deciding_facts(s.nar, ctx.facts, v.mangler, ctx.parametre), v.antatt)
    return v


def _answer_of(s: Svar, ctx: CaseContext) -> tuple[object, tuple[str, ...]]:
    """The answer an entry gives (``UNDECIDED`` when its ``verdi_regel`` is unknown), and what it lacks."""
    if s.verdi_regel is not None:
        v = evaluate_rule(s.verdi_regel, ctx.facts, None, ctx.parametre)
        return (UNDECIDED if v.verdi is None else v.verdi), v.mangler
    if s.malkatalog:
        return ("malkatalog", ctx.sid, ctx.facts.get("utfall"), ctx.facts.get("egenandel")), ()
    if s.frist_uker is not None:
        return ("frist", s.frist_uker.parameter, ctx.facts.get("vedtak_mottatt")), ()
    if s.mal is not None:
        return ("mal", str(s.mal)), ()
    return s.verdi, ()


def _decide(entries, ctx: CaseContext, question: str, antatt: tuple = ()) -> Outcome:
    if not entries:
        return Outcome(UNDECIDED, None, None, [], list(antatt))
    (rule, s), rest = entries[0], entries[1:]
    c = _condition(s, ctx)
    seen = tuple(dict.fromkeys(antatt + c.antatt))
    if c.verdi is True:
        value, lacking = _answer_of(s, ctx)
        return Outcome(value, rule, s, [ctx.missing_name(n) for n in lacking], list(seen))
    if c.verdi is False:
        return _decide(rest, ctx, question, seen)
    value, lacking = _answer_of(s, ctx)
    other = _decide(rest, ctx, question, seen)
    if value is not UNDECIDED and other.value == value:
        return other
    missing = list(dict.fromkeys(ctx.missing_name(n) for n in c.mangler + tuple(lacking)))
    return Outcome(UNDECIDED, rule, s, missing, list(seen))


def _reason(ctx: CaseContext, question: str, o: Outcome, undecided: bool = False, extra: dict | None = None,
            forklaring: str | None = None) -> dict:
    """One ``begrunnelse`` entry."""
    rule, s = o.rule, o.svar
    if undecided:
        text = (s.ukjent if s is not None and s.ukjent else ctx.kb.oslo.sporsmal.get(question, ""))
    else:
        text = forklaring if forklaring is not None else s.forklaring
        if o.antatt and s.ved_tvil:
            text = s.ved_tvil
    filled = ctx.fill(text, dict(extra or {}, antatt=" og ".join(field_label(ctx.kb, n) for n in o.antatt)))
    mangler = list(dict.fromkeys(o.mangler + ([] if undecided else [ctx.missing_name(n) for n in o.antatt])))
    return entry(ctx, question, rule, filled, mangler)


def _realize(question: str, o: Outcome, ctx: CaseContext) -> tuple[object, list[dict]]:
    """Turn a decided outcome into the output value and its reasons."""
    value = o.value
    if isinstance(value, tuple) and value and value[0] == "malkatalog":
        no_decision = lambda: decide_question(ctx.kb, "enkeltvedtak_kreves", ctx)[0] is False  # noqa: E731
        return catalogue.choose(ctx, o, question, no_decision)
    if isinstance(value, tuple) and value and value[0] == "frist":
        return _deadline(ctx, o, question, value[1], value[2])
    if isinstance(value, tuple) and value and value[0] == "mal":
        mal = ctx.kb.maler[value[1]]
        value = {"id": mal.id, "navn": mal.navn}
        reasons = [_reason(ctx, question, o, extra={"svar": mal.etikett})]
    else:
        reasons = [_reason(ctx, question, o, extra={"svar": "" if value is None else str(value)})]
    for extra in o.svar.tillegg:
        other = ctx.kb.oslo.regler[extra.regel]
        reasons.append(entry(ctx, question, other, ctx.fill(extra.forklaring), []))
    return value, reasons


def _deadline(ctx: CaseContext, o: Outcome, question: str, parameter: str, mottatt: str | None):
    """The klagefrist from ``vedtak_mottatt`` (domstolloven §§ 148–149, Norwegian holidays), in the
    weeks in force on the day the decision was received (not on the assessment date)."""
    if mottatt is None:
        text = o.svar.forklaring.rstrip(".") + "; datoen er ikke oppgitt."
        return None, [entry(ctx, question, o.rule, ctx.fill(text), ["vedtak_mottatt"])]
    weeks = ctx.kb.parameterverdier(dt.date.fromisoformat(mottatt)).get(parameter, ctx.parametre.get(parameter))
    frist = klagefrist(dt.date.fromisoformat(mottatt), bool(ctx.facts.get("lovpalagt")), uker=weeks,
                       hvilken=ctx.texts.get("lovstatus_hvilken"))
    reasons = [entry(ctx, question, o.rule, frist.forklaring, [])]
    if frist.forskjovet:
        # The counting rule quotes the rule that gave the weeks (not always the four-week sentence).
        counting = ctx.kb.oslo.regler.get("fristberegning")
        reasons.append(entry(ctx, question, counting, "Siste dag var ikke en virkedag; fristen er forlenget "
                                                       "etter domstolloven § 149.", [], tekst=o.rule.tekst))
    return frist.dato.isoformat(), reasons
