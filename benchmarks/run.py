"""Benchmark: the real `readiness run` on the demo org, beside DuckDB's and pandas' own read of the same files.

    python -m benchmarks.run [--sizes 10000,100000,1000000] [--seed 7] [--out benchmarks/out] [--check]
                             [--memory-limit 2GB]

Per size, each step in a cold child process (peak RSS from the child's rusage):

  generate   the demo org's CSV exports (`python -m demo`), kept and reused
  duckdb     DuckDB floor: every CSV read by DuckDB's read_csv into a fresh database file
             (all columns as text, as ingest reads them)
  pandas     pandas floor: every CSV read by pandas.read_csv(engine="pyarrow")
  run        `readiness run` on a fresh warehouse and inbox (the files hard-linked in):
             wall time, peak RSS, the stage times the run recorded on its pipeline_runs
             row (counts.stage_seconds), report bytes and files
  rerun      `readiness run` again with nothing new: the no-op path

Floors are the reads alone, timed inside their child (no interpreter start-up); the run
is timed from outside, start-up included. CPU seconds (user + system) are given beside
wall seconds: on a shared machine they move much less. --check (make bench-quick) compares the run's
readiness table with benchmarks/reference.py (a plain-SQL recomputation of every score
and status from the ladder, and the story engineers' hand-computed rows) and exits 1 on
any difference. Every figure goes to <out>/bench-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

STAGES = ("ingest", "validate", "model", "score", "report")


# Child steps ------------------------------------------------------------------------------


def duckdb_floor(files: list[Path], db: Path) -> float:
    """Seconds for DuckDB to read every CSV into a fresh database file (one text table each, as ingest reads them)."""
    import duckdb

    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute("set enable_progress_bar = false")
    for i, path in enumerate(files):
        # The dialect is given, not sniffed: a sample without quotes would make a later quoted row an error.
        con.execute(f"create table t{i} as select * from read_csv(?, header = true, quote = '\"', escape = '\"', "
                    "all_varchar = true)", [str(path)])
    con.close()
    seconds = time.perf_counter() - started
    db.unlink(missing_ok=True)
    return seconds


def pandas_floor(files: list[Path]) -> float:
    """Seconds for pandas.read_csv(engine="pyarrow") to read every CSV (frames dropped as they come)."""
    import pandas as pd

    started = time.perf_counter()
    for path in files:
        frame = pd.read_csv(path, engine="pyarrow")
        del frame
    return time.perf_counter() - started


def _child(cmd: list[str], env: dict | None = None, quiet: bool = False) -> tuple[float, int, int, str, float]:
    """Run `cmd`: (wall seconds, peak RSS in MB, exit code, stdout, CPU seconds user + system).

    CPU seconds are the child's own plus those of the children it waited for; on a machine
    shared with other work they move less than wall time does.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None, text=True,
                            env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - started, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), out,
            usage.ru_utime + usage.ru_stime)


