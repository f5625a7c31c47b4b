"""``kb procedure CASE.yaml [--json]``: Oslo's routine's answers for a case on the command line."""

from __future__ import annotations

import datetime as dt

from kb.cli.common import run_case_command
from kb.knowledge.loader import KnowledgeBase
from kb.oslo.procedure import ANSWERS, answer
from kb.reading.yamlfile import shorten
from kb.rules.deadlines import norsk_dato
from kb.rules.words import dato

_YES_NO = {True: "ja", False: "nei", None: "uavklart"}
_TITLES = {"enkeltvedtak_kreves": "Enkeltvedtak kreves", "forvaltningsmelding_kreves": "Forvaltningsmelding kreves",
           "forhandsvarsel_kreves": "Forhåndsvarsel kreves", "vedtaksmal": "Vedtaksmal",
           "klagefrist": "Klagefrist", "klageinstans": "Klageinstans"}


def _question(kb: KnowledgeBase, name: str) -> str:
    """The question that finds a missing case field out (never the field's name)."""
    felt = kb.oslo.saksfelter.get(name)
    if felt is not None:
        return felt.sporsmal
    return "Hvilken tjeneste gjelder saken?" if name == "tjeneste" else name.replace("_", " ")


def report(result: dict, kb: KnowledgeBase, service_id: str | None) -> str:
    """The readable Norwegian report for a terminal."""
    t = kb.tjenester.get(service_id) if service_id else None
    name = t.navn if t else (service_id or "ikke oppgitt")
    lines = ["Oslo kommune, Gerica – saksbehandling: svar for saken",
             f"Tjeneste: {name}",
             "VEILEDENDE: svarene er beslutningsstøtte etter rutinen; saksbehandler avgjør.", ""]
    for key in ANSWERS:
        value = result[key]
        if key == "vedtaksmal":
            shown = f"{value['id']} {value['navn']}" if value else "uavklart"
        elif key == "klagefrist":
            shown = f"{norsk_dato(dt.date.fromisoformat(value))} ({dato(value)})" if value else "uavklart"
        elif key == "klageinstans":
            shown = value or "uavklart"
        else:
            shown = _YES_NO[value]
        lines.append(f"{_TITLES[key] + ':':<28}{shown}")
        for b in result["begrunnelse"]:
            if b["svar"] != key:
                continue
            where = f"Rutinen, avsnitt {b['seksjon']}" if b["seksjon"] else b["kilde"]
            lines.append(f"    {b['forklaring']}")
            if b["tekst"]:
                lines.append(f"    {where}: «{shorten(b['tekst'], 140)}»")
            for name in b["mangler"]:
                lines.append(f"    Finn ut: {_question(kb, name)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_cli(args) -> int:
    """Run ``kb procedure CASE.yaml [--json]``; return the exit code (2 on bad input)."""
    return run_case_command(args, answer, lambda result: result,
                            lambda result, kb, case: report(result, kb, case.get("tjeneste")), indent=2)
