"""Shared setup for the Oslo tests: a knowledge base with every contract service present.

The real ``kb/data`` is used when it already has a file for every service id of the contract.
Otherwise a copy is made in a temporary folder and a minimal file is written for each missing
service (statutory or not, fee or not, as the regional criteria say), so the tests never skip.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kb" / "data"
SOURCE = ROOT / "kb" / "data" / "kilder" / "oslo-gerica-saksbehandling-rutine-v2.txt"

# Minimal facts for services whose file does not exist yet: (lovpålagt, egenandel svar).
_MINIMAL = {
    "middagsombringing": (False, "ja"), "omsorgsbolig": (False, "ja"), "korttidsplass": (True, "ja"),
    "langtidsopphold": (True, "ja"), "bpa": (True, "avhenger"), "praktisk-bistand": (True, "avhenger"),
    "velferdsteknologi": (True, "avhenger"), "dagaktivitet-demens": (True, "avhenger"),
    "dagaktivitet-funksjonsnedsettelse": (False, "nei"),
}


def _minimal_service(sid: str) -> str:
    lovpalagt, svar = _MINIMAL.get(sid, (True, "nei"))
    return (f"id: {sid}\nnavn: Testtjeneste {sid}\n"
            f"kilde: {{dokument: regionale-kriterier, avsnitt: \"Tjenester › {sid}\"}}\n"
            f"lovpalagt: {'true' if lovpalagt else 'false'}\n"
            "lovpalagt_grunnlag: {redaksjonell: true, begrunnelse: \"Testdata.\", "
            "lovhenvisninger: [{lov: pbrl, paragraf: \"7-2\"}]}\n"
            f"egenandel: {{svar: \"{svar}\", tekst: \"Testdata: egenandel {svar}.\"}}\n"
            "seksjoner:\n  - overskrift: Tjenestebeskrivelse\n    del: tjenestebeskrivelse\n"
            "    innhold:\n      - avsnitt: Minimal tjeneste skrevet av testene.\n")


def data_root(tmp_path_factory) -> Path:
    """``kb/data`` when complete, else a temporary copy with the missing services written."""
    from kb.oslo.models import SERVICE_IDS
    missing = [sid for sid in SERVICE_IDS if not (DATA / "tjenester" / f"{sid}.yaml").exists()]
    if not missing:
        return DATA
    root = tmp_path_factory.mktemp("kbdata") / "data"
    shutil.copytree(DATA, root)
    for sid in missing:
        (root / "tjenester" / f"{sid}.yaml").write_text(_minimal_service(sid), encoding="utf-8")
    return root


def kb_command() -> list[str]:
    """The installed ``kb`` command next to the running Python (``.venv/bin/kb``)."""
    candidate = Path(sys.executable).parent / "kb"
    if candidate.exists():
        return [str(candidate)]
    return [str(ROOT / ".venv" / "bin" / "kb")]
