"""JSON Schemas for every kind of file an editor writes, generated from the pydantic models.

``kb schema`` writes them to ``kb/schemas/``; each content file names its schema on its first line
(``# yaml-language-server: $schema=…``) and ``.vscode/settings.json`` maps the same files, so that
common YAML editors validate and complete while typing. The descriptions are Norwegian
(:mod:`kb.reading.schema_texts`). The case-file and conformance schemas are built from the
knowledge base too (fact names and types, services, municipalities), so they are regenerated
when the vocabulary changes; a test checks that the committed schemas match.

Example::

    >>> kind = KINDS["opplysninger"]
    >>> kind.filer, kind.fil
    (('kb/data/opplysninger.yaml',), 'opplysninger.schema.json')
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import TypeAdapter

from kb.criteria import law, models as criteria
from kb.oslo import answers, models as oslo
from kb.reading import schema as shared
from kb.knowledge.casemodels import case_file_model, conformance_file_model
from kb.reading.schema_texts import FIELDS, MODELS
from kb.rules import parameters

REPO = Path(__file__).resolve().parents[2]
"""The repository (or installation) folder the file patterns are relative to."""
SCHEMA_DIR = REPO / "kb" / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Kind:
    """A kind of file: its schema's name, Norwegian title, the files it covers and its model."""

    navn: str
    tittel: str
    filer: tuple[str, ...]
    """Glob patterns relative to the repository, e.g. ``kb/data/tjenester/*.yaml``."""
    modell: Callable[[Any], Any]
    """The pydantic type for a knowledge base (most kinds ignore it)."""

    @property
    def fil(self) -> str:
        """The schema's file name, e.g. ``tjeneste.schema.json``."""
        return f"{self.navn}.schema.json"


def _fixed(t) -> Callable[[Any], Any]:
    return lambda kb: t


KINDS: dict[str, Kind] = {k.navn: k for k in [
    Kind("tjeneste", "Tjeneste", ("kb/data/tjenester/*.yaml", "kb/data/kriteriesett/*/tjenester/*.yaml"),
         _fixed(criteria.Tjeneste)),
    Kind("kapittel", "Kapittel", ("kb/data/kapitler/*.yaml",), _fixed(criteria.Kapittel)),
    Kind("kriteriesett", "Kriteriesett", ("kb/data/kriteriesett.yaml",), _fixed(list[criteria.Kriteriesett])),
    Kind("parametre", "Juridiske tall (parametre)", ("kb/data/parametre.yaml",), _fixed(list[parameters.Parameter])),
    Kind("lovtekster", "Lovens tekst (lovlaget)", ("kb/data/lovtekster.yaml",), _fixed(list[law.Lovbestemmelse])),
    Kind("kilder", "Kilderegister", ("kb/data/kilder/kilder.yaml",), _fixed(list[shared.Kildedokument])),
    Kind("lover", "Lovregister", ("kb/data/lover.yaml",), _fixed(list[shared.Lov])),
    Kind("kommuner", "Kommuner", ("kb/data/kommuner.yaml",), _fixed(list[shared.Kommune])),
    Kind("opplysninger", "Faktavokabular (opplysninger)", ("kb/data/opplysninger.yaml",),
         _fixed(list[shared.Opplysning])),
    Kind("ordliste", "Ordliste", ("kb/data/ordliste.yaml",), _fixed(list[criteria.Ordforklaring])),
    Kind("innsatstrapp", "Innsatstrappen", ("kb/data/innsatstrapp.yaml",), _fixed(list[criteria.Innsatstrinn])),
    Kind("kategorier", "Kategorier (typer behov)", ("kb/data/kategorier.yaml",), _fixed(list[criteria.Kategori])),
    Kind("oslo-rutine", "Oslo-rutinen: avsnitt", ("kb/data/oslo/rutine.yaml",), _fixed(oslo.RutineFil)),
    Kind("oslo-regler", "Oslo-rutinen: regler", ("kb/data/oslo/regler.yaml",), _fixed(list[oslo.Rutineregel])),
    Kind("oslo-maler", "Oslo-rutinen: malkatalog", ("kb/data/oslo/maler.yaml",), _fixed(list[oslo.Mal])),
    Kind("oslo-saksfelter", "Oslo-rutinen: saksopplysninger", ("kb/data/oslo/saksfelter.yaml",),
         _fixed(answers.Saksfelter)),
    Kind("oslo-tjenestemaler", "Oslo-rutinen: maler per tjeneste", ("kb/data/oslo/tjenestemaler.yaml",),
         _fixed(list[oslo.Tjenestemal])),
    Kind("konformitet", "Konformitetstilfeller", ("tests/conformance/*/*.yaml",), conformance_file_model),
    Kind("sak", "Saksfil («kb evaluate» og «kb procedure»)", (), case_file_model),
]}
"""Every kind of file, by schema name."""


