"""A case file just under 2 MB beside an ordinary case file, in the same run: ``kb evaluate`` as a
caseworker runs it, wall time and peak memory of the whole process.

The large file holds a flow list of ones, the most values per byte and so the costliest shape to
parse (before case files had their own limit it took 2–10 s and 550 MB). The baseline is a small
case file; a third file, the same costly shape just under the case-file limit, shows the worst a
case that *is* read can cost. Peak memory is measured by GNU time (``/usr/bin/time``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = "tjeneste: bpa\nkommune: gjovik\nopplysninger: {alder: 45, timer_per_uke: 40, varighet_ar: 3}\n"


def flow_list(size: int) -> bytes:
    """A case file of exactly ``size`` bytes whose extra key holds a flow list of ones."""
    head = b"tjeneste: bpa\nopplysninger: {alder: 45}\nx: ["
    data = head + b",".join([b"1"] * ((size - len(head) - 2) // 2)) + b"]\n"
    return data + b" " * (size - len(data) - 1) + b"\n" if len(data) < size else data


TIME = "/usr/bin/time"
"""GNU time measures the peak memory: a child started straight from this process would inherit its
high-water mark (Linux keeps it across ``exec``), so a large parent would hide a small child."""


def run_once(path: Path) -> tuple[float, float, int]:
    """Seconds, peak resident memory (MB) and exit code of one ``kb evaluate PATH --json``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        t0 = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%M", "-o", report.name, sys.executable, "-m", "kb.cli", "evaluate",
                               str(path), "--json"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t0
        peak_kb = int(report.read().strip().splitlines()[-1])
    return elapsed, peak_kb / 1024, proc.returncode


def bench_case_files(repeat: int = 3) -> dict:
    """Median time and peak memory per file, the files run in turn ``repeat`` times."""
    from kb.reading.casefile import MAX_CASE_BYTES
    with tempfile.TemporaryDirectory(prefix="kb-bench-sak-") as tmp:
        files = {"liten": Path(tmp) / "liten.yaml", "2mb": Path(tmp) / "stor.yaml",
                 "like_under_grensen": Path(tmp) / "grense.yaml"}
        files["liten"].write_text(SMALL, encoding="utf-8")
        files["2mb"].write_bytes(flow_list(1_999_000))
        files["like_under_grensen"].write_bytes(flow_list(MAX_CASE_BYTES))
        runs: dict[str, list] = {name: [] for name in files}
        for _ in range(repeat):
            for name, path in files.items():
                runs[name].append(run_once(path))
    rows = {}
    for name, path_runs in runs.items():
        rows[name] = {"byte": {"liten": len(SMALL.encode()), "2mb": 1_999_000,
                               "like_under_grensen": MAX_CASE_BYTES}[name],
                      "sekunder": round(statistics.median(r[0] for r in path_runs), 3),
                      "topp_minne_mb": round(max(r[1] for r in path_runs), 1),
                      "avslutningskode": path_runs[-1][2]}
    return {"saksfil_2mb_s": rows["2mb"]["sekunder"], "saksfil_2mb_mb": rows["2mb"]["topp_minne_mb"],
            "grunnlinje_s": rows["liten"]["sekunder"], "grunnlinje_mb": rows["liten"]["topp_minne_mb"],
            "filer": rows, "gjentak": repeat}
