"""``kb procedure``: answer Oslo's Gerica routine's questions for a case (veiledende).

Input (every field optional)::

    tjeneste: korttidsplass
    sak:
      utfall: innvilget      # innvilget | avslag | avvisning | opphor |
                             # utsatt_iverksettelse_innvilget | utsatt_iverksettelse_avslag
      egenandel: true
      forventet_varighet_dager: 10
      forventet_saksbehandlingstid_dager: 20
      vedtak_mottatt: 2026-12-01
      endring: reduksjon     # okning | reduksjon | opphor | forlengelse
      enig_med_bruker: false
      beskrevet_i_vedtaket: false

Output: ``enkeltvedtak_kreves``, ``forvaltningsmelding_kreves``, ``forhandsvarsel_kreves``
(true/false, or null when the input does not decide it), ``vedtaksmal`` (``{"id", "navn"}`` or
null), ``klagefrist`` (ISO date or null), ``klageinstans`` and ``begrunnelse``: for each answer
the rule (``regler.yaml``, or the template mapping), its quoted text, its section and why.

Every number (14 days, 4 and 3 weeks) is read from the rules data. When the case does not say
whether the service has a fee, the service's own ``egenandel`` (ja/nei) is used and the
reason says so; ``avhenger`` leaves it unknown.

Example::

    >>> a = answer({"tjeneste": "korttidsplass",
    ...             "sak": {"utfall": "avslag", "forventet_saksbehandlingstid_dager": 20}})
    >>> a["enkeltvedtak_kreves"], a["forvaltningsmelding_kreves"], a["vedtaksmal"]["id"]
    (True, True, 509)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping, get_args

from pydantic import ValidationError

from kb.rules.deadlines import klagefrist as compute_klagefrist
from kb.criteria.evaluate import YES_NO
from kb.reading.casefile import CaseError, reject_unknown_keys, shorten, shown
from kb.knowledge.loader import KnowledgeBase, load_kb_or_raise
from kb.oslo.models import SERVICE_IDS, Endring, Mal, Rutineregel, Sak, Utfall

CASE_KEYS = frozenset({"tjeneste", "sak", "kommune", "opplysninger", "vurderingsdato"})
"""Keys a case file may have: ``sak`` is read here; ``kommune``, ``opplysninger`` and
``vurderingsdato`` belong to ``kb evaluate``, so one case file serves both commands."""
SAK_KEYS = frozenset(Sak.model_fields)
"""Keys of the ``sak`` mapping."""
ANSWERS = ("enkeltvedtak_kreves", "forvaltningsmelding_kreves", "forhandsvarsel_kreves",
           "vedtaksmal", "klagefrist", "klageinstans")
"""The output's answer keys, in order (``begrunnelse`` follows them)."""

REDUCING = ("reduksjon", "opphor")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- reading the case --------------------------------------------------------------


