"""The result box on a scenario page, and the case's facts in words.

The box shows the tool's answer as a caseworker would read it: the utfall and the rettskrav,
each criterion with its status (grouped by kind), the discretionary criteria, what is still
missing as the caseworker's questions, or the routine's answers (vedtaksmal, klagefrist …).
It is built from the stable fields of the JSON answer; the kind of each criterion and the
labels come from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Callable
from urllib.parse import quote

from kb.knowledge.loader import KnowledgeBase
from kb.rules.deadlines import norsk_dato
from kb.knowledge import vurdering
from kb.site.render import render_template

SAK_LABELS = {
    "utfall": "Hva er utfallet av saken?",
    "egenandel": "Har tjenesten egenandel?",
    "forventet_varighet_dager": "Hvor lenge antas tjenesten å vare?",
    "forventet_saksbehandlingstid_dager": "Hvor lang tid antas saksbehandlingen å ta?",
    "vedtak_mottatt": "Når mottok bruker vedtaket?",
    "endring": "Hvilken endring av vedtaket gjelder saken?",
    "enig_med_bruker": "Er bydelen og bruker (og/eller pårørende eller verge) enige om endringen?",
    "beskrevet_i_vedtaket": "Er endringen (eller når tjenesten avsluttes) beskrevet i vedtaket?",
}
"""Questions for the fields of a procedure case (``sak``), in the fact vocabulary's style."""
SAK_UNITS = {"forventet_varighet_dager": "dager", "forventet_saksbehandlingstid_dager": "dager"}
SAK_VALUES = {
    "innvilget": "Innvilget", "avslag": "Avslag", "avvisning": "Avvisning", "opphor": "Opphør",
    "utsatt_iverksettelse_innvilget": "Utsatt iverksettelse innvilget",
    "utsatt_iverksettelse_avslag": "Avslag på utsatt iverksettelse",
    "okning": "Økning", "reduksjon": "Reduksjon", "forlengelse": "Forlengelse",
}
UTFALL = {"oppfylt": ("Oppfylt", "Kriteriene som kan sjekkes, er oppfylt. Skjønnet står igjen."),
          "ikke_oppfylt": ("Ikke oppfylt", "Et vilkår er ikke oppfylt, eller noe utelukker tildeling."),
          "uavklart": ("Uavklart", "Kan ikke avgjøres før det som mangler, er kartlagt.")}
GROUPS = [("lovvilkar", "Lovens vilkår for retten"), ("vilkar", "Vilkår"), ("provd_forst", "Må være prøvd først"), ("utelukker", "Utelukker tildeling"),
          ("hovedregel_ikke", "Som hovedregel innvilges ikke"), ("malgruppe", "Målgruppe"),
          ("prioriteres", "Prioriteres"), ("rettskrav", "De regionale kriteriene om retten (veiledende; loven går foran)")]
"""Kinds of criterion, in the order the box shows them."""
_EXCLUDING = {"utelukker", "hovedregel_ikke"}
_ANSWER_LABELS = {"enkeltvedtak kreves": "Enkeltvedtak", "forvaltningsmelding kreves": "Forvaltningsmelding",
                  "forhåndsvarsel kreves": "Forhåndsvarsel", "vedtaksmal": "Vedtaksmal",
                  "klagefrist": "Klagefrist", "klageinstans": "Klageinstans"}
Href = Callable[[str, str], "str | None"]


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def fact_value(kb: KnowledgeBase, name: str, value, procedure: bool = False) -> str:
    """A fact's value in words: ``Ja``, ``28 timer per uke``, ``torsdag 8. april 2027``."""
    if value is None:
        return "ikke oppgitt" if procedure else "ikke kartlagt"
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, dt.date) or (procedure and name == "vedtak_mottatt"):
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return norsk_dato(day)
    if procedure:
        unit = SAK_UNITS.get(name, "")
        return SAK_VALUES.get(value, _number(value)) + (f" {unit}" if unit else "")
    d = kb.opplysninger.get(name)
    if d is not None and d.type == "ja_nei" and isinstance(value, str):  # «ja»/«nei» written as text
        return value.capitalize()
    unit = d.enhet if d is not None else ""
    return _number(value) + (f" {unit}" if unit else "")


def fact_label(kb: KnowledgeBase, name: str, procedure: bool = False) -> str:
    """The question a caseworker asks about a fact (its name when the vocabulary has none)."""
    if name == "kommune":
        return "Kommune"
    if name == "vurderingsdato":
        return "Vurderingsdato"
    if procedure:
        return SAK_LABELS.get(name, name)
    d = kb.opplysninger.get(name)
    return d.sporsmal if d is not None else name


