"""``kb evaluate CASE.yaml [--json]``: the evaluator on the command line.

Prints a readable Norwegian report (criteria with status, why, source; what to find out
next; *veiledende*) or, with ``--json``, exactly the contract's JSON object. Bad input
exits 2 with one line naming the file and line.
"""

from __future__ import annotations

from kb.cli.common import run_case_command
from kb.criteria.case import criteria_set_for
from kb.criteria.evaluate import DECIDING, Resultat, evaluate
from kb.criteria.reasons import guidance_words
from kb.reading.yamlfile import shorten
from kb.rules.words import STATUS, VEILEDENDE, dato, etikett, kort_tittel, sporsmal

MARK = {"oppfylt": "✓", "ikke_oppfylt": "✗", "uavklart": "?", "skjonn": "~"}


def _find(node: dict, kid: str) -> dict | None:
    """The reason node of criterion ``kid`` in the tree (first found, depth first)."""
    if node.get("kriterium") == kid:
        return node
    for child in node.get("barn", []):
        hit = _find(child, kid)
        if hit is not None:
            return hit
    return None


def _criterion_lines(k, r: Resultat, kb) -> list[str]:
    title = kort_tittel(k.tekst)
    lines = [f"[{MARK[k.status]}] {STATUS[k.status]:<13}{title}"]
    if title != " ".join(k.tekst.split()).rstrip("."):
        lines.append(f"      «{shorten(k.tekst, 110)}»")
    node = _find(r.begrunnelse, k.id) if k.status != "skjonn" else None
    if node is not None and node.get("tekst"):
        lines.append(f"      Hvorfor: {node['tekst']}")
    if k.mangler:
        lines.append(f"      Mangler: {', '.join(etikett(m, kb.opplysninger) for m in k.mangler)}")
    where = f", linje {k.linjer.fra}–{k.linjer.til}" if k.linjer else ""
    laws = f" · {'; '.join(k.lovhenvisninger)}" if k.lovhenvisninger else ""
    lines.append(f"      Kilde: {k.kilde}{where}{laws}")
    if k.avvik_fra_loven:
        lines.append(f"      Avvik fra loven: {k.avvik_fra_loven}")
    return lines


def verdict(r: Resultat) -> list[str]:
    """The answer a hurried reader reads: the law's first (where the service gives a right),
    then the regional guidance."""
    branches = {b["id"]: b for b in r.begrunnelse["barn"]}
    lines = [branches["rettskrav"]["tekst"]] if "rettskrav" in branches else []
    return lines + [branches["utfall"]["tekst"]]


def report(r: Resultat, kb) -> str:
    """The readable report for a terminal: facts by their label, criteria by their short title,
    dates as dd.mm.åååå; ids only in ``--json``."""
    sett = criteria_set_for(kb, r.tjeneste, r.kommune)
    t = kb.tjenester_per_sett()[sett][r.tjeneste]
    guidance = guidance_words(kb.kriteriesett, sett)
    kriteriene = guidance["kriteriene"][0].upper() + guidance["kriteriene"][1:]
    kommune = kb.kommuner[r.kommune].navn if r.kommune else "ikke oppgitt"
    lines = [f"{t.navn} (kommune: {kommune}, vurderingsdato {dato(r.vurderingsdato)})",
             f"{VEILEDENDE}: resultatet er beslutningsstøtte.", ""]
    lines += verdict(r)
    failing = [k for k in r.kriterier if k.status == "ikke_oppfylt" and k.art in DECIDING]
    if failing and all(k.art == "hovedregel_ikke" for k in failing):
        lines.append("Det som slår inn, er en hovedregel: vurder om det er grunn til å fravike den i denne saken.")
    if any(k.art == "malgruppe" and k.status == "ikke_oppfylt" for k in r.kriterier):
        lines.append("En målgruppe passer ikke; tjenesten har flere målgrupper, så det avgjør ikke utfallet alene.")
    if any(k.avvik_fra_loven and k.status in ("ikke_oppfylt", "uavklart") for k in r.kriterier):
        lines.append(f"{guidance['et_kriterium']} er strengere enn loven og avgjør ikke utfallet alene "
                     "(se «Avvik fra loven» under kriteriet).")
    law = [k for k in r.kriterier if k.art == "lovvilkar"]
    groups = [("Lovens vilkår (avgjør retten):", law),
              (f"{kriteriene} om retten (veiledende; loven går foran):" if law else "Vilkår for rettskrav:",
               [k for k in r.kriterier if k.art == "rettskrav"]),
              (f"{kriteriene} som er sjekket:",
               [k for k in r.kriterier if k.art not in ("rettskrav", "lovvilkar") and k.status != "skjonn"]),
              ("Vurderes av saksbehandler (skjønn):", [k for k in r.kriterier if k.status == "skjonn"])]
    for heading, criteria in groups:
        if criteria:
            lines += ["", heading]
            for k in criteria:
                lines += _criterion_lines(k, r, kb)
    for line in r.unntak:
        lines.append(f"[-] Gjelder ikke   {line}")
    if r.mangler:
        lines += ["", "Finn ut dette i kartleggingen:"]
        for name in r.mangler:
            lines.append(f"  - {sporsmal(name, kb.opplysninger)}")
    return "\n".join(lines)


def run_cli(args) -> int:
    """Run ``kb evaluate``; return the exit code."""
    return run_case_command(args, evaluate, Resultat.to_json, lambda result, kb, case: report(result, kb))
