"""Synthetic knowledge bases: the real content with every service copied N times (new ids)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from kb.knowledge.check_parameters import PUBLISHED_IDS
from kb.knowledge.loader import DATA_DIR

_NUMBER = re.compile(r"-(\d+)(?=-|$)")


def _copy_id(value: str, suffix: str, shared: frozenset[str] = frozenset()) -> str:
    """The id in copy ``suffix``. The law's conditions (``shared``) are the same for every copy. A
    published id with a number in it keeps its number only in the real service (``kb check``
    refuses new ones), so the copies spell it ``-n25``."""
    if value in shared:
        return value
    if value in PUBLISHED_IDS:
        value = _NUMBER.sub(r"-n\1", value)
    return value + suffix


def _suffix_ids(data: Any, suffix: str, shared: frozenset[str] = frozenset()) -> Any:
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in ("kriterium", "inngar_i") and isinstance(value, str):
                out[key] = _copy_id(value, suffix, shared)
            else:
                out[key] = _suffix_ids(value, suffix, shared)
        return out
    if isinstance(data, list):
        return [_suffix_ids(v, suffix, shared) for v in data]
    return data


def _ids_under(data: Any, key: str):
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _ids_under(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from _ids_under(v, key)


def make_synthetic(target: Path, factor: int, source: Path = DATA_DIR) -> int:
    """Write a knowledge base with ``factor`` × the services of ``source`` into ``target``.

    Copy 1 keeps the real ids; copies 2…N get ids ``<id>-kopi<k>`` and names with «(kopi k)».
    Returns the number of services written.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    services = sorted((source / "tjenester").glob("*.yaml"))
    laws = yaml.safe_load((source / "lovtekster.yaml").read_text(encoding="utf-8")) if (source / "lovtekster.yaml").exists() else {}
    shared = frozenset(_ids_under(laws, "kriterium"))
    for k in range(2, factor + 1):
        suffix = f"-kopi{k}"
        for path in services:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = _suffix_ids(data, suffix, shared)
            data["id"] = data["id"] + suffix
            data["navn"] = f"{data['navn']} (kopi {k})"
            (target / "tjenester" / f"{data['id']}.yaml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(services) * factor