def parse_case(case: Any, kb: KnowledgeBase) -> tuple[str | None, Sak]:
    """Validate a case mapping; return the service id (or ``None``) and the typed ``sak``.

    Raises :class:`kb.criteria.evaluate.CaseError` (with the data path of the bad value) for unknown
    keys, an unknown service, wrong types, bad enum values and bad dates.
    """
    if not isinstance(case, Mapping):
        raise CaseError("saken skal være en tabell (nøkkel: verdi) med «tjeneste» og «sak»")
    reject_unknown_keys(case, CASE_KEYS)
    sid = case.get("tjeneste")
    if sid is not None:
        if not isinstance(sid, str):
            raise CaseError(f"«tjeneste» skal være en tjeneste-id (tekst), fikk {sid!r}", ("tjeneste",))
        known = set(SERVICE_IDS) | set(kb.tjenester)
        if sid not in known:
            raise CaseError(f"ukjent tjeneste «{shorten(sid, 40)}» (kjente: {', '.join(sorted(known))})",
                            ("tjeneste",))
    raw = case.get("sak")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CaseError(f"«sak» skal være en tabell (nøkkel: verdi), f.eks. «utfall: innvilget», fikk {shown(raw)}",
                        ("sak",))
    data = dict(raw)
    reject_unknown_keys(data, SAK_KEYS, ("sak",), "i «sak»")
    for name in ("egenandel", "enig_med_bruker", "beskrevet_i_vedtaket"):
        value = data.get(name)
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            data[name] = YES_NO[value.strip().lower()]
    value = data.get("vedtak_mottatt")
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            data["vedtak_mottatt"] = dt.date.fromisoformat(value)
        except ValueError:
            raise CaseError(f"«vedtak_mottatt» er ikke en gyldig dato: {value!r}",
                            ("sak", "vedtak_mottatt")) from None
    try:
        sak = Sak.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "sak"
        raise CaseError(_message(name, err), ("sak", name)) from None
    if sak.utfall == "opphor" and sak.endring in ("okning", "forlengelse"):
        raise CaseError(f"«utfall: opphor» og «endring: {sak.endring}» motsier hverandre: et opphør er verken "
                        "en økning eller en forlengelse (rett ett av feltene)", ("sak", "endring"))
    if sak.vedtak_mottatt is not None and not 1900 <= sak.vedtak_mottatt.year <= 2100:
        raise CaseError("«vedtak_mottatt» må være en dato mellom år 1900 og 2100, "
                        f"fikk {sak.vedtak_mottatt.isoformat()}", ("sak", "vedtak_mottatt"))
    return sid, sak


def _message(name: str, err: dict) -> str:
    """A Norwegian description of one validation error in ``sak``."""
    value, kind = err.get("input"), err["type"]
    if isinstance(value, bool):
        echo = str(value).lower()
    elif isinstance(value, (dt.date, dt.datetime)):
        echo = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    else:
        echo = shown(value)
    if kind == "literal_error":
        options = get_args(Utfall) if name == "utfall" else get_args(Endring)
        return f"«{name}» har ugyldig verdi {echo} (tillatt: {', '.join(options)})"
    if kind == "bool_type":
        return f"«{name}» skal være ja eller nei (eller true/false), fikk {echo}"
    if kind == "int_type":
        return f"«{name}» skal være et helt antall dager, fikk {echo}"
    if kind == "greater_than_equal":
        return f"«{name}» kan ikke være negativ, fikk {echo}"
    if kind.startswith("date"):
        return f"«{name}» skal være en dato (ÅÅÅÅ-MM-DD), fikk {echo}"
    return f"«{name}» har ugyldig verdi {echo}"


# --- answering ---------------------------------------------------------------------


