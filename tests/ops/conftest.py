"""Helpers for run-level tests: real `readiness` processes on a hand-written org.

Every process is started by pid in its own session and killed at teardown when it is
still alive, even when the test fails. Prefect: the CLI starts its own local server,
unless the caller passes PREFECT_API_URL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transforms.config import PROJECT_ROOT


def cli_env(**extra: str) -> dict:
    """Environment of a child `readiness` process: quiet Prefect, no analytics, the project importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_LOGGING_LEVEL="WARNING", PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PYTHONPATH=str(PROJECT_ROOT),
    )
    env.update(extra)
    return env


@pytest.fixture
def spawn_cli():
    """Start `python -m ops.cli ARGS` with output to a log file; returns the Popen (log at .log)."""
    started: list[subprocess.Popen] = []

    def start(args: list[str], cwd: Path, log: Path, env: dict | None = None) -> subprocess.Popen:
        fh = open(log, "wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "ops.cli", *map(str, args)], cwd=cwd, env=env or cli_env(),
            stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        fh.close()
        proc.log = log
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(predicate, timeout_s: float, what: str):
    """Poll `predicate` until it returns something true; fail naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


# Columns that legitimately differ between two warehouses built from the same files:
# run ids, wall-clock times, where this machine put the files, what started the run,
# and the per-run file counts (a re-run after a crash finds some files already loaded).
VOLATILE_COLUMNS = {
    "run_id", "started_at", "finished_at", "duration_s", "loaded_at", "rejected_at",
    "report_dir", "archived_path", "moved_to", "trigger", "counts", "validated_at",
}
# Tables whose run_id names the run that last wrote a row (not one row set per run): kept
# whole, without the run id (a file validated by a killed run is not validated again).
ROW_OWNER_RUN_ID = {"validated_files"}


def warehouse_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without VOLATILE_COLUMNS; run-keyed tables: the latest completed run only."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        (latest,) = con.execute(
            "select run_id from pipeline_runs where outcome = 'completed' order by started_at desc limit 1"
        ).fetchone()
        out = {}
        for (table,) in con.execute("select table_name from information_schema.tables order by 1").fetchall():
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE_COLUMNS)
            where = "where run_id = $run" if "run_id" in columns and table not in ROW_OWNER_RUN_ID else ""
            rows = con.execute(f'select {kept} from "{table}" {where}', {"run": latest} if where else {}).fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()
