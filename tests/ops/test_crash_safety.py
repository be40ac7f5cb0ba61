"""Crash safety: SIGKILL a run at 30 points spread over ingest, validation, scoring, reports
and the closing checkpoint, re-run after each kill, and end where one clean run ends.

Each kill is a real SIGKILL of a real run process (transforms.crashpoints, armed through
tests/ops/crash_driver.py), on the fixture org plus one unreadable file. After every kill
the warehouse must hold no half-loaded file; after the final run every table equals, row
for row, the tables of one clean run on the same files (apart from tests.ops.conftest.
VOLATILE_COLUMNS), the ledger holds each file once and reports/latest is a complete run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import copy_fixture_org
from tests.ops.conftest import cli_env, warehouse_rows
from transforms.config import PROJECT_ROOT
from transforms.contract import KINDS

pytestmark = [pytest.mark.slow, pytest.mark.prefect, pytest.mark.timeout(900)]

LOADABLE_FILES = 5  # the fixture org's five exports
# per file, in load order: after parsing, mid-insert (rows written, transaction open),
# between data and ledger (archived, ledger row not yet written), after the commit
INGEST_POINTS = ["ingest.parsed#1", "ingest.rows_inserted#1", "ingest.archived#1", "ingest.committed#1"]
RUN_POINTS = [
    "ingest.rejected#1",        # the unreadable file: moved aside, not yet recorded
    "run.ingested+1.0",         # a second into validation (GX)
    "run.validated",
    "run.validated+0.3",        # inside model and score
    "run.scored",
    "run.reporting",            # inputs on the run record, still 'running', no reports yet
    # Before the timed kills below: on a quiet machine a timed kill can land after the run
    # has finished, and the next run then has nothing new and never reaches this point.
    "run.reported",             # reports written, the run not yet completed on its record
    "run.reporting+0.05",       # inside report writing
    "run.reporting+0.2",
    "run.closing",              # before the closing checkpoint
    "run.closing+0.02",         # during it
]
CHAIN = INGEST_POINTS * LOADABLE_FILES + RUN_POINTS


class Driver:
    """The forking run driver: one job per call, answers how the run ended."""

    def __init__(self, env: dict, log: Path):
        self.proc = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "tests" / "ops" / "crash_driver.py")], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(log, "wb"), text=True,
        )
        assert "ready" in json.loads(self.proc.stdout.readline())

    def run(self, root: Path, crash: str | None) -> dict:
        job = {"settings": layout(root), "crash": crash, "log": str(root / "runs.log")}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(30)


def layout(root: Path) -> dict:
    return {"inbox": str(root / "inbox"), "db": str(root / "warehouse.duckdb"), "reports": str(root / "reports")}


def workspace(root: Path) -> Path:
    (root / "inbox").mkdir(parents=True)
    copy_fixture_org(root / "inbox")
    (root / "inbox" / "notes_2026.csv").write_text("topic,notes\nq3,see wiki\n")  # no known kind: rejected
    return root


def no_half_loaded_file(db: Path) -> None:
    """Every ledger file once, with exactly its rows; no row of a file outside the ledger."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) = count(distinct file_sha256) from ingest_files").fetchone() == (True,)
        assert con.execute("select count(*) = count(distinct original_name) from rejected_files").fetchone() == (True,)
        for kind in KINDS:
            bad = con.execute(
                f"""select r.file_sha256, count(*), any_value(i.rows_loaded) from raw_{kind} as r
                    left join ingest_files as i using (file_sha256)
                    group by r.file_sha256 having count(*) is distinct from any_value(i.rows_loaded)"""
            ).fetchall()
            assert bad == [], kind
    finally:
        con.close()


def test_thirty_kills_then_a_rerun_end_where_one_clean_run_ends(tmp_path, prefect_harness):
    from prefect.settings import PREFECT_API_URL

    driver = Driver(cli_env(PREFECT_API_URL=PREFECT_API_URL.value()), tmp_path / "driver.log")
    try:
        clean = workspace(tmp_path / "clean")
        assert driver.run(clean, None) == {"exit": 0}, (clean / "runs.log").read_text()

        crashed = workspace(tmp_path / "crashed")
        missed = []
        for point in CHAIN:
            if driver.run(crashed, point) != {"signal": 9}:
                missed.append(point)
            if (crashed / "warehouse.duckdb").exists():
                no_half_loaded_file(crashed / "warehouse.duckdb")
        assert driver.run(crashed, None) == {"exit": 0}, (crashed / "runs.log").read_text()[-3000:]
    finally:
        driver.close()

    assert len(CHAIN) == 31 and missed == []  # every point was reached and killed the run
    db = crashed / "warehouse.duckdb"
    assert warehouse_rows(db) == warehouse_rows(clean / "warehouse.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*), count(distinct file_sha256) from ingest_files").fetchone() == (5, 5)
        assert con.execute("select count(*) from rejected_files").fetchone() == (1,)
        (latest_run,) = con.execute(
            "select run_id from pipeline_runs where outcome = 'completed' order by started_at desc limit 1").fetchone()
        stale = con.execute(
            "select count(*) from pipeline_runs where outcome = 'running' or (outcome = 'completed' and report_dir is null)"
        ).fetchone()
        killed = con.execute("select count(*) from pipeline_runs where outcome = 'failed'").fetchone()
    finally:
        con.close()
    # every run killed before its record was complete is marked failed by the next one; the
    # two killed at run.closing had committed everything, reports included: they completed
    assert stale == (0,) and killed == (len(CHAIN) - 2,)
    latest = (crashed / "reports" / "latest").resolve()
    assert latest.name == latest_run and (latest / "index.html").is_file() and (latest / "readiness.csv").is_file()
    assert list((crashed / "inbox").iterdir()) == []
