"""The run record: one row per pipeline run in `pipeline_runs`, and the run's as-of date."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict
from datetime import date, datetime, timezone

import duckdb


class NothingServed(RuntimeError):
    """The run has no good people snapshot to serve: it fails and reports/latest stays where it was."""

    def __init__(self, message: str, reasons: tuple[str, ...] = ()):
        super().__init__(message)
        self.reasons = tuple(reasons)


class NothingToScore(NothingServed):
    """No roster has been loaded, so there is no as-of date to score at."""


def served_snapshot(validation) -> date:
    """The people snapshot this run serves; NothingServed with the validation's reasons when there is none."""
    if validation.snapshot_as_of is not None:
        return validation.snapshot_as_of
    reasons = (*validation.gate_failures, *validation.notes)
    raise NothingServed(
        f"no good people snapshot to serve as of {validation.as_of}: nothing was scored and no report "
        "was written; fix the roster (reasons above) and run again",
        reasons,
    )


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: UTC timestamp plus a short random suffix."""
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def resolve_as_of(con: duckdb.DuckDBPyConnection, requested: date | None) -> date:
    """The run's as-of date: the one asked for, else the newest loaded people snapshot."""
    if requested is not None:
        return requested
    (row,) = con.execute(
        "select max(snapshot_as_of) from ingest_files where kind = 'people'"
    ).fetchall()
    if row[0] is None:
        raise NothingToScore(
            "no people roster has been loaded yet: drop a people_<date>.csv export into the inbox "
            "(or pass --as-of together with a roster file)"
        )
    return row[0]


ABANDONED = "ended before it finished (the process was killed or crashed); a later run took over"


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, trigger: str, started_at: datetime) -> None:
    """Record that a run has started (outcome 'running').

    The caller is the warehouse's only writer, so an earlier run still 'running', or
    'completed' without its report folder, was killed: it is marked failed, not left pending.
    """
    con.execute(
        "update pipeline_runs set outcome = 'failed', error = ? "
        "where outcome = 'running' or (outcome = 'completed' and report_dir is null)",
        [ABANDONED],
    )
    con.execute(
        "insert into pipeline_runs (run_id, trigger, started_at, outcome) values (?, ?, ?, 'running')",
        [run_id, trigger, started_at],
    )


def record_inputs(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    as_of: date | None = None,
    snapshot_as_of: date | None = None,
    rubric=None,
) -> None:
    """Put what the run read on its record: as-of dates, the ledger's file hashes, the rubric.

    The run stays open ('running'): its reports name these before finish_run completes it.
    """
    hashes = [r[0] for r in con.execute("select file_sha256 from ingest_files order by loaded_at, file_sha256").fetchall()]
    con.execute(
        "update pipeline_runs set as_of = ?, snapshot_as_of = ?, input_hashes = ?, rubric_name = ?, "
        "rubric_version = ?, rubric_sha256 = ? where run_id = ?",
        [as_of, snapshot_as_of, hashes, getattr(rubric, "name", None), getattr(rubric, "version", None),
         getattr(rubric, "sha256", None), run_id],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    outcome: str,
    finished_at: datetime,
    as_of: date | None = None,
    snapshot_as_of: date | None = None,
    rubric=None,
    counts: dict | None = None,
    report_dir: str | None = None,
    error: str | None = None,
) -> None:
    """Complete the run record: outcome, duration, inputs read, rubric, counts, report folder.

    A pipeline run is 'completed' only here, after its reports are written (report_dir).
    """
    record_inputs(con, run_id, as_of=as_of, snapshot_as_of=snapshot_as_of, rubric=rubric)
    con.execute(
        """
        update pipeline_runs set
            finished_at = ?,
            duration_s = date_diff('millisecond', started_at, ?::timestamp) / 1000.0,
            outcome = ?, error = ?, counts = ?, report_dir = ?
        where run_id = ?
        """,
        [finished_at, finished_at, outcome, error, json.dumps(counts or {}, default=str), report_dir, run_id],
    )


# Settings that cannot change a run's results or reports: where exports come from and go
# once loaded, the schedule, DuckDB's resource limits, which file they were read from.
_FINGERPRINT_IGNORES = ("as_of", "calendar", "warehouse", "config_file", "inbox", "archive", "rejected")


def settings_fingerprint(settings) -> str:
    """sha256 of the settings a run's results depend on (stored in the run's counts)."""
    kept = {k: v for k, v in asdict(settings).items() if k not in _FINGERPRINT_IGNORES}
    kept["report"] = {k: v for k, v in kept["report"].items() if k != "processes"}  # how many cores render
    return hashlib.sha256(json.dumps(kept, sort_keys=True, default=str).encode()).hexdigest()


def unchanged_since(con: duckdb.DuckDBPyConnection, as_of: date, rubric_sha256: str, fingerprint: str
                    ) -> tuple[str, str] | None:
    """(run_id, report_dir) of the newest finished run when it read the same loaded files at the same
    as-of date with the same rubric and settings: its reports are still this run's. Else None."""
    row = con.execute(
        """with newest as (
               select * from pipeline_runs where outcome in ('completed', 'unchanged') and report_dir is not null
               order by started_at desc, run_id desc limit 1
           )
           select run_id, report_dir from newest
           where as_of = ? and rubric_sha256 = ? and json_extract_string(counts, '$.settings_sha256') = ?
             and input_hashes = (select coalesce(list(file_sha256 order by loaded_at, file_sha256), [])
                                 from ingest_files)""",
        [as_of, rubric_sha256, fingerprint],
    ).fetchone()
    return (row[0], row[1]) if row else None
