"""Run every benchmark once and write ``bench/results.json`` (shown on the site's *Ytelse* page).

Usage: ``python -m bench [--quick] [--skip-browser] [--factors 1 10 100]``; ``--only saksfil`` runs
one part and keeps the other figures already in the results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
GOALS = {"last_og_valider_s": 0.5, "kb_check_s": 2.0, "bygg_ekte_s": 10.0, "bygg_100x_s": 60.0, "bygg_ms_per_side": 30,
         "evalueringer_per_s": 20_000, "felt_til_resultat_p95_ms": 50, "sok_p50_ekte_ms": 50, "sok_p50_100x_ms": 100, "forste_sok_100x_kb": 1024,
         "saksfil_2mb_s": 1.0, "saksfil_2mb_mb": 200}
ENGINES = ("pagefind", "material")
"""Search engines built and timed side by side: the site's Pagefind search and Material's built-in one."""


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_load(repeat: int) -> dict:
    """Loading and validating the real knowledge base, and ``kb check``."""
    from kb.knowledge.check import check
    from kb.knowledge.loader import load_kb
    load = _median(lambda: load_kb(), repeat)
    full = _median(lambda: check(), repeat)
    return {"last_og_valider_s": round(load, 4), "kb_check_s": round(full, 4)}


def random_cases(kb, n: int, seed: int = 1) -> list[dict]:
    """``n`` generated cases: random service, municipality (one a criteria set covers) and a
    random subset of facts."""
    rng = random.Random(seed)
    kommuner = sorted({k for s in kb.kriteriesett.values() for k in s.kommuner})  # those a criteria set covers
    services, facts = sorted(kb.tjenester), sorted(kb.opplysninger.values(), key=lambda f: f.navn)
    cases = []
    for _ in range(n):
        chosen = {}
        for f in rng.sample(facts, rng.randint(0, len(facts))):
            if f.type == "ja_nei":
                chosen[f.navn] = rng.random() < 0.5
            elif f.type == "heltall":
                chosen[f.navn] = rng.randint(int(f.min or 0), int(min(f.max or 100, 100)))
            else:
                chosen[f.navn] = round(rng.uniform(f.min or 0, min(f.max or 100, 100)), 1)
        cases.append({"tjeneste": rng.choice(services), "kommune": rng.choice(kommuner + [None]),
                      "opplysninger": chosen})
    return cases


def bench_evaluate(n: int, cases: list[dict] | None = None) -> dict:
    """Evaluations per second through the Python API on one core."""
    from kb.criteria.evaluate import evaluate
    from kb.knowledge.loader import load_kb_or_raise
    kb = load_kb_or_raise()
    cases = cases or random_cases(kb, n)
    for c in cases[:200]:  # warm the per-service caches
        evaluate(c, kb)
    t0, cpu0 = time.perf_counter(), time.process_time()
    for c in cases:
        evaluate(c, kb)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    # the CPU time beside the wall time: on a shared machine the wall time also counts the neighbours
    return {"evalueringer": n, "evalueringer_per_s": round(n / elapsed),
            "evalueringer_per_cpu_s": round(n / cpu) if cpu > 0 else None}


def _size_kb(path: Path) -> int:
    if path.is_file():
        return round(path.stat().st_size / 1024)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024) if path.is_dir() else 0


def _run(args: list[str], cwd: Path, env: dict, cpu: list | None = None, said: list | None = None) -> float:
    """Run a step; its wall time in seconds. ``cpu`` (if given) gets the step's CPU time (user +
    sys; the machine may be shared, and CPU time is the steadier figure) and the peak memory in MB
    of the largest step run so far (the system keeps no peak per child); ``said`` (if given) what
    it wrote on its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} feilet:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    elapsed = time.perf_counter() - t0
    if said is not None:
        said.append(proc.stdout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, after.ru_maxrss / 1024))
    return elapsed


def _generated_dir(out: Path) -> Path:
    """The generated folder a build into ``out`` makes (beside it)."""
    return out.parent / (out.name + "-generert")


