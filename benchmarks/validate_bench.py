"""Benchmark of validate(): wall time and peak RSS on the demo org, beside the same checks in DuckDB SQL only.

    python -m benchmarks.validate_bench [--engineers 1000000] [--seed 7] [--out benchmarks/out]
                                        [--warehouse FILE] [--profile]

The warehouse is the demo org (`python -m demo`) ingested into a fresh DuckDB
file under --out, made once and reused by later runs; --warehouse copies an already
ingested one instead (the copy is written to, the original is not). Then, each in its own
child process so the peak RSS is that step's own:

  validate   transforms.validate.validate(), as the pipeline runs it (GX on pandas chunks),
             every file typed and checked (what an earlier run validated is forgotten)
  sql-only   the same validate() with the GX row checks replaced by one DuckDB query that
             evaluates every expectation as a SQL predicate; everything else (typing,
             relational checks, fates, records) is shared. Its quarantine must equal the
             validate run's, or the benchmark says so.

--profile runs validate under cProfile and prints the 25 costliest calls (cumulative).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# Child step -> run_id it writes (both runs live in the one warehouse, so they can be compared).
STEPS = {"validate": "bench-validate", "sql-only": "bench-sql-only"}


# The same checks in SQL ------------------------------------------------------------------


def _literal(value) -> str:
    from transforms.sql_files import sql_literal

    return ("true" if value else "false") if isinstance(value, bool) else (
        str(value) if isinstance(value, (int, float)) else sql_literal(value))


def failure_predicate(expectation: dict, params: dict) -> str:
    """SQL that is true when a row fails one GX expectation of the suite files (NULLs pass, as in GX)."""
    kw, kind = expectation["kwargs"], expectation["type"]
    c = f'"{kw["column"]}"' if "column" in kw else None
    if kind == "expect_column_values_to_not_be_null":
        return f"{c} is null"
    if kind == "expect_column_values_to_be_in_set":
        values = kw["value_set"]
        values = params[values["$PARAMETER"]] if isinstance(values, dict) else values
        if values == [True]:
            return f"{c} is not null and not {c}"
        return f"{c} is not null and {c} not in ({', '.join(_literal(v) for v in values)})"
    if kind == "expect_column_values_to_match_regex":
        return f"{c} is not null and not regexp_matches({c}, {_literal(kw['regex'])})"
    if kind == "expect_column_values_to_be_between":
        parts = ([f"{c} < {_literal(kw['min_value'])}"] if kw.get("min_value") is not None else []) + (
            [f"{c} > {_literal(kw['max_value'])}"] if kw.get("max_value") is not None else [])
        return f"{c} is not null and ({' or '.join(parts)})"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = f'"{kw["column_A"]}"', f'"{kw["column_B"]}"'
        op = ">=" if kw.get("or_equal") else ">"
        return f"{a} is not null and {b} is not null and not ({a} {op} {b})"
    raise ValueError(f"no SQL form for {kind}; add one to benchmarks/validate_bench.py")


def sql_check_rows(con, kind, suite: dict, params: dict, sha: str) -> None:
    """Drop-in for validation._check_rows: the row checks of one file as one SQL scan of typed_<kind>."""
    from transforms.validate.model_sql import gx_suite

    arms = [f"case when {failure_predicate(e, params)} then {_literal(e['meta']['check'])} end"
            for e in gx_suite(suite)["expectations"]]
    con.execute(f"""insert into check_failures
        select file_sha256, row_id, check_name from (
            select file_sha256, row_id, unnest(list_filter([{', '.join(arms)}], lambda x: x is not null)) as check_name
            from typed_{kind.name} where file_sha256 = ?)""", [sha])


# Steps (child processes) -----------------------------------------------------------------


def _settings(work: Path):
    from transforms.config import load_settings

    return load_settings().with_overrides(
        inbox=work / "inbox", db=work / "warehouse.duckdb", archive=work / "archive",
        rejected=work / "rejected", reports=work / "reports")


def run_step(step: str, work: Path, profile: bool) -> dict:
    """In the child: one step against the work warehouse; seconds are validate()'s own."""
    from transforms import warehouse

    settings = _settings(work)
    con = warehouse.connect(settings.db, limits=settings.warehouse)
    try:
        if step == "ingest":
            from transforms.ingest import ingest_inbox

            started = time.perf_counter()
            outcomes = ingest_inbox(con, settings)
            return {"seconds": time.perf_counter() - started, "rows": sum(o.rows_loaded for o in outcomes)}
        from transforms.rubric import load_rubric
        from transforms.runs import resolve_as_of
        from transforms.validate import validation

        rubric, as_of = load_rubric(settings.rubric), resolve_as_of(con, None)
        if step == "sql-only":
            validation._check_rows = sql_check_rows  # the one swap; the rest of validate() is shared
        # Both steps type and check every file: forget what an earlier step validated.
        from transforms.sql_files import sql_text

        con.execute(sql_text("transforms.validate", "sql/validation_tables"))
        con.execute("delete from validated_files")
        started = time.perf_counter()
        if profile and step == "validate":
            import cProfile
            import pstats

            prof = cProfile.Profile()
            summary = prof.runcall(validation.validate, con, rubric, settings, STEPS[step], as_of)
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        else:
            summary = validation.validate(con, rubric, settings, STEPS[step], as_of)
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "rows": sum(summary.rows_clean.values()) + summary.quarantined_total
                + sum(summary.rows_superseded.values()), "quarantined": summary.quarantined_total}
    finally:
        con.close()


