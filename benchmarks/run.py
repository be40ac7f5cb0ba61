"""Benchmark: generate the demo org, then time each pipeline stage that exists.

    python -m benchmarks.run [--engineers 1000000] [--seed 7] [--out benchmarks/out]

Each stage runs in its own child process (state lives in the DuckDB file between them),
so the peak RSS printed per stage is that stage's own, read from the child's rusage.
Stages that are not built yet are skipped with a message.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path

# stage -> (module, function)
STAGES = {
    "generate": ("transforms.demo", "generate_demo"),
    "ingest": ("transforms.ingest", "ingest_inbox"),
    "validate": ("transforms.validate", "validate"),
    "model": ("transforms.model", "build_model"),
    "score": ("transforms.score", "score"),
}


def _settings(work: Path):
    from transforms.config import load_settings

    return load_settings().with_overrides(
        inbox=work / "inbox", db=work / "warehouse.duckdb", archive=work / "archive",
        rejected=work / "rejected", reports=work / "reports",
    )


def _call(fn, available: dict):
    """Call `fn` with the arguments it names, taken from `available`."""
    params = inspect.signature(fn).parameters
    missing = [n for n, p in params.items() if n not in available and p.default is p.empty]
    if missing:
        raise TypeError(f"{fn.__module__}.{fn.__name__} needs {missing}, which the benchmark cannot supply")
    return fn(**{n: available[n] for n in params if n in available})


def _rows(stage: str, result, con) -> int | None:
    """Rows the stage produced, from its result or its tables."""
    if stage == "ingest":
        return sum(getattr(f, "rows_loaded", 0) for f in result)
    if stage == "validate" and hasattr(result, "rows_clean"):
        return sum(result.rows_clean.values()) + result.quarantined_total
    if stage == "score" and hasattr(result, "employees"):
        return result.employees
    if stage == "model":
        try:
            return con.execute("select count(*) from roster").fetchone()[0]
        except Exception:  # noqa: BLE001 - the model may name its tables differently
            return None
    return None


def run_stage(stage: str, work: Path, engineers: int, seed: int, run_id: str) -> dict:
    """In the child: run one stage and say how many rows it handled."""
    module, name = STAGES[stage]
    try:
        fn = getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return {"skipped": f"{module}.{name} is not built yet"}
    if stage == "generate":
        manifest = fn(work / "inbox", engineers=engineers, seed=seed)
        return {"rows": sum(f.rows for f in manifest.files), "as_of": manifest.as_of.isoformat()}
    from transforms import warehouse
    from transforms.rubric import load_rubric
    from transforms.runs import resolve_as_of

    settings = _settings(work)
    con = warehouse.connect(settings.db, limits=settings.warehouse)
    try:
        available = {"con": con, "settings": settings, "run_id": run_id, "rubric": load_rubric(settings.rubric)}
        if stage != "ingest":
            available["as_of"] = resolve_as_of(con, None)
        if stage == "validate":
            from transforms.runs import start_run

            start_run(con, run_id, "benchmark", datetime.now(timezone.utc))
        result = _call(fn, available)
        return {"rows": _rows(stage, result, con)}
    finally:
        con.close()


def _child(stage: str, args, work: Path, run_id: str) -> tuple[float, int, dict]:
    """Run a stage in a child process: (wall seconds, peak RSS in MB, its report)."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--stage", stage, "--work", str(work),
           "--engineers", str(args.engineers), "--seed", str(args.seed), "--run-id", run_id]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    lines = [line for line in out.splitlines() if line.startswith("{")]
    report = json.loads(lines[-1]) if lines and proc.returncode == 0 else {"failed": f"exit code {proc.returncode}"}
    return seconds, usage.ru_maxrss // 1024, report  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--engineers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"), help="work folder (git-ignored)")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset, in order")
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run-id", default="benchmark", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.stage:
        print(json.dumps(run_stage(args.stage, args.work, args.engineers, args.seed, args.run_id)))
        return 0

    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        print(f"error: unknown stage(s) {unknown}; choose from {', '.join(STAGES)}", file=sys.stderr)
        return 2
    work = args.out / f"engineers-{args.engineers}"
    if "generate" in stages and work.exists():
        shutil.rmtree(work)  # a fresh warehouse for a fresh org
    from transforms.files import private_dir

    private_dir(work)
    run_id = datetime.now(timezone.utc).strftime("bench-%Y%m%dT%H%M%SZ")
    print(f"benchmark: {args.engineers:,} engineers, seed {args.seed}, work folder {work}")
    print(f"{'stage':10} {'wall s':>9} {'peak RSS MB':>12} {'rows':>14}  note")
    failed = False
    for stage in stages:
        seconds, rss, report = _child(stage, args, work, run_id)
        rows = report.get("rows")
        note = report.get("skipped") or report.get("failed") or ""
        failed |= "failed" in report
        print(f"{stage:10} {seconds:9.1f} {rss:12,} {rows if rows is not None else '-':>14}  {note}", flush=True)
        if "failed" in report:
            break
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