def build_site(data_dir: Path | None, out: Path, engine: str = "pagefind", code: Path = ROOT) -> dict:
    """Build the site into ``out`` with one search engine as ``make build`` does: ``kb site --bygg``
    (the generated folder, ``mkdocs build``, the Pagefind step; each step's time as it reports it),
    or, for older code, step by step. ``code`` is the checkout whose code builds (the baseline's has
    no ``kb site``: its ``mkdocs build`` does it all)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_SEARCH=engine, PYTHONPATH=str(code))
    generated = _generated_dir(out)
    env["KB_GENERATED_DIR"] = str(generated)
    if data_dir is not None:
        env["KB_DATA_DIR"] = str(data_dir)
    steps, cpu = {}, []
    staged = (code / "kb" / "site" / "tree.py").exists()
    one_command = staged and engine == "pagefind" and "pagefind_after_build" in (code / "kb" / "site" / "search.py").read_text(encoding="utf-8")
    if one_command:  # make build: `kb site --bygg` generates, builds (in parts) and indexes, timing each step
        args = [sys.executable, "-m", "kb.cli", "site", "--bygg", str(out)]
        if data_dir is not None:
            args[3:3] = ["--data", str(data_dir)]
        said: list[str] = []
        env.pop("KB_PAGEFIND", None)
        elapsed = _run(args, code, env, cpu, said)
        steps = _steps_said(said[0])
        return _build_row(out, engine, elapsed, steps, cpu)
    if staged:
        args = [sys.executable, "-m", "kb.cli", "site", "--ut", str(generated)]
        if data_dir is not None:
            args[3:3] = ["--data", str(data_dir)]
        steps["generering_s"] = _run(args, code, env, cpu)
        env["KB_PAGEFIND"] = "false"
    parted = staged and engine == "pagefind" and "--bygg" in (code / "kb" / "cli" / "main.py").read_text(encoding="utf-8")
    if parted:  # mkdocs build in parts at once for a large site, as make build does
        steps["mkdocs_s"] = _run([sys.executable, "-m", "kb.cli", "site", "--bygg", str(out)], code, env, cpu)
    else:
        steps["mkdocs_s"] = _run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], code, env, cpu)
    if staged and engine == "pagefind":
        steps["pagefind_s"] = _run([sys.executable, "-m", "kb.cli", "site", "--indekser", str(out)], code, env, cpu)
    return _build_row(out, engine, sum(steps.values()), steps, cpu)


STEPS_SAID = {"generering_s": r"^(?:Skrev|Leste) \d+ sider .* på ([\d.]+) s\.$",
              "mkdocs_s": r"^Bygde .* på ([\d.]+) s",
              "pagefind_s": r"^Pagefind-indeksen ligger i .*\(([\d.]+) s\)\.$"}
"""How ``kb site --bygg`` reports each step's time."""


def _steps_said(output: str) -> dict[str, float]:
    """Each step's time as ``kb site --bygg`` reported it (every step must be there)."""
    steps = {}
    for step, pattern in STEPS_SAID.items():
        found = re.search(pattern, output, re.MULTILINE)
        if found is None:
            raise SystemExit(f"kb site --bygg sa ikke hvor lang tid {step} tok:\n{output[-2000:]}")
        steps[step] = float(found.group(1))
    return steps


def _build_row(out: Path, engine: str, elapsed: float, steps: dict, cpu: list) -> dict:
    cpu_s = sum(c for c, _ in cpu)
    index = out / ("pagefind" if engine == "pagefind" else "search/search_index.json")
    pages = sum(1 for _ in out.rglob("index.html"))
    return {"sekunder": round(elapsed, 2), "sider": pages, "ms_per_side": round(1000 * elapsed / max(pages, 1), 1),
            "cpu_sekunder": round(cpu_s, 2), "cpu_ms_per_side": round(1000 * cpu_s / max(pages, 1), 1),
            "minne_mb": round(max((m for _, m in cpu), default=0)),
            "sokeindeks_kb": _size_kb(index), **{k: round(v, 2) for k, v in steps.items()}}


def baseline_checkout(ref: str, tmp: Path) -> Path | None:
    """The code of ``ref`` in a temporary git worktree, to build beside this code. The default is
    where this branch left ``main`` (``git merge-base HEAD main``): that code reads the same content
    files, which a newer ``main`` may not."""
    if ref == "merge-base":
        found = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True)
        ref = found.stdout.strip() or "HEAD~1"
    target = tmp / "grunnlinje"
    proc = subprocess.run(["git", "worktree", "add", "--detach", "-q", str(target), ref], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  (ingen grunnlinje: {proc.stderr.strip()})", flush=True)
        return None
    return target


def drop_checkout(path: Path | None) -> None:
    if path is not None:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, capture_output=True)


