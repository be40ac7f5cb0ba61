"""`unchanged_since`: when the newest finished run's reports still hold, one named case per situation.

Each case writes the run record by hand: the newest run read files A and B at 2026-10-31
with rubric R1 and settings S1, and wrote reports/runs/r2.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from transforms.runs import settings_fingerprint, unchanged_since
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)


@pytest.fixture
def con():
    con = connect(":memory:")
    for sha, minute in (("A", 1), ("B", 2)):
        con.execute("insert into ingest_files values (?, 'people', ?, ?, 'csv', null, null, 1, 1, 0, [], ?)",
                    [sha, f"{sha}.csv", f"archive/{sha}.csv", datetime(2026, 11, 1, 9, minute)])
    runs = [  # (run_id, started minute, outcome, as_of, inputs, rubric, settings, report_dir)
        ("r1", 1, "completed", date(2026, 4, 30), ["A"], "R1", "S1", "reports/runs/r1"),
        ("r2", 2, "completed", AS_OF, ["A", "B"], "R1", "S1", "reports/runs/r2"),
    ]
    for run_id, minute, outcome, as_of, inputs, rubric, fingerprint, report_dir in runs:
        con.execute("insert into pipeline_runs (run_id, trigger, started_at, outcome, as_of, input_hashes, "
                    "rubric_sha256, counts, report_dir) values (?, 'cli', ?, ?, ?, ?, ?, ?, ?)",
                    [run_id, datetime(2026, 11, 1, 10, minute), outcome, as_of, inputs, rubric,
                     json.dumps({"settings_sha256": fingerprint}), report_dir])
    yield con
    con.close()


def test_nothing_new(con):
    assert unchanged_since(con, AS_OF, "R1", "S1") == ("r2", "reports/runs/r2")


def test_new_file_loaded_since(con):
    con.execute("insert into ingest_files values ('C', 'skills', 'C.csv', 'archive/C.csv', 'csv', null, null, 1, 1, 0, "
                "[], '2026-11-01 11:00')")
    assert unchanged_since(con, AS_OF, "R1", "S1") is None


def test_other_as_of_date(con):
    # r1 was scored at 2026-04-30, but it is not the newest run: latest shows r2's reports
    assert unchanged_since(con, date(2026, 4, 30), "R1", "S1") is None


def test_rubric_or_settings_changed(con):
    assert unchanged_since(con, AS_OF, "R2", "S1") is None
    assert unchanged_since(con, AS_OF, "R1", "S2") is None


def test_newest_run_failed(con):
    con.execute("insert into pipeline_runs (run_id, trigger, started_at, outcome, as_of, input_hashes, rubric_sha256, "
                "counts) values ('r3', 'cli', '2026-11-01 10:03', 'failed', ?, ['A', 'B'], 'R1', '{}')", [AS_OF])
    # a failed run writes no reports: the newest finished run, r2, still holds
    assert unchanged_since(con, AS_OF, "R1", "S1") == ("r2", "reports/runs/r2")


def test_fingerprint_ignores_the_schedule_and_the_limits(tmp_path):
    from dataclasses import replace

    from transforms.config import WarehouseLimits, load_settings

    base = load_settings()
    assert settings_fingerprint(replace(base, warehouse=WarehouseLimits(memory_limit="8GB"))) == settings_fingerprint(base)
    assert settings_fingerprint(replace(base, max_bad_row_share=0.5)) != settings_fingerprint(base)
