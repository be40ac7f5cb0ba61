"""One writer per warehouse: a second command waits for the first, or says who holds it."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from tests.conftest import copy_fixture_org
from tests.ops.conftest import wait_for
from transforms.warehouse_lock import WarehouseBusy, holder, lock_path, warehouse_lock

# Holds the lock of the warehouse named in argv[1] until stdin closes.
HOLD = (
    "import sys\n"
    "from transforms.warehouse_lock import warehouse_lock\n"
    "with warehouse_lock(sys.argv[1], 0):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


def test_busy_warehouse_names_the_holder_after_the_timeout(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "held\n"
        waits = []
        with pytest.raises(WarehouseBusy) as busy:
            with warehouse_lock(db, 0.5, on_wait=waits.append, poll_s=0.05):
                pass
        assert f"in use by pid {other.pid} (" in str(busy.value)
        assert "waited 0.5 s" in str(busy.value)
        assert len(waits) == 1 and f"pid {other.pid}" in waits[0]
    finally:
        other.stdin.close()
        other.wait(10)
    # the holder ended: the lock is free at once, and re-entrant within this process
    with warehouse_lock(db, 0):
        assert holder(db)["pid"] != other.pid
        with warehouse_lock(db, 0):
            pass
    assert lock_path(db).stat().st_mode & 0o777 == 0o600


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_two_runs_on_one_warehouse_run_one_after_the_other(tmp_path, spawn_cli):
    inbox, db, reports = tmp_path / "inbox", tmp_path / "w" / "warehouse.duckdb", tmp_path / "reports"
    inbox.mkdir()
    copy_fixture_org(inbox)
    no_wait = tmp_path / "no-wait.toml"
    no_wait.write_text("[warehouse]\nlock_timeout_seconds = 0\n")
    common = ["--inbox", inbox, "--db", db, "--reports", reports]

    first = spawn_cli(["run", *common], tmp_path, tmp_path / "first.log")
    wait_for(lambda: lock_path(db).exists() and holder(db).get("pid") == first.pid, 120, "the first run to hold the lock")
    impatient = spawn_cli(["run", *common, "--config", no_wait], tmp_path, tmp_path / "impatient.log")
    patient = spawn_cli(["run", *common], tmp_path, tmp_path / "patient.log")

    # the impatient one stops at once with one line naming the first run; no traceback
    assert impatient.wait(120) == 3  # ExitCode.BUSY
    said = impatient.log.read_text()
    assert "Traceback" not in said and "IOException" not in said
    (line,) = [ln for ln in said.splitlines() if ln.strip()]
    assert line.startswith("error: the warehouse ") and f"in use by pid {first.pid} (" in line

    # the patient one waits for the first, then runs: both succeed
    assert first.wait(400) == 0, first.log.read_text()
    assert patient.wait(400) == 0, patient.log.read_text()
    assert "is in use by pid" in patient.log.read_text()  # it said why it waited

    # the state of two runs one after the other: every file loaded once (by the first),
    # the second finding nothing new (recorded 'unchanged', the first run's reports kept)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*), count(distinct file_sha256) from ingest_files").fetchone() == (5, 5)
        assert con.execute("select outcome from pipeline_runs order by started_at").fetchall() == [
            ("completed",), ("unchanged",)]
        assert con.execute("select sum(rows_loaded) from ingest_files").fetchone() == (84,)  # 17+12+23+21+11 fixture rows
    finally:
        con.close()
    assert "0 loaded (0 rows)" in patient.log.read_text()
