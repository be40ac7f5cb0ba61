"""The run record's life: 'running' while reports are written, 'completed' only with its report folder.

One named case per situation; pipeline_runs in memory, no orchestrator.
"""

from __future__ import annotations

from datetime import date, datetime

from transforms.runs import ABANDONED, finish_run, record_inputs, start_run
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)


def record(con, run_id):
    return con.execute("select outcome, error, as_of, report_dir from pipeline_runs where run_id = ?", [run_id]).fetchone()


def test_inputs_recorded_while_reporting_leave_the_run_open():
    con = connect(":memory:")
    start_run(con, "r1", "cli", datetime(2026, 11, 1, 10, 0))
    record_inputs(con, "r1", as_of=AS_OF, snapshot_as_of=AS_OF)
    # the reports read as_of from the record; the run is not finished until they are written
    assert record(con, "r1") == ("running", None, AS_OF, None)


def test_a_run_killed_while_reporting_is_failed_by_the_next():
    con = connect(":memory:")
    start_run(con, "r1", "cli", datetime(2026, 11, 1, 10, 0))
    record_inputs(con, "r1", as_of=AS_OF, snapshot_as_of=AS_OF)
    start_run(con, "r2", "cli", datetime(2026, 11, 1, 10, 5))  # r1 never reached finish_run
    assert record(con, "r1") == ("failed", ABANDONED, AS_OF, None)


def test_a_finished_run_is_completed_with_its_report_folder():
    con = connect(":memory:")
    start_run(con, "r1", "cli", datetime(2026, 11, 1, 10, 0))
    finish_run(con, "r1", outcome="completed", finished_at=datetime(2026, 11, 1, 10, 2), as_of=AS_OF,
               snapshot_as_of=AS_OF, report_dir="reports/runs/r1")
    start_run(con, "r2", "cli", datetime(2026, 11, 1, 10, 5))  # a complete run stays completed
    assert record(con, "r1") == ("completed", None, AS_OF, "reports/runs/r1")
    # 10:00 to 10:02
    assert con.execute("select duration_s from pipeline_runs where run_id = 'r1'").fetchone() == (120.0,)
