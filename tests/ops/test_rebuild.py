"""`readiness rebuild`: the warehouse re-derived from the archive equals the live one."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import copy_fixture_org
from tests.ops.conftest import warehouse_rows
from transforms import rebuild

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def ledger_times(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select file_sha256, loaded_at from ingest_files order by all").fetchall()
    finally:
        con.close()


def test_a_corrupt_warehouse_is_rebuilt_from_the_archive_equal_to_the_live_one(prefect_harness, workspace):
    from flows.pipeline import readiness_pipeline
    from flows.rebuild import rebuild_flow

    copy_fixture_org(workspace.inbox)
    (workspace.inbox / "notes_2026.csv").write_text("topic,notes\nq3,see wiki\n")  # no known kind: rejected
    readiness_pipeline(workspace, trigger="test")
    live, live_times = warehouse_rows(workspace.db), ledger_times(workspace.db)

    # the database file is damaged: every page after the header overwritten
    with open(workspace.db, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad" * 200_000)
    with pytest.raises(duckdb.Error):
        duckdb.connect(str(workspace.db), read_only=True).execute("select count(*) from raw_people").fetchall()

    result, files, backup = rebuild_flow(workspace)
    assert files == 5 and result.outcome == "completed"
    # every table equal row for row, apart from tests.ops.conftest.VOLATILE_COLUMNS (run ids,
    # run times, report folder); the ledger even keeps the load times recorded in the archive
    assert warehouse_rows(workspace.db) == live
    assert ledger_times(workspace.db) == live_times
    assert backup == rebuild.backup_path(workspace.db) and backup.exists()  # the damaged file, kept
    assert (workspace.reports / "latest").resolve().name == result.run_id


def test_archived_files_come_back_in_load_order_with_their_names(tmp_path):
    from datetime import date, datetime

    archive = tmp_path / "archive"
    archive.mkdir()
    for sha, name, at in [("b" * 64, "people_2026-10-31.csv", "2026-11-02T09:00:00"),
                          ("a" * 64, "skills.csv", "2026-11-03T09:00:00"),
                          ("c" * 64, "people.csv", "2026-11-01T09:00:00")]:
        (archive / f"{sha}.csv").write_text("x\n")
        rebuild.write_record(archive / f"{sha}.csv", original_name=name, kind=name.split(".")[0].split("_")[0],
                             snapshot_as_of=date(2026, 10, 31) if "people" in name else None,
                             as_of_source="option" if name == "people.csv" else None,
                             loaded_at=datetime.fromisoformat(at))
    (archive / f".{'d' * 64}.csv.part").write_text("partial copy of a crashed load")
    got = [(f.original_name, f.as_of_source) for f in rebuild.archived_files(archive)]
    # loaded first comes back first, whatever its hash; the partial copy is not a file
    assert got == [("people.csv", "option"), ("people_2026-10-31.csv", None), ("skills.csv", None)]
