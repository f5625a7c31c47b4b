"""``kb procedure CASE.yaml [--json]``: Oslo's routine's answers for a case on the command line."""

from __future__ import annotations

import datetime as dt

from kb.cli.common import run_case_command
from kb.knowledge.loader import KnowledgeBase
from kb.oslo.procedure import ANSWERS, answer
from kb.reading.yamlfile import shorten
from kb.rules.deadlines import norsk_dato

_YES_NO = {True: "ja", False: "nei", None: "uavklart"}
_TITLES = {"enkeltvedtak_kreves": "Enkeltvedtak kreves", "forvaltningsmelding_kreves": "Forvaltningsmelding kreves",
           "forhandsvarsel_kreves": "Forhåndsvarsel kreves", "vedtaksmal": "Vedtaksmal",
           "klagefrist": "Klagefrist", "klageinstans": "Klageinstans"}


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
            shown = f"{value} ({norsk_dato(dt.date.fromisoformat(value))})" if value else "uavklart"
        elif key == "klageinstans":
            shown = value or "uavklart"
        else:
            shown = _YES_NO[value]
        lines.append(f"{_TITLES[key] + ':':<28}{shown}")
        for b in result["begrunnelse"]:
            if b["svar"] != key:
                continue
            where = f"avsnitt {b['seksjon']}" if b["seksjon"] else b["kilde"]
            lines.append(f"    {b['forklaring']}")
            lines.append(f"    Regel {b['regel']} ({where}): «{shorten(b['tekst'], 140)}»")
            if b["mangler"]:
                lines.append(f"    Mangler: {', '.join(b['mangler'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_cli(args) -> int:
    """Run ``kb procedure CASE.yaml [--json]``; return the exit code (2 on bad input)."""
    return run_case_command(args, answer, lambda result: result,
                            lambda result, kb, case: report(result, kb, case.get("tjeneste")), indent=2)
