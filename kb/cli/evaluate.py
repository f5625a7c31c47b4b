"""``kb evaluate CASE.yaml [--json]``: the evaluator on the command line.

Prints a readable Norwegian report (criteria with status, why, source; what to find out
next; *veiledende*) or, with ``--json``, exactly the contract's JSON object. Bad input
exits 2 with one line naming the file and line.
"""

from __future__ import annotations

from kb.cli.common import run_case_command
from kb.criteria.evaluate import DECIDING, Resultat, evaluate
from kb.reading.yamlfile import shorten

STATUS_TEXT = {"oppfylt": "oppfylt", "ikke_oppfylt": "ikke oppfylt", "uavklart": "uavklart",
               "skjonn": "skjønn"}
UTFALL_TEXT = {
    "oppfylt": "Kriteriene som kan sjekkes, er oppfylt. Skjønnskriteriene må vurderes.",
    "ikke_oppfylt": "Et vilkår er ikke oppfylt, eller noe utelukker tildeling.",
    "uavklart": "Kan ikke avgjøres før opplysningene under er kartlagt.",
}
MARK = {"oppfylt": "✓", "ikke_oppfylt": "✗", "uavklart": "?", "skjonn": "~"}


def _criterion_lines(k) -> list[str]:
    lines = [f"[{MARK[k.status]}] {STATUS_TEXT[k.status]:<12} {k.id}", f"      «{shorten(k.tekst, 110)}»"]
    if k.regel:
        lines.append(f"      Regel: {k.regel}")
    if k.mangler:
        lines.append(f"      Mangler: {', '.join(k.mangler)}")
    where = f", linje {k.linjer.fra}–{k.linjer.til}" if k.linjer else ""
    laws = f" · {'; '.join(k.lovhenvisninger)}" if k.lovhenvisninger else ""
    lines.append(f"      Kilde: {k.kilde}{where}{laws}")
    if k.avvik_fra_loven:
        lines.append(f"      Avvik fra loven: {k.avvik_fra_loven}")
    return lines


def report(r: Resultat, kb) -> str:
    """The readable report for a terminal."""
    t = kb.tjenester[r.tjeneste]
    kommune = kb.kommuner[r.kommune].navn if r.kommune else "ikke oppgitt"
    lines = [f"{t.navn} (kommune: {kommune}, vurderingsdato {r.vurderingsdato.isoformat()})",
             "VEILEDENDE: resultatet er beslutningsstøtte; saksbehandler avgjør.", "",
             f"Utfall: {r.utfall} – {UTFALL_TEXT[r.utfall]}"]
    failing = [k for k in r.kriterier if k.status == "ikke_oppfylt" and k.art in DECIDING]
    if failing and all(k.art == "hovedregel_ikke" for k in failing):
        lines.append("Det som slår inn, er en hovedregel: vurder om det er grunn til å fravike den i denne saken.")
    if any(k.art == "malgruppe" and k.status == "ikke_oppfylt" for k in r.kriterier):
        lines.append("En målgruppe passer ikke; tjenesten har flere målgrupper, så det avgjør ikke utfallet alene.")
    if any(k.avvik_fra_loven and k.status in ("ikke_oppfylt", "uavklart") for k in r.kriterier):
        lines.append("Et regionalt kriterium er strengere enn loven og avgjør ikke utfallet alene "
                     "(se «Avvik fra loven» under kriteriet).")
    lines.append("")
    for k in r.kriterier:
        if k.art not in ("rettskrav", "lovvilkar"):
            lines += _criterion_lines(k)
    if t.rettskrav is not None:
        right = next(b for b in r.begrunnelse["barn"] if b["id"] == "rettskrav")
        lines += ["", right["tekst"]]
        law = [k for k in r.kriterier if k.art == "lovvilkar"]
        regional = [k for k in r.kriterier if k.art == "rettskrav"]
        if law:
            lines.append("Lovens vilkår (avgjør retten):")
            for k in law:
                lines += _criterion_lines(k)
        if regional and law:
            lines.append("De regionale kriteriene om retten (veiledende; loven går foran):")
        for k in regional:
            lines += _criterion_lines(k)
    for line in r.unntak:
        lines.append(f"[-] gjelder ikke     {line}")
    if r.mangler:
        lines += ["", "Finn ut dette i kartleggingen:"]
        for name in r.mangler:
            d = kb.opplysninger.get(name)
            question = d.sporsmal if d else "Hvilken kommune gjelder saken?"
            lines.append(f"  - {name}: {question}")
    skjonn = sum(1 for k in r.kriterier if k.status == "skjonn")
    if skjonn:
        lines += ["", f"{skjonn} kriterier er skjønn og må vurderes av saksbehandler."]
    return "\n".join(lines)


def run_cli(args) -> int:
    """Run ``kb evaluate``; return the exit code."""
    return run_case_command(args, evaluate, Resultat.to_json, lambda result, kb, case: report(result, kb))