def _step(step: str, files: list[Path], work: Path) -> tuple[float, int, float]:
    """A floor in its own cold process: (seconds of the read, peak RSS MB, CPU seconds of the read)."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--step", step, "--work", str(work), *map(str, files)]
    _, rss, code, out, _ = _child(cmd)
    if code != 0:
        raise SystemExit(f"error: the {step} floor failed (exit code {code})")
    report = json.loads(out.strip().splitlines()[-1])
    return report["seconds"], rss, report["cpu_s"]


# One size ---------------------------------------------------------------------------------


def _config(work: Path, memory_limit: str | None = None) -> Path:
    """A config file whose paths all point into `work` (nothing lands in the current folder).

    `memory_limit` sets [warehouse] memory_limit (None keeps the shipped default)."""
    path = work / "bench.toml"
    paths = {k: str(work / v) for k, v in [("inbox", "inbox"), ("db", "warehouse.duckdb"), ("archive", "archive"),
                                            ("rejected", "rejected"), ("reports", "reports")]}
    text = "[paths]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in paths.items())
    if memory_limit is not None:
        text += f"[warehouse]\nmemory_limit = {json.dumps(memory_limit)}\n"
    path.write_text(text, encoding="utf-8")
    return path


def _fresh_run_folder(work: Path, source: Path) -> list[Path]:
    for name in ("inbox", "archive", "rejected", "reports"):
        shutil.rmtree(work / name, ignore_errors=True)
    for suffix in ("", ".wal"):
        Path(f"{work / 'warehouse.duckdb'}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(work / "warehouse.duckdb.tmp", ignore_errors=True)
    (work / "inbox").mkdir(mode=0o700)
    linked = []
    for path in sorted(source.iterdir()):
        os.link(path, work / "inbox" / path.name)  # the run removes its inbox copies; the source stays
        linked.append(work / "inbox" / path.name)
    return linked


def _last_run(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        run_id, outcome, counts, report_dir = con.execute(
            "select run_id, outcome, counts, report_dir from pipeline_runs order by started_at desc limit 1").fetchone()
    finally:
        con.close()
    counts = json.loads(counts) if isinstance(counts, str) else (counts or {})
    return {"run_id": run_id, "outcome": outcome, "counts": counts, "report_dir": report_dir}


def _folder_size(path: Path) -> tuple[int, int]:
    total = count = 0
    for root, _, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(root, name)).st_size
            count += 1
    return total, count


def _check(db: Path, run_id: str, source: Path, engineers: int, seed: int) -> dict:
    """The run's readiness table against both references (benchmarks/reference.py)."""
    import duckdb

    from benchmarks.reference import scoring_mismatches, story_mismatches
    from transforms.config import DEFAULT_RUBRIC
    from demo.generate import generate_demo

    # The stories are part of the manifest; regenerating into a scratch folder is deterministic.
    scratch = source.parent / "manifest-scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    manifest = generate_demo(scratch, engineers=engineers, seed=seed)
    shutil.rmtree(scratch, ignore_errors=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        compared, scoring = scoring_mismatches(con, run_id, DEFAULT_RUBRIC)
        stories = story_mismatches(con, run_id, manifest.stories)
    finally:
        con.close()
    return {"engineers_compared": compared, "scoring_mismatches": scoring, "story_mismatches": stories,
            "stories": len(manifest.stories)}


def bench_size(engineers: int, seed: int, out: Path, check: bool, memory_limit: str | None = None) -> dict:
    """Every figure of one size."""
    work = out / f"engineers-{engineers}"
    source = work / "exports"
    figures: dict = {"engineers": engineers, "seed": seed, "memory_limit": memory_limit}
    if not (source / ".complete").exists():
        shutil.rmtree(source, ignore_errors=True)
        seconds, _, code, _, _ = _child([sys.executable, "-m", "demo", "--out", str(source),
                                      "--engineers", str(engineers), "--seed", str(seed)], quiet=True)
        if code != 0:
            raise SystemExit(f"error: generating the {engineers:,}-engineer demo org failed (exit code {code})")
        (source / ".complete").touch()
        figures["generate_s"] = round(seconds, 2)
    csvs = sorted(p for p in source.iterdir() if p.suffix == ".csv")
    others = sorted(p.name for p in source.iterdir() if p.suffix not in (".csv", "") and p.name != ".complete")
    figures["input_files"] = len(csvs) + len(others)
    figures["input_bytes"] = sum(p.stat().st_size for p in csvs)
    if others:
        figures["floors_exclude"] = others  # the floors read CSVs only; the run reads every file
    for floor in ("duckdb", "pandas"):
        secs, rss, cpu = _step(floor, csvs, work)
        figures[f"{floor}_floor_s"], figures[f"{floor}_floor_rss_mb"] = round(secs, 2), rss
        figures[f"{floor}_floor_cpu_s"] = round(cpu, 2)

    config = _config(work, memory_limit)
    _fresh_run_folder(work, source)
    cli = [sys.executable, "-m", "ops.cli", "run", "--config", str(config)]
    env = {**os.environ, "NO_COLOR": "1"}
    seconds, rss, code, _, cpu = _child(cli, env=env)
    run = _last_run(work / "warehouse.duckdb")
    if code != 0 or run["outcome"] != "completed":
        raise SystemExit(f"error: readiness run failed at {engineers:,} engineers (exit code {code}, {run['outcome']})")
    stage = run["counts"].get("stage_seconds", {})
    figures.update(run_id=run["run_id"], total_s=round(seconds, 2), cpu_s=round(cpu, 2), peak_rss_mb=rss,
                   stage_s={k: round(stage[k], 2) for k in STAGES if k in stage})
    # Start-up: what the run spends outside its stages (interpreter, imports, Prefect's local server).
    figures["startup_s"] = round(seconds - sum(stage.get(k, 0.0) for k in STAGES), 2)
    figures["report_bytes"], figures["report_files"] = _folder_size(Path(run["report_dir"]))
    figures["total_per_duckdb_floor"] = round(seconds / figures["duckdb_floor_s"], 2)
    figures["total_per_pandas_floor"] = round(seconds / figures["pandas_floor_s"], 2)
    # The same ratio in CPU seconds: less moved by other work on a shared machine.
    figures["cpu_per_duckdb_floor_cpu"] = round(cpu / figures["duckdb_floor_cpu_s"], 2)
    figures["report_bytes_per_engineer"] = round(figures["report_bytes"] / engineers)

    seconds, rss, code, _, _ = _child(cli, env=env)
    rerun = _last_run(work / "warehouse.duckdb")
    work_s = sum(rerun["counts"].get("stage_seconds", {}).values())
    figures.update(rerun_s=round(seconds, 2), rerun_work_s=round(work_s, 2), rerun_startup_s=round(seconds - work_s, 2),
                   rerun_rss_mb=rss, rerun_exit=code, rerun_outcome=rerun["outcome"])
    # Nothing new: the rerun's own work against the full run's (the goal: at most 5 %).
    figures["rerun_work_share"] = round(work_s / seconds, 4) if seconds else None
    if check:
        figures["check"] = _check(work / "warehouse.duckdb", run["run_id"], source, engineers, seed)
    return figures


# Output -----------------------------------------------------------------------------------


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f}"


