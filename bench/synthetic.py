"""Synthetic knowledge bases: the real content with every service copied N times (new ids)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from kb.knowledge.loader import DATA_DIR


def _suffix_ids(data: Any, suffix: str) -> Any:
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in ("kriterium", "inngar_i") and isinstance(value, str):
                out[key] = value + suffix
            else:
                out[key] = _suffix_ids(value, suffix)
        return out
    if isinstance(data, list):
        return [_suffix_ids(v, suffix) for v in data]
    return data


def make_synthetic(target: Path, factor: int, source: Path = DATA_DIR) -> int:
    """Write a knowledge base with ``factor`` × the services of ``source`` into ``target``.

    Copy 1 keeps the real ids; copies 2…N get ids ``<id>-kopi<k>`` and names with «(kopi k)».
    Returns the number of services written.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    services = sorted((source / "tjenester").glob("*.yaml"))
    for k in range(2, factor + 1):
        suffix = f"-kopi{k}"
        for path in services:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = _suffix_ids(data, suffix)
            data["id"] = data["id"] + suffix
            data["navn"] = f"{data['navn']} (kopi {k})"
            (target / "tjenester" / f"{data['id']}.yaml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(services) * factor