def _child(step: str, work: Path, profile: bool) -> tuple[float, int, dict]:
    """(wall seconds of the child, its peak RSS in MB, its report)."""
    cmd = [sys.executable, "-m", "benchmarks.validate_bench", "--step", step, "--work", str(work)]
    if profile:
        cmd.append("--profile")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if os.waitstatus_to_exitcode(status) != 0 or not lines:
        raise SystemExit(f"error: step {step} failed (exit code {os.waitstatus_to_exitcode(status)}); see its output above")
    return seconds, usage.ru_maxrss // 1024, json.loads(lines[-1])  # ru_maxrss is in KiB on Linux


def _prepare(args, work: Path) -> None:
    """The ingested warehouse in `work`: copied from --warehouse, reused, or generated and ingested."""
    from transforms.files import make_private, private_dir

    private_dir(work)
    db = work / "warehouse.duckdb"
    if args.warehouse:
        shutil.copyfile(args.warehouse, db)
        make_private(db)
        print(f"warehouse copied from {args.warehouse}")
    elif db.exists():
        print(f"warehouse reused: {db}")
    else:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "demo", "--out", str(work / "inbox"),
                        "--engineers", str(args.engineers), "--seed", str(args.seed)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"demo org generated in {time.perf_counter() - started:.1f} s")
        _, rss, report = _child("ingest", work, False)
        print(f"ingested {report['rows']:,} rows in {report['seconds']:.1f} s (peak RSS {rss:,} MB)")


def _quarantine_matches(work: Path) -> bool:
    """True when both runs quarantined the same rows with the same checks."""
    import duckdb

    con = duckdb.connect(str(work / "warehouse.duckdb"), read_only=True)
    try:
        (diff,) = con.execute(
            """select count(*) from (
                 (select kind, row_id, checks from quarantine where run_id = ?
                  except all select kind, row_id, checks from quarantine where run_id = ?)
                 union all
                 (select kind, row_id, checks from quarantine where run_id = ?
                  except all select kind, row_id, checks from quarantine where run_id = ?))""",
            [STEPS["validate"], STEPS["sql-only"], STEPS["sql-only"], STEPS["validate"]]).fetchone()
        return diff == 0
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validate_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--engineers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"), help="work folder (git-ignored)")
    parser.add_argument("--warehouse", type=Path, help="an ingested warehouse to copy instead of generating one")
    parser.add_argument("--profile", action="store_true", help="cProfile validate() and print the top calls")
    parser.add_argument("--step", choices=["ingest", *STEPS], help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(run_step(args.step, args.work, args.profile)))
        return 0
    if args.warehouse and not args.warehouse.is_file():
        print(f"error: --warehouse {args.warehouse} is not a file; pass an ingested warehouse.duckdb", file=sys.stderr)
        return 2
    work = args.out / (f"validate-{args.warehouse.stem}" if args.warehouse else f"validate-{args.engineers}-{args.seed}")
    _prepare(args, work)
    print(f"{'step':10} {'validate s':>11} {'child s':>9} {'peak RSS MB':>12} {'rows':>14} {'quarantined':>12}")
    for step in STEPS:
        child_s, rss, report = _child(step, work, args.profile)
        print(f"{step:10} {report['seconds']:11.1f} {child_s:9.1f} {rss:12,} {report['rows']:14,} "
              f"{report['quarantined']:12,}", flush=True)
    print("same quarantine in both: " + ("yes" if _quarantine_matches(work) else "NO (a SQL predicate differs from GX)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