class _Answer:
    """Collects the reasons (begrunnelse) while the answers are worked out."""

    def __init__(self, kb: KnowledgeBase, sid: str | None, sak: Sak):
        self.kb, self.sid, self.sak = kb, sid, sak
        self.rutine = kb.oslo
        self.begrunnelse: list[dict] = []

    def rule(self, rule_id: str) -> Rutineregel:
        return self.rutine.regel(rule_id)

    def because(self, svar: str, rule_id: str, forklaring: str, mangler: list[str] | None = None) -> None:
        r = self.rule(rule_id)
        self.begrunnelse.append({
            "svar": svar, "regel": r.id, "tekst": r.tekst, "seksjon": r.seksjon,
            "kilde": self.kb.kilde_tekst(r.kilde.dokument, r.kilde.avsnitt),
            "forklaring": forklaring, "mangler": list(mangler or [])})

    def because_catalogue(self, svar: str, forklaring: str, mangler: list[str] | None = None) -> None:
        """A reason from the template catalogue as a whole (section 4.1)."""
        s = self.rutine.seksjon("4.1")
        self.begrunnelse.append({
            "svar": svar, "regel": "malkatalog", "tekst": s.tekst() if s else "", "seksjon": "4.1",
            "kilde": self.kb.kilde_tekst("oslo-gerica-rutine", s.overskrift if s else "4.1"),
            "forklaring": forklaring, "mangler": list(mangler or [])})

    def because_template(self, svar: str, mal: Mal, sitat: str, forklaring: str) -> None:
        s = self.rutine.seksjon(mal.gruppe)
        self.begrunnelse.append({
            "svar": svar, "regel": mal.anker, "tekst": sitat, "seksjon": mal.gruppe,
            "kilde": self.kb.kilde_tekst("oslo-gerica-rutine", s.overskrift if s else mal.gruppe),
            "forklaring": forklaring, "mangler": []})

    # facts -----------------------------------------------------------------------

    def egenandel(self) -> tuple[bool | None, str]:
        """Whether the service has a fee, and where that comes from."""
        if self.sak.egenandel is not None:
            return self.sak.egenandel, "oppgitt i saken"
        t = self.kb.tjenester.get(self.sid) if self.sid else None
        if t is not None and t.egenandel.svar in ("ja", "nei"):
            return t.egenandel.svar == "ja", f"fra tjenestens egenandel i kunnskapsbasen: «{t.egenandel.tekst}»"
        if t is not None:
            return None, f"tjenestens egenandel avhenger av saken («{t.egenandel.tekst}»); oppgi «egenandel»"
        return None, "saken sier ikke om tjenesten har egenandel"

    def endring(self) -> str | None:
        """The change, with ``utfall: opphor`` read as ending the service."""
        if self.sak.endring is not None:
            return self.sak.endring
        return "opphor" if self.sak.utfall == "opphor" else None

    # answers ---------------------------------------------------------------------

    def enkeltvedtak(self) -> bool | None:
        key, u, endring = "enkeltvedtak_kreves", self.sak.utfall, self.endring()
        if u == "avvisning":
            self.because(key, "avvisning-vedtak", "Søknaden avvises: ved avvisning skal det fattes vedtak, "
                                                  "og søker har klageadgang.")
            return True
        if u == "utsatt_iverksettelse_avslag":
            self.because(key, "utsatt-iverksettelse-avslag", "Et avslag på utsatt iverksettelse er ikke et "
                                                             "enkeltvedtak, men skal begrunnes.")
            return False
        if u == "utsatt_iverksettelse_innvilget":
            self.because(key, "utsatt-iverksettelse-vurdering",
                         "Rutinen sier ikke om en innvilgelse av utsatt iverksettelse er et enkeltvedtak; "
                         "saksbehandler avgjør.")
            return None
        if u == "avslag":
            self.because(key, "enkeltvedtak-hovedregel", "Avslag på en søknad: hovedregelen om enkeltvedtak "
                                                         "gjelder (unntaket gjelder tjenester som settes i gang).")
            return True
        if u == "innvilget":
            return self._enkeltvedtak_application(key)
        if endring == "opphor":
            if self.sak.beskrevet_i_vedtaket:
                self.because(key, "opphor-ved-utlopsdato",
                             "Vedtaket angir klart når tjenesten avsluttes: opphørsvedtak er ikke nødvendig.")
                return False
            self.because(key, "opphor-ved-utlopsdato",
                         "Tjenesten avsluttes uten at vedtaket klart angir det (eller det er uoppgitt): det fattes "
                         "opphørsvedtak etter forhåndsvarsel, også ved tvil.",
                         [] if self.sak.beskrevet_i_vedtaket is False else ["beskrevet_i_vedtaket"])
            return True
        if endring == "reduksjon":
            if self.sak.beskrevet_i_vedtaket:
                self.because(key, "opphor-ved-utlopsdato",
                             "Endringen er beskrevet i vedtaket. Rutinen sier bare for opphør at nytt vedtak da ikke "
                             "trengs; om reduksjonen krever nytt vedtak, avgjør saksbehandler.")
                return None
            self.because(key, "opphor-ved-utlopsdato",
                         "Reduksjon som ikke er beskrevet i vedtaket: det fattes nytt vedtak om reduksjon "
                         "(etter forhåndsvarsel).", [] if self.sak.beskrevet_i_vedtaket is False
                         else ["beskrevet_i_vedtaket"])
            return True
        return self._enkeltvedtak_application(key)

    def _enkeltvedtak_application(self, key: str) -> bool | None:
        """A service granted on application (or a change that grants more or extends it)."""
        fee, fee_why = self.egenandel()
        exception = self.rule("enkeltvedtak-unntak-fjorten-dager")
        limit = exception.parametre.dager
        days = self.sak.forventet_varighet_dager
        if fee is True:
            self.because(key, "enkeltvedtak-egenandel",
                         f"Tjenesten har egenandel ({fee_why}): det skal fattes enkeltvedtak selv om den antas å "
                         f"vare høyst {self.rule('enkeltvedtak-egenandel').parametre.dager} dager.")
            return True
        if days is not None and days <= limit:
            if fee is False:
                self.because(key, exception.id,
                             f"Tjenesten antas å vare {days} dager (høyst {limit}) og har ikke egenandel "
                             f"({fee_why}): den kan settes i gang uten enkeltvedtak. Det anbefales likevel å "
                             "opprette sak og vurdere om et vedtaksbrev skal flettes.")
                return False
            self.because(key, exception.id,
                         f"Tjenesten antas å vare {days} dager (høyst {limit}), men {fee_why}. Uten egenandel "
                         "trengs ikke enkeltvedtak; med egenandel skal det fattes.", ["egenandel"])
            return None
        if days is not None:
            why = f"Tjenesten antas å vare {days} dager, altså mer enn {limit}: hovedregelen gjelder."
            missing: list[str] = []
        else:
            why = (f"Hovedregelen gjelder. Unntaket for tjenester som antas å vare høyst {limit} dager uten "
                   "egenandel er ikke vurdert fordi forventet varighet ikke er oppgitt.")
            missing = ["forventet_varighet_dager"]
        self.because(key, "enkeltvedtak-hovedregel", why, missing)
        return True

    def forvaltningsmelding(self) -> bool | None:
        key, r = "forvaltningsmelding_kreves", self.rule("forvaltningsmelding")
        limit, days = r.parametre.dager, self.sak.forventet_saksbehandlingstid_dager
        mal = self.kb.maler.get(str(r.parametre.maler[0])) if r.parametre.maler else None
        if days is None:
            self.because(key, r.id, f"Forventet saksbehandlingstid er ikke oppgitt. Tar saken mer enn {limit} dager, "
                                    "skal det sendes forvaltningsmelding.", ["forventet_saksbehandlingstid_dager"])
            return None
        if days > limit:
            self.because(key, r.id, f"Saken antas å ta {days} dager, mer enn {limit}: send foreløpig svar "
                                    f"(forvaltningsmelding) med orientering om saksbehandlingstid"
                                    + (f", mal {mal.etikett}." if mal else "."))
            return True
        self.because(key, r.id, f"Saken antas å kunne behandles innen {limit} dager ({days} dager): "
                                "forvaltningsmelding trengs ikke.")
        return False

    def forhandsvarsel(self) -> bool | None:
        key, endring = "forhandsvarsel_kreves", self.endring()
        if endring is None:
            self.because(key, "forhandsvarsel-endring",
                         "Forhåndsvarsel gjelder endring av et vedtak (reduksjon eller opphør). Oppgi «endring» "
                         "(eller utfall opphor) for å få svar.", ["endring"])
            return None
        if endring == "okning":
            self.because(key, "forhandsvarsel-okning", "Tjenesten økes: forhåndsvarsel gjelder nedtrapping, "
                                                       "ikke økning.")
            return False
        if endring == "forlengelse":
            self.because(key, "revurdering-forhandsvarsel", "Revurderingen er bare en forlengelse av vedtaket: "
                                                            "nytt vedtak kan sendes uten forhåndsvarsel.")
            return False
        if self.sak.beskrevet_i_vedtaket:
            self.because(key, "forhandsvarsel-beskrevet-i-vedtaket",
                         "Endringen er beskrevet i vedtaket: forhåndsvarsel er ikke nødvendig (eksempel 2).")
            return False
        if self.sak.enig_med_bruker:
            self.because(key, "forhandsvarsel-endring",
                         "Bydelen og bruker (og/eller pårørende/verge) er enige om endringen: forhåndsvarsel "
                         "trengs ikke.")
            return False
        unknown = [n for n in ("enig_med_bruker", "beskrevet_i_vedtaket") if getattr(self.sak, n) is None]
        what = "Opphør" if endring == "opphor" else "Reduksjon"
        why = f"{what} av tjenesten uten enighet med bruker og uten at endringen er beskrevet i vedtaket"
        if unknown:
            why = (f"{what} av tjenesten; {' og '.join(unknown)} er ikke oppgitt, og unntakene gjelder bare når de "
                   "er oppfylt. Ved tvil sendes forhåndsvarsel")
        r = self.rule("forhandsvarsel-endring")
        maler = ", ".join(self.kb.maler[str(m)].etikett for m in r.parametre.maler if str(m) in self.kb.maler)
        self.because(key, r.id, f"{why}: send forhåndsvarsel, skriftlig eller muntlig (skriftlig med {maler}).",
                     unknown)
        self.because(key, "utsatt-iverksettelse-informasjon",
                     "Vedtaket blir ugunstig for bruker: informer om muligheten til å be om utsatt iverksettelse.")
        return True

    def vedtaksmal(self, enkeltvedtak: bool | None) -> dict | None:
        key, u = "vedtaksmal", self.sak.utfall
        if u is None:
            self.because_catalogue(key, "Utfallet er ikke oppgitt: vedtaksmalen følger av utfallet.", ["utfall"])
            return None
        if u == "avvisning":
            self.because(key, "avvisning-vedtak", "Rutinen har ingen egen mal for avvisningsvedtak i malkatalogen "
                                                  "(4.1–4.3); 5028 gjelder avvisning av klage. Velg mal selv.")
            return None
        if u == "opphor" and enkeltvedtak is False:
            self.because(key, "opphor-ved-utlopsdato", "Opphørsvedtak er ikke nødvendig, så ingen vedtaksmal.")
            return None
        fee, fee_why = self.egenandel()
        mappings = [m for m in self.rutine.tjenestemaler if m.utfall == u and m.gjelder(self.sid)]

        def choose(value: bool) -> set[str]:
            return {str(m.mal) for m in mappings if m.egenandel is None or m.egenandel == value}

        options = choose(fee) if fee is not None else (choose(True) | choose(False))
        if fee is None and choose(True) != choose(False):
            self.because_catalogue(key, f"Malen avhenger av om tjenesten har egenandel, og {fee_why}.",
                                   ["egenandel"])
            return None
        service = self.sid or "saker uten oppgitt tjeneste"
        if len(options) != 1:
            what = "ingen" if not options else "flere"
            fee_text = "" if fee is None else (" med egenandel" if fee else " uten egenandel")
            self.because_catalogue(key, f"Malkatalogen (4.1) nevner {what} vedtaksmal for utfallet «{u}» for "
                                        f"{service}{fee_text}. Velg mal selv.",
                                   ["tjeneste"] if self.sid is None else [])
            return None
        mal = self.kb.maler[options.pop()]
        used = [m for m in mappings if str(m.mal) == mal.nokkel and (fee is None or m.egenandel in (None, fee))]
        note = ""
        if enkeltvedtak is False and u == "innvilget":
            note = " Enkeltvedtak kreves ikke; malen gjelder hvis bydelen likevel fletter et vedtaksbrev."
        fee_note = "" if fee is None or self.sak.egenandel is not None else f" Egenandel: {fee_why}."
        for m in used[:1]:
            self.because_template(key, mal, m.sitat, f"Utfall «{u}» for {service}: {mal.etikett}."
                                  + fee_note + note)
        return {"id": mal.id, "navn": mal.navn}

    def klage(self) -> tuple[str | None, str | None]:
        u = self.sak.utfall
        if u in ("utsatt_iverksettelse_innvilget", "utsatt_iverksettelse_avslag"):
            rid = ("utsatt-iverksettelse-avslag" if u == "utsatt_iverksettelse_avslag"
                   else "utsatt-iverksettelse-vurdering")
            for key in ("klagefrist", "klageinstans"):
                self.because(key, rid, "Avgjørelsen om utsatt iverksettelse er ikke vedtaket i saken; rutinen gir "
                                       "ingen klagefrist for den. Klagefristen for selve vedtaket gjelder.")
            return None, None
        if self.sid is None:
            for key in ("klagefrist", "klageinstans"):
                self.because(key, "klagefrist-lovpalagt", "Tjenesten er ikke oppgitt: klagefrist og klageinstans "
                                                          "avhenger av om tjenesten er lovpålagt.", ["tjeneste"])
            return None, None
        t = self.kb.tjenester.get(self.sid)
        if t is None:
            for key in ("klagefrist", "klageinstans"):
                self.because(key, "klagefrist-lovpalagt",
                             f"Kunnskapsbasen har ingen fil for tjenesten «{self.sid}» ennå, så det er ukjent om "
                             "den er lovpålagt.", ["tjeneste"])
            return None, None
        r = self.rule("klagefrist-lovpalagt" if t.lovpalagt else "klagefrist-ikke-lovpalagt")
        status = "lovpålagt" if t.lovpalagt else "ikke lovpålagt"
        instans = r.parametre.klageinstans
        self.because("klageinstans", r.id, f"{t.navn} er {status}: klageinstans er {instans}.")
        mottatt = self.sak.vedtak_mottatt
        if mottatt is None:
            self.because("klagefrist", r.id, f"{t.navn} er {status}, så fristen er {r.parametre.uker} uker fra "
                                             "vedtaket er mottatt; datoen er ikke oppgitt.", ["vedtak_mottatt"])
            return None, instans
        frist = compute_klagefrist(mottatt, t.lovpalagt, uker=r.parametre.uker)
        self.because("klagefrist", r.id, frist.forklaring)
        if frist.forskjovet:
            self.because("klagefrist", "fristberegning", "Siste dag var ikke en virkedag; fristen er forlenget "
                                                         "etter domstolloven § 149.")
        return frist.dato.isoformat(), instans