def _describe(defn: dict, name: str) -> None:
    """Put the Norwegian description of model ``name`` and its fields into a schema definition."""
    text, fields = MODELS.get(name, (None, {}))
    if text:
        defn["description"] = text
    for field, prop in defn.get("properties", {}).items():
        words = fields.get(field) or FIELDS.get(field)
        if words:
            prop["description"] = words


def _key_titles(node: Any) -> None:
    """Title every field with its key (``lovpalagt``), not pydantic's «Lovpalagt» made from it: an
    editor's hover then names the key the editor typed, and the Norwegian description explains it."""
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                prop["title"] = key
                for option in prop.get("anyOf", []):
                    option.pop("title", None)
        for value in node.values():
            _key_titles(value)
    elif isinstance(node, list):
        for value in node:
            _key_titles(value)


def generate(kind: Kind, kb) -> dict:
    """The JSON Schema of ``kind`` for the knowledge base ``kb`` (Norwegian descriptions)."""
    schema = TypeAdapter(kind.modell(kb)).json_schema()
    _key_titles(schema)
    for name, defn in schema.get("$defs", {}).items():
        _describe(defn, name)
    if "properties" in schema:
        _describe(schema, schema.get("title", ""))
    out = {"$schema": DIALECT, "title": kind.tittel}
    where = ", ".join(kind.filer) or "saksfiler (tjeneste, kommune, opplysninger, vurderingsdato, sak)"
    lead = schema.pop("description", "") if "properties" in schema else ""
    out["description"] = (lead + " " if lead else "") + f"Gjelder: {where}. Generert av «kb schema»."
    schema.pop("title", None)
    out.update(schema)
    return out


def render(schema: dict) -> str:
    """The schema as committed: indented JSON, UTF-8, one newline at the end."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas(kb) -> dict[str, str]:
    """Every schema's file name → its text, for the knowledge base ``kb``."""
    return {kind.fil: render(generate(kind, kb)) for kind in KINDS.values()}


def write(kb, folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into ``folder``; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in all_schemas(kb).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale(kb, folder: Path = SCHEMA_DIR) -> list[str]:
    """Schema files in ``folder`` that differ from the models (or are missing, or left over)."""
    wanted = all_schemas(kb)
    out = [name for name, text in wanted.items()
           if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    out += sorted(p.name for p in folder.glob("*.schema.json") if p.name not in wanted)
    return out


def files_of(kind: Kind, root: Path = REPO) -> list[Path]:
    """The files a kind covers, in order."""
    return sorted(p for pattern in kind.filer for p in root.glob(pattern))


def modeline(kind: Kind, path: Path, folder: Path = SCHEMA_DIR) -> str:
    """The first line ``path`` should have: the schema's path relative to the file."""
    return MODELINE + Path(os.path.relpath(folder / kind.fil, path.parent)).as_posix()


def vscode_mapping(folder: Path = SCHEMA_DIR, root: Path = REPO) -> dict[str, list[str]]:
    """``yaml.schemas`` for ``.vscode/settings.json``: schema path → the files it covers."""
    rel = folder.relative_to(root).as_posix()
    return {f"./{rel}/{k.fil}": list(k.filer) for k in KINDS.values() if k.filer}