def fact_rows(case: dict, kb: KnowledgeBase) -> list[tuple[str, str, str | None]]:
    """The rows of «Opplysninger i saken»: label, value in words, and a page to link (or ``None``)."""
    procedure = "sak" in case
    rows: list[tuple[str, str, str | None]] = []
    sid = case.get("tjeneste")
    if sid:
        t = kb.tjenester.get(sid)
        rows.append(("Tjeneste", t.navn if t else sid, f"tjenester/{sid}.md" if t else None))
    if case.get("kommune"):
        k = kb.kommuner.get(case["kommune"])
        rows.append(("Kommune", k.navn if k else case["kommune"], None))
    if case.get("vurderingsdato"):
        rows.append(("Vurderingsdato", norsk_dato(dt.date.fromisoformat(str(case["vurderingsdato"]))), None))
    for name, value in (case.get("sak" if procedure else "opplysninger") or {}).items():
        rows.append((fact_label(kb, name, procedure), fact_value(kb, name, value, procedure), None))
    return rows


def _hva_om(v: vurdering.Vurdering, case: dict, kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    procedure = "sak" in case
    facts = case.get("sak" if procedure else "opplysninger") or {}
    rows = []
    for name, new in v.hva_om.items():
        if name == "kommune":
            def town(k):
                return kb.kommuner[k].navn if k in kb.kommuner else "ikke oppgitt"
            rows.append(("Kommune", town(new), town(case.get("kommune"))))
            continue
        old = case.get(name) if name in vurdering.CASE_KEYS else facts.get(name)
        rows.append((fact_label(kb, name, procedure), fact_value(kb, name, new, procedure),
                     fact_value(kb, name, old, procedure)))
    return rows


def try_it_url(case: dict, service_url: str) -> str:
    """The «Prøv selv» link: the service page with the case in the fragment, encoded as
    ``encodeURIComponent(JSON.stringify(sak))`` would encode it."""
    text = json.dumps(case, ensure_ascii=False, separators=(",", ":"),
                      default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o))
    return service_url + "#sak=" + quote(text, safe="!'()*")


def _kinds(kb: KnowledgeBase, sid: str) -> dict[str, str]:
    t = kb.tjenester.get(sid)
    if t is None:
        return {}
    services = ([kb.tjenester[t.inngar_i]] if getattr(t, "inngar_i", None) in kb.tjenester else []) + [t]
    kinds = {k.kriterium: k.art for s in services for k in s.kriterier()}
    from kb.criteria.evaluate import law_conditions
    kinds.update({k.kriterium: "lovvilkar" for k in law_conditions(kb, t, set(kinds))})
    return kinds


def _status_label(kind: str, status: str) -> str:
    if status == "uavklart":
        return "Uavklart"
    if kind in _EXCLUDING:
        return "Slår inn" if status == "ikke_oppfylt" else "Slår ikke inn"
    if kind == "provd_forst":
        return "Prøvd" if status == "oppfylt" else "Ikke prøvd"
    return "Oppfylt" if status == "oppfylt" else "Ikke oppfylt"


def _question(kb: KnowledgeBase, name: str) -> str:
    if name == "kommune":
        return "Hvilken kommune gjelder saken?"
    d = kb.opplysninger.get(name)
    return d.sporsmal if d is not None else name