def answer(case: Mapping, kb: KnowledgeBase | None = None) -> dict:
    """Answer the routine's questions for ``case`` (``tjeneste`` and ``sak``); see the module docs.

    Raises :class:`kb.criteria.evaluate.CaseError` when the case is invalid.
    """
    kb = kb if kb is not None else load_kb_or_raise()
    if kb.oslo is None or not kb.oslo.regler:
        raise CaseError("kunnskapsbasen mangler Oslo-rutinen (kb/data/oslo/rutine.yaml og regler.yaml)")
    sid, sak = parse_case(case, kb)
    a = _Answer(kb, sid, sak)
    enkeltvedtak = a.enkeltvedtak()
    forvaltningsmelding = a.forvaltningsmelding()
    forhandsvarsel = a.forhandsvarsel()
    mal = a.vedtaksmal(enkeltvedtak)
    frist, instans = a.klage()
    order = {k: i for i, k in enumerate(ANSWERS)}
    begrunnelse = sorted(a.begrunnelse, key=lambda b: order[b["svar"]])
    return {"enkeltvedtak_kreves": enkeltvedtak, "forvaltningsmelding_kreves": forvaltningsmelding,
            "forhandsvarsel_kreves": forhandsvarsel, "vedtaksmal": mal, "klagefrist": frist,
            "klageinstans": instans, "begrunnelse": begrunnelse}