def baseline_evaluations(code: Path, n: int) -> int | None:
    """Evaluations per second of the baseline's code, on its own random cases (same seed), in this run."""
    script = ("import json; from bench.__main__ import bench_evaluate; "
              f"print(json.dumps(bench_evaluate({n})))")
    proc = subprocess.run([sys.executable, "-c", script], cwd=code, env=dict(os.environ, PYTHONPATH=str(code)),
                          capture_output=True, text=True)
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])["evalueringer_per_s"]
    except (ValueError, IndexError, KeyError):
        return None


BUILD_ROUNDS = 3
"""This code's Pagefind build is timed this many times at each size, from nothing each time, and
the round with the median time is reported (all rounds are kept): the machine's speed varies by a
fifth from minute to minute. The baseline's build, minutes long at 100 ×, is timed once."""


def _median_build(data: Path | None, out: Path, rounds: int) -> dict:
    """``build_site`` ``rounds`` times into a fresh ``out``; the median round, with every round's time."""
    runs = []
    for _ in range(rounds):
        for folder in (out, _generated_dir(out)):
            shutil.rmtree(folder, ignore_errors=True)
        runs.append(build_site(data, out, "pagefind"))
    middle = sorted(runs, key=lambda r: r["sekunder"])[(len(runs) - 1) // 2]
    return {**middle, "runder_sekunder": [r["sekunder"] for r in runs],
            "runder_cpu_sekunder": [r["cpu_sekunder"] for r in runs]}


def bench_builds(factors: list[int], tmp: Path, baseline: Path | None = None,
                 engines: tuple[str, ...] = ENGINES, rounds: int = BUILD_ROUNDS
                 ) -> tuple[list[dict], dict[tuple[str, int], Path]]:
    """Build the real site and synthetic sites at each factor, once per search engine (the
    Pagefind build the median of ``rounds``), and with the baseline's code (Pagefind) in the same run."""
    from bench.synthetic import make_synthetic
    from kb.knowledge.loader import load_kb_or_raise
    real_services = len(load_kb_or_raise().tjenester)
    rows, sites = [], {}
    for factor in factors:
        data = None
        if factor > 1:
            data = tmp / f"data-{factor}x"
            make_synthetic(data, factor)
        row = {"faktor": factor, "tjenester": real_services * factor}
        for engine in engines:
            out = tmp / f"site-{engine}-{factor}x"
            built = _median_build(data, out, rounds) if engine == "pagefind" else build_site(data, out, engine)
            if engine == "pagefind":
                row.update(built)
            else:
                row.update({"material_sekunder": built["sekunder"], "material_sokeindeks_kb": built["sokeindeks_kb"]})
            sites[(engine, factor)] = out
        if baseline is not None:
            try:
                old = build_site(data, tmp / f"site-grunnlinje-{factor}x", "pagefind", baseline)
                row.update({"grunnlinje_sekunder": old["sekunder"], "grunnlinje_ms_per_side": old["ms_per_side"],
                            "grunnlinje_cpu_sekunder": old["cpu_sekunder"]})
                sites[("grunnlinje", factor)] = tmp / f"site-grunnlinje-{factor}x"  # its search is timed too
            except SystemExit as exc:  # the baseline cannot build this content: say so, keep the rest
                print(f"  (grunnlinjen bygde ikke {factor}×: {str(exc)[-200:]})", flush=True)
        rows.append(row)
        print(f"  bygg {factor:>3}×: {row['sekunder']:7.2f} s med Pagefind ({row['ms_per_side']} ms/side, "
              f"CPU {row['cpu_sekunder']} s = {row['cpu_ms_per_side']} ms/side, {row['minne_mb']} MB; "
              f"{row.get('generering_s')} s kb site, {row.get('mkdocs_s')} s mkdocs, {row.get('pagefind_s')} s Pagefind), "
              f"{row.get('material_sekunder')} s med Materials søk, grunnlinje {row.get('grunnlinje_sekunder')} s, "
              f"{row['sider']} sider; rundene {row.get('runder_sekunder')} s", flush=True)
    return rows, sites


def bench_zensical(tmp: Path, zensical: str) -> dict | None:
    """Zensical (its own Python, not a dependency) on the real site's generated folder, beside MkDocs."""
    exe = Path(zensical)
    if not exe.exists():
        return None
    generated = tmp / "zensical-generert"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    _run([sys.executable, "-m", "kb.cli", "site", "--ut", str(generated)], ROOT, env)
    mkdocs = build_site(None, tmp / "zensical-mkdocs", "pagefind")
    proc = subprocess.run([str(exe.parent / "python"), str(ROOT / "bench" / "zensical.py"), str(exe), str(generated)],
                          cwd=ROOT, capture_output=True, text=True)
    try:
        found = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"feil": (proc.stdout + proc.stderr)[-500:]}
    return {"zensical_sider": found["zensical_sider"], "zensical_sekunder": found["zensical_sekunder"],
            "sider_uten_svarbokser": found["sider_uten_svarbokser"], "mkdocs_sider": mkdocs["sider"],
            "mkdocs_sekunder": mkdocs["mkdocs_s"]}


