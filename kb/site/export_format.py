"""How exported data is written for the browser: the folder, models as JSON, and the script that
stores data under a key in ``globalThis.kbData`` (so it also loads from ``file://``)."""

from __future__ import annotations

import json

from pydantic import BaseModel

FOLDER = "evaluator"
"""Folder of the exported data in the built site."""


def dump(model: BaseModel, exclude: set[str] | None = None) -> dict:
    """A model as JSON data, without the fields that keep their default (the browser knows them)."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=True, exclude=exclude)


def script(key: str, data: dict) -> str:
    """A script that stores ``data`` under ``key`` in ``globalThis.kbData``."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return (f"(globalThis.kbData=globalThis.kbData||{{}})[{json.dumps(key)}]={body};\n")