def print_table(rows: list[dict]) -> None:
    head = (f"{'engineers':>10} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'start-up':>8} {'total s':>8} "
            f"{'CPU s':>7} {'RSS MB':>7} {'report MB':>10} {'files':>7} {'duckdb s':>8} {'pandas s':>8} "
            f"{'x duckdb':>8} {'x pandas':>8} {'rerun s':>8} {'(work)':>7}")
    print(head)
    for r in rows:
        stages = " ".join(f"{r['stage_s'].get(s, float('nan')):8.1f}" for s in STAGES)
        print(f"{r['engineers']:>10,} {stages} {r['startup_s']:8.1f} {r['total_s']:8.1f} {r['cpu_s']:7.1f} "
              f"{r['peak_rss_mb']:7,} {_mb(r['report_bytes']):>10} {r['report_files']:7,} {r['duckdb_floor_s']:8.1f} "
              f"{r['pandas_floor_s']:8.1f} {r['total_per_duckdb_floor']:8.1f} {r['total_per_pandas_floor']:8.1f} "
              f"{r['rerun_s']:8.1f} {r['rerun_work_s']:7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated engineer counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"), help="work folder (git-ignored)")
    parser.add_argument("--memory-limit", help="[warehouse] memory_limit for the runs, e.g. 2GB (default: the shipped config's)")
    parser.add_argument("--check", action="store_true", help="compare each run with the reference; exit 1 on a difference")
    parser.add_argument("--step", choices=["duckdb", "pandas"], help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        cpu = time.process_time()
        seconds = duckdb_floor(args.files, args.work / "floor.duckdb") if args.step == "duckdb" else pandas_floor(args.files)
        print(json.dumps({"seconds": seconds, "cpu_s": time.process_time() - cpu}))
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"error: --sizes {args.sizes!r} is not a list of whole numbers; e.g. --sizes 10000,100000", file=sys.stderr)
        return 2
    from transforms.files import private_dir

    private_dir(args.out)
    rows, failed = [], False
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for engineers in sizes:
        print(f"benchmark: {engineers:,} engineers, seed {args.seed} ...", flush=True)
        figures = bench_size(engineers, args.seed, args.out, args.check, args.memory_limit)
        rows.append(figures)
        if "check" in figures:
            c = figures["check"]
            bad = c["scoring_mismatches"] + c["story_mismatches"]
            failed |= bool(bad)
            print(f"reference: {c['engineers_compared']:,} engineers recomputed, {c['stories']} stories: "
                  + ("identical" if not bad else f"{len(bad)} DIFFERENCES"))
            for line in bad[:20]:
                print(f"  {line}")
    (args.out / f"bench-{stamp}.json").write_text(json.dumps({"runs": rows}, indent=2) + "\n", encoding="utf-8")
    print_table(rows)
    print(f"figures: {args.out / f'bench-{stamp}.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