def bench_browser(sites: dict[int, Path], n: int) -> dict:
    """The browser evaluator beside the Python one, on the same cases in the same run."""
    sys.path.insert(0, str(ROOT))
    from bench.browser_evaluator import bench
    from kb.knowledge.loader import load_kb_or_raise
    cases = [dict(c, vurderingsdato="2026-06-01") for c in random_cases(load_kb_or_raise(), n, seed=2)]
    python = bench_evaluate(n, cases)["evalueringer_per_s"]
    return bench(sites, cases, python)


def bench_case_file() -> dict:
    """A case file just under 2 MB beside a small one (time and peak memory of ``kb evaluate``)."""
    from bench.casefile import bench_case_files
    result = bench_case_files()
    print(f"  2 MB: {result['saksfil_2mb_s']} s, {result['saksfil_2mb_mb']} MB; liten sak: "
          f"{result['grunnlinje_s']} s, {result['grunnlinje_mb']} MB", flush=True)
    return result


def run_only(part: str, output: Path) -> int:
    """Run one part and write it into ``output`` beside the figures already there (and the goals)."""
    results = json.loads(output.read_text(encoding="utf-8")) if output.exists() else {}
    if part == "saksfil":
        results["saksfil"] = bench_case_file()
    results["mal"] = dict(results.get("mal", {}), **GOALS)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Skrev {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--evaluations", type=int, default=50_000)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--only", choices=["saksfil"], help="kjør bare denne delen (de andre tallene beholdes)")
    parser.add_argument("--baseline", default="merge-base",
                        help="git-ref hvis kode bygger de samme nettstedene i samme kjøring (standard: merge-base, "
                             "der grenen gikk ut fra main; tom: ingen)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES),
                        help="søkemotorene hvert nettsted bygges med (standard: begge)")
    parser.add_argument("--zensical", default="/tmp/zvenv/bin/zensical",
                        help="Zensical i et eget virtuelt miljø (måles hvis den finnes)")
    args = parser.parse_args(argv)
    if args.only:
        return run_only(args.only, args.output)

    results: dict = {"dato": dt.date.today().isoformat(), "python": platform.python_version(),
                     "maskin": f"{platform.machine()}, {os.cpu_count()} kjerner", "mal": GOALS}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        baseline = baseline_checkout(args.baseline, Path(tmp)) if args.baseline else None
        results["grunnlinje"] = args.baseline if baseline is not None else None
        try:
            print("Last og kontroll …", flush=True)
            results["last"] = bench_load(repeat=5)
            print(f"  {results['last']}")
            print("Evaluator …", flush=True)
            results["evaluator"] = bench_evaluate(args.evaluations)
            if baseline is not None:
                results["evaluator"]["grunnlinje_per_s"] = baseline_evaluations(baseline, args.evaluations)
            print(f"  {results['evaluator']}")
            print("Saksfil på 2 MB …", flush=True)
            results["saksfil"] = bench_case_file()
            print("Bygg av nettstedet …", flush=True)
            results["bygg"], sites = bench_builds(args.factors, Path(tmp), baseline, tuple(args.engines))
        finally:
            drop_checkout(baseline)
        zensical = bench_zensical(Path(tmp), args.zensical)
        if zensical is not None:
            results["zensical"] = zensical
            print(f"  Zensical: {zensical}", flush=True)
        if not args.skip_browser:
            from bench.search import bench_search
            print("Søk i Chromium …", flush=True)
            results["sok"] = bench_search(sites)
            print("Evaluatoren i Chromium …", flush=True)
            results["nettleser"] = bench_browser({f: p for (e, f), p in sites.items() if e == "pagefind"},
                                                 min(args.evaluations, 20_000))
            print(f"  {results['nettleser']}")
    from bench.summary import against_goals, report
    results["mot_mal"] = against_goals(results, GOALS)
    print("Mot målene:\n" + report(results["mot_mal"]), flush=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Skrev {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