def _evaluation(v, case, svar, kb: KnowledgeBase, href: Href) -> dict:
    j, sid = svar.json, svar.json["tjeneste"]
    t = kb.tjenester[sid]
    kinds = _kinds(kb, sid)
    base = vurdering.answer(case, kb).json if v.hva_om else None
    before = {k["id"]: k["status"] for k in base["kriterier"]} if base else {}
    label, why = UTFALL[j["utfall"]]
    failing = [kinds.get(k["id"]) for k in j["kriterier"] if k["status"] == "ikke_oppfylt"
               and kinds.get(k["id"]) not in ("rettskrav", "lovvilkar", "malgruppe", "prioriteres")
               and not k.get("avvik_fra_loven")]
    if failing and all(kind == "hovedregel_ikke" for kind in failing):
        why += " Det som slår inn, er en hovedregel: vurder om det er grunn til å fravike den."
    rett = vurdering.written(svar, kb)["rettskrav"]
    rett_why = "Kriteriene har ingen vilkår for rettskrav som kan sjekkes." if rett == "ikke aktuelt" else ""
    utfall_row = {"label": "Utfall", "verdi": label, "status": j["utfall"], "forklaring": why, "endret": "",
                  "href": None}
    rett_row = {"label": "Rettskrav", "verdi": rett.capitalize(), "status": rett.replace(" ", "-"),
                "forklaring": rett_why, "endret": "", "href": None}
    if base:
        was_rett = vurdering.written(vurdering.Svar("evaluering", case, base), kb)["rettskrav"]
        for row, was in ((utfall_row, UTFALL[base["utfall"]][0]), (rett_row, was_rett.capitalize())):
            row["endret"] = was if was != row["verdi"] else ""
    # the law's answer first where the service has a right, then the regional guidance (veiledende)
    hoved = [rett_row, utfall_row] if t.rettskrav is not None else [utfall_row, rett_row]
    groups = []
    for kind, name in GROUPS:
        items = [{"status": k["status"], "label": _status_label(kind, k["status"]), "tekst": k["tekst"],
                  "mangler": [_question(kb, m) for m in k["mangler"]],
                  "endret": _status_label(kind, before[k["id"]])
                  if before.get(k["id"], k["status"]) != k["status"] else ""}
                 for k in j["kriterier"] if k["status"] != "skjonn" and kinds.get(k["id"], "vilkar") == kind]
        if items:
            groups.append({"navn": name, "kriterier": items})
    skjonn = [k["tekst"] for k in j["kriterier"] if k["status"] == "skjonn"]
    url = href(f"tjenester/{sid}.md", "")
    kommune = kb.kommuner[j["kommune"]].navn + " kommune" if j.get("kommune") in kb.kommuner else None
    return {"art": "evaluering", "tittel": "Evaluatorens svar",
            "undertittel": [t.navn] + ([kommune] if kommune else []),
            "hoved": hoved, "grupper": groups,
            "skjonn": skjonn, "skjonn_som_i_saken": bool(base) and skjonn == [
                k["tekst"] for k in base["kriterier"] if k["status"] == "skjonn"],
            "mangler": [_question(kb, m) for m in j["mangler"]],
            "veiledende": "Beslutningsstøtte etter kriteriene i kunnskapsbasen; saksbehandler avgjør.",
            "prov_selv": try_it_url(svar.sak, url) if url else None}


def _procedure(v, case, svar, kb: KnowledgeBase, href: Href) -> dict:
    j = svar.json
    rows = []
    for key in [k for k in vurdering.PROCEDURE if k in v.svar]:
        out_key, value = vurdering.PROCEDURE[key], j[vurdering.PROCEDURE[key]]
        reasons = [b for b in j.get("begrunnelse", []) if b.get("svar") == out_key]
        missing = [m for b in reasons for m in b.get("mangler", [])]
        row = {"label": _ANSWER_LABELS[key], "status": "", "href": None, "endret": "",
               "forklaring": " ".join(b.get("forklaring", "") for b in reasons).strip()}
        if key.endswith("kreves"):
            row["verdi"] = {True: "Kreves", False: "Kreves ikke", None: "Uavklart"}[value]
            row["status"] = {True: "ja", False: "nei", None: "uavklart"}[value]
        elif value is None:
            row["verdi"] = "Uavklart" if missing else "Ingen"
        elif key == "vedtaksmal":
            mal = kb.maler.get(str(value["id"]))
            row["verdi"] = f"{value['id']} {value['navn']}"
            row["href"] = href("oslo/maler.md", mal.anker) if mal is not None else None
        elif key == "klagefrist":
            row["verdi"] = norsk_dato(dt.date.fromisoformat(value))
        else:
            row["verdi"] = value[:1].upper() + value[1:]
        rows.append(row)
    sid = case.get("tjeneste")
    t = kb.tjenester.get(sid) if sid else None
    form = href("oslo/index.md", "")  # the page with «Saksgang (Oslo)»
    try_it = {k: v for k, v in svar.sak.items() if k in ("tjeneste", "sak")}
    return {"art": "rutine", "tittel": "Rutinens svar", "undertittel": ["Oslo kommune, Gerica"]
            + ([t.navn] if t else []), "hoved": rows, "grupper": [], "skjonn": [], "skjonn_som_i_saken": False,
            "mangler": [],
            "veiledende": "Beslutningsstøtte etter Oslo kommunes rutine; saksbehandler avgjør.",
            "prov_selv": try_it_url(try_it, form) if form else None, "prov_selv_skjema": "Saksgang (Oslo)"}


def box_html(v: vurdering.Vurdering, case: dict, svar: vurdering.Svar, kb: KnowledgeBase, href: Href) -> str:
    """The box for one block: ``case`` is the case on the page, ``svar`` the answer for its variation."""
    context = (_evaluation if svar.art == "evaluering" else _procedure)(v, case, svar, kb, href)
    html = render_template("vurdering.html.j2", sak=v.sak, hva_om=_hva_om(v, case, kb), **context)
    return "\n".join(line for line in html.splitlines() if line.strip())
