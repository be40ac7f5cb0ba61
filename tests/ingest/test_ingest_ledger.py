"""Ledger stories: duplicates, crashes, rejected files and snapshot dates."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.ingest import ingest_file, ingest_inbox, load

PEOPLE = "employee_id,name,manager_id,level,team,hire_date\nE1,Ann,,Senior,ML,2019-04-01\nE2,Bo,E1,Mid,ML,2022-09-15\n"
PROJECTS = "project_id,employee_id,role,scope,start_date\nP1,E1,lead,project,2025-01-06\nP2,E2,owner,org,2025-02-01\n"


def _count(con, table):
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_same_bytes_twice_and_under_a_new_name_load_once(con, settings, drop):
    first = ingest_file(con, drop("projects_q1.csv", PROJECTS), settings)
    again = ingest_file(con, drop("projects_q1.csv", PROJECTS), settings)
    renamed = ingest_file(con, drop("projects_copy_of_q1.csv", PROJECTS), settings)
    assert [o.status for o in (first, again, renamed)] == ["loaded", "duplicate", "duplicate"]
    assert renamed.reason == "projects_copy_of_q1.csv: same bytes as projects_q1.csv, already loaded; nothing to do (removed from the inbox)"
    assert (_count(con, "raw_projects"), _count(con, "ingest_files")) == (2, 1)
    assert list(settings.inbox.iterdir()) == []


def test_crash_between_insert_and_commit_leaves_nothing_and_next_run_loads_once(con, settings, drop, monkeypatch):
    path = drop("projects_q1.csv", PROJECTS)

    def disk_full(*args, **kwargs):  # runs after the raw insert, before the ledger row and commit
        raise OSError("No space left on device")

    monkeypatch.setattr(load.archiving.ArchiveCopy, "keep", disk_full)
    with pytest.raises(OSError):
        ingest_file(con, path, settings)
    assert (_count(con, "raw_projects"), _count(con, "ingest_files"), _count(con, "ingest_rejects")) == (0, 0, 0)
    assert path.exists()  # still waiting in the inbox

    monkeypatch.undo()
    outcomes = ingest_inbox(con, settings)
    assert [(o.status, o.rows_loaded) for o in outcomes] == [("loaded", 2)]
    assert (_count(con, "raw_projects"), _count(con, "ingest_files")) == (2, 1)


def test_empty_and_unrecognisable_files_are_moved_aside_while_others_load(con, settings, drop):
    drop("people_2026-10-31.csv", PEOPLE)
    drop("projects_empty.csv", b"")
    drop("lunch_orders.csv", "dish,price\nsoup,4\n")
    drop("skills_headers_only.csv", "employee_id,skill,proficiency,assessed_on\n")
    outcomes = {o.path.name: o for o in ingest_inbox(con, settings)}

    assert {n: o.status for n, o in outcomes.items()} == {
        "people_2026-10-31.csv": "loaded",
        "projects_empty.csv": "rejected",
        "lunch_orders.csv": "rejected",
        "skills_headers_only.csv": "rejected",
    }
    assert _count(con, "raw_people") == 2
    reason = (settings.rejected / "projects_empty.csv.reason.txt").read_text()
    assert reason == "projects_empty.csv: is empty (0 bytes); export the data again\n"
    assert (settings.rejected / "projects_empty.csv").exists()
    assert outcomes["skills_headers_only.csv"].reason == (
        "skills_headers_only.csv: has a header but no data rows; export it again with its rows, or delete it"
    )
    assert outcomes["lunch_orders.csv"].reason.startswith("lunch_orders.csv: is no known export")
    assert sorted(r[0] for r in con.execute("select original_name from rejected_files").fetchall()) == [
        "lunch_orders.csv", "projects_empty.csv", "skills_headers_only.csv",
    ]
    assert list(settings.inbox.iterdir()) == []


def test_a_callers_load_file_sees_each_inbox_file_in_load_order(con, settings, drop):
    drop("projects_q1.csv", PROJECTS)
    drop("people_2026-10-31.csv", PEOPLE)
    seen = []

    def load_file(con, path, settings, as_of):  # what the flow does: its per-file task around ingest_file
        seen.append(path.name)
        return ingest_file(con, path, settings, as_of)

    outcomes = ingest_inbox(con, settings, load_file=load_file)
    # people snapshots load first (discover_files order), whatever the names sort to
    assert seen == ["people_2026-10-31.csv", "projects_q1.csv"]
    assert [(o.path.name, o.status, o.rows_loaded) for o in outcomes] == [
        ("people_2026-10-31.csv", "loaded", 2), ("projects_q1.csv", "loaded", 2)]


def test_snapshot_date_from_column_then_file_name_then_argument(con, settings, drop):
    with_column = PEOPLE.replace("hire_date\n", "hire_date,Export Date\n").replace("2019-04-01\n", "2019-04-01,2026-09-30\n").replace("2022-09-15\n", "2022-09-15,2026-09-30\n")
    by_column = ingest_file(con, drop("people_2026-10-31.csv", with_column), settings)  # column beats name
    by_name = ingest_file(con, drop("people_2026-08-31.csv", PEOPLE), settings)
    by_option = ingest_file(con, drop("people.csv", PEOPLE + "E3,Cy,E1,Junior,ML,2025-01-01\n"), settings, as_of=date(2026, 7, 31))
    assert [o.snapshot_as_of for o in (by_column, by_name, by_option)] == [date(2026, 9, 30), date(2026, 8, 31), date(2026, 7, 31)]
    assert con.execute("select as_of_source from ingest_files order by snapshot_as_of desc").fetchall() == [
        ("column",), ("file_name",), ("option",)
    ]
    # Later snapshots do not erase earlier ones: 2 + 2 + 3 rows.
    assert con.execute("select snapshot_as_of, count(*) from raw_people group by all order by 1").fetchall() == [
        (date(2026, 7, 31), 3), (date(2026, 8, 31), 2), (date(2026, 9, 30), 2)
    ]


def test_snapshot_without_a_date_or_with_two_dates_is_rejected(con, settings, drop):
    undated = ingest_file(con, drop("people.csv", PEOPLE), settings)
    assert undated.reason == (
        "people.csv: is a people snapshot without an as-of date; add an as_of column, put the date in the file "
        "name (people_2026-10-31.csv), or pass --as-of"
    )
    two = PEOPLE.replace("hire_date\n", "hire_date,as_of\n").replace("2019-04-01\n", "2019-04-01,2026-09-30\n").replace("2022-09-15\n", "2022-09-15,2026-10-31\n")
    mixed = ingest_file(con, drop("people_mixed.csv", two), settings)
    assert mixed.status == "rejected"
    assert mixed.reason.startswith("people_mixed.csv: has more than one date in its as_of column (2026-09-30, 2026-10-31)")
    assert _count(con, "raw_people") == 0
