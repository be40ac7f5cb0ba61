"""Benchmark of the report stage on a scored warehouse, e.g. the one benchmarks/run.py leaves.

    python -m benchmarks.run --engineers 1000000 --out /tmp/bench1m      # generate .. score
    python -m benchmarks.report_bench --db /tmp/bench1m/engineers-1000000/warehouse.duckdb

Renders the newest scored run's reports into a fresh folder (default: beside the warehouse)
and prints wall time, peak RSS, the number of files and their total bytes, plus the largest
page, so the bound on page size can be checked at any org size.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path


def newest_scored_run(con) -> str | None:
    """The run id with readiness rows that started last."""
    row = con.execute(
        """select r.run_id from (select distinct run_id from readiness) as r
           left join pipeline_runs as p using (run_id)
           order by p.started_at desc nulls last, r.run_id desc limit 1"""
    ).fetchone()
    return row[0] if row else None


def main(argv: list[str] | None = None) -> int:
    from transforms.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a warehouse with a scored run")
    parser.add_argument("--out", type=Path, help="reports folder to render into (replaced); default: beside the warehouse")
    parser.add_argument("--run-id", help="default: the newest scored run")
    parser.add_argument("--max-people-per-page", type=int, default=load_settings().report.max_people_per_page)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"error: {args.db}: no such warehouse; run `python -m benchmarks.run --out DIR` first", file=sys.stderr)
        return 2

    from transforms import warehouse
    from transforms.report import write_reports
    from transforms.rubric import load_rubric

    out = args.out or args.db.parent / "reports-bench"
    shutil.rmtree(out, ignore_errors=True)
    con = warehouse.connect(args.db, limits=load_settings().warehouse)  # [warehouse] memory_limit etc., as a run has
    try:
        run_id = args.run_id or newest_scored_run(con)
        if run_id is None:
            print(f"error: {args.db}: no scored run; run the score stage first", file=sys.stderr)
            return 2
        engineers = con.execute("select count(*) from readiness where run_id = ?", [run_id]).fetchone()[0]
        rubric = load_rubric(load_settings().rubric)
        started, cpu_started = time.perf_counter(), time.process_time()
        limits = replace(load_settings().report, max_people_per_page=args.max_people_per_page)
        run_dir = write_reports(con, run_id, out, rubric, limits=limits)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        con.close()
    files = [p for p in run_dir.rglob("*") if p.is_file()]
    sizes = sorted(((p.stat().st_size, p.relative_to(run_dir)) for p in files), reverse=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # KiB on Linux
    print(f"report stage: run {run_id}, {engineers:,} engineers, max_people_per_page {args.max_people_per_page}")
    print(f"wall {seconds:.1f} s · CPU {cpu_seconds:.1f} s (DuckDB threads included) · peak RSS {rss_mb:,} MB · {len(files):,} files · {sum(s for s, _ in sizes):,} bytes")
    manager_pages = [(s, p) for s, p in sizes if p.parts[0] == "managers"]
    if manager_pages:
        print(f"largest manager page: {manager_pages[0][1]} {manager_pages[0][0]:,} bytes; "
              f"mean {sum(s for s, _ in manager_pages) // len(manager_pages):,} bytes over {len(manager_pages):,} pages")
    for size, rel in sizes[:6]:
        print(f"  {size:>14,}  {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
