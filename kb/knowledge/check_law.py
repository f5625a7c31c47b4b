"""Checks of the law layer (``lovtekster.yaml``) and of the sources it quotes.

* every quote of the law, and the words of every law condition, stand in the section of the
  stored source file they name (a section is a ``== heading ==`` line and what follows it);
* a source read from an address says when it was read and what it is, and one that is not the
  law's text on Lovdata says «Ikke kontrollert mot Lovdata»;
* every ``avvik_fra_loven`` rests on known provisions and names the law in its sentence;
* the law's conditions use known facts and parameters with the right types.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kb.knowledge.loader import KnowledgeBase
from kb.oslo.basics import normalize
from kb.rules.interpreter import criteria_used, type_errors

SECTION = re.compile(r"^== (?P<heading>.+?) ==\s*$", re.M)
"""A section heading in a stored law source: ``== § 2-1 d Rett til brukerstyrt personlig assistanse ==``."""
NOT_CHECKED = "ikke kontrollert mot lovdata"


@lru_cache(maxsize=64)
def _sections(path: Path, mtime: float) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    marks = list(SECTION.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.setdefault(m.group("heading").strip(), "")
        out[m.group("heading").strip()] += " " + normalize(text[m.end():end])
    return out


def sections(kb: KnowledgeBase, dokument: str) -> dict[str, str]:
    """The sections of a stored source (heading → normalised text); ``{}`` when it has none."""
    path = kb.kildefil(dokument)
    if not path.is_file():
        return {}
    return _sections(path, path.stat().st_mtime)


def quote_problem(kb: KnowledgeBase, dokument: str, avsnitt: str, tekst: str) -> str | None:
    """Why a quote does not stand where it says, or ``None`` when it does."""
    if dokument not in kb.kilder:
        return f"ukjent kildedokument «{dokument}» (se kilder/kilder.yaml)"
    found = sections(kb, dokument)
    if avsnitt not in found:
        known = ", ".join(f"«{h}»" for h in list(found)[:6]) or "ingen (filen har ingen «== overskrift ==»-linjer)"
        return (f"kilden «{dokument}» har ikke avsnittet «{avsnitt}». Avsnitt i filen: {known}. "
                "Rett «avsnitt» til en overskrift i filen.")
    if normalize(tekst) not in found[avsnitt]:
        elsewhere = [h for h, body in found.items() if normalize(tekst) in body]
        hint = (f" Teksten står i avsnittet «{elsewhere[0]}»: rett «avsnitt»." if elsewhere
                else " Kopier ordene nøyaktig fra kildefilen, eller lagre kilden som har dem.")
        return f"sitatet står ikke i «{avsnitt}» i kilden «{dokument}»: «{normalize(tekst)[:70]}».{hint}"
    return None


def check_law(kb: KnowledgeBase, r) -> None:
    """All checks of the law layer; problems go to the reporter ``r`` (see :mod:`kb.knowledge.check`)."""
    _check_registered_sources(kb, r)
    latest = {pid: p.verdier[-1].verdi for pid, p in kb.parametre.items()}
    for lid, provision in kb.lovtekster.items():
        key = f"lovtekst:{lid}"
        if provision.lov not in kb.lover:
            r.at(key, (_index(kb, lid), "lov"), f"ukjent lov «{provision.lov}» (se lover.yaml)")
        for i, quote in enumerate(provision.sitater):
            problem = quote_problem(kb, quote.kilde.dokument, quote.kilde.avsnitt, quote.tekst)
            if problem:
                r.at(key, (_index(kb, lid), "sitater", i, "tekst"), problem)
        for j, k in enumerate(provision.vilkar):
            loc = (_index(kb, lid), "vilkar", j)
            if k.art != "lovvilkar":
                r.at(key, loc + ("art",), f"«{k.kriterium}» er et av lovens vilkår og skal ha «art: lovvilkar»")
            if k.kilde is None:
                r.at(key, loc, f"lovens vilkår «{k.kriterium}» trenger «kilde» (dokument og avsnitt med lovens ord)")
            else:
                problem = quote_problem(kb, k.kilde.dokument, k.kilde.avsnitt, k.tekst)
                if problem:
                    r.at(key, loc + ("tekst",), problem)
            if k.regel is not None:
                for msg in type_errors(k.regel, kb.opplysninger, latest):
                    r.at(key, loc + ("regel",), msg)
                for kid in criteria_used(k.regel):
                    if kid not in kb.lovvilkar or kid == k.kriterium:
                        r.at(key, loc + ("regel",), f"regelen viser til ukjent lovvilkår «{kid}»")
            for i, ref in enumerate(k.lovhenvisninger):
                if ref.lov not in kb.lover:
                    r.at(key, loc + ("lovhenvisninger", i, "lov"), f"ukjent lov «{ref.lov}» (se lover.yaml)")
    for services in kb.tjenester_per_sett().values():
        for t in services.values():
            for k in t.kriterier():
                if k.avvik_fra_loven is not None:
                    _check_departure(kb, r, t, k)


def _index(kb: KnowledgeBase, lid: str) -> int:
    return list(kb.lovtekster).index(lid)


def _check_departure(kb: KnowledgeBase, r, t, k) -> None:
    avvik = k.avvik_fra_loven
    named = []
    for i, lid in enumerate(avvik.lovtekster):
        provision = kb.lovtekster.get(lid)
        if provision is None:
            r.criterion(t, k.kriterium, ("avvik_fra_loven", "lovtekster", i),
                        f"ukjent lovbestemmelse «{lid}» (se lovtekster.yaml)")
            continue
        if not provision.sitater:
            r.criterion(t, k.kriterium, ("avvik_fra_loven", "lovtekster", i),
                        f"lovbestemmelsen «{lid}» har ingen sitater fra en lagret kilde; et avvik må kunne vises "
                        "med lovens ord")
        law = kb.lover.get(provision.lov)
        if law is not None:
            named += [law.korttittel, law.forkortelse.rstrip("."), law.navn]
    text = avvik.tekst.lower()
    if named and not any(n and n.lower() in text for n in named):
        r.criterion(t, k.kriterium, ("avvik_fra_loven", "tekst"),
                    f"avviket for «{k.kriterium}» skal nevne loven det gjelder (f.eks. «{named[0]}»)")


def _check_registered_sources(kb: KnowledgeBase, r) -> None:
    for n, doc in enumerate(kb.kilder.values()):
        key = f"kilde:{doc.id}"
        if not doc.adresse:
            continue
        if doc.lest is None:
            r.at(key, (n, "adresse"), f"kilden «{doc.id}» har adresse, men ikke datoen den ble lest («lest: ÅÅÅÅ-MM-DD»)")
        if doc.art is None:
            r.at(key, (n, "adresse"), f"kilden «{doc.id}» trenger «art» (lovtekst, kommentar, forarbeid, kommunal "
                                    "eller tilsyn)")
        on_lovdata = re.match(r"https?://(www\.)?lovdata\.no/", doc.adresse) is not None
        if not (on_lovdata and doc.art == "lovtekst") and NOT_CHECKED not in doc.merknad.lower():
            r.at(key, (n, "merknad") if doc.merknad else (n,), f"kilden «{doc.id}» er ikke lovteksten fra Lovdata: «merknad» skal si "
                                    "«Ikke kontrollert mot Lovdata»")
