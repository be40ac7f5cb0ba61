"""Which inbox files are picked up, and in which order."""

from __future__ import annotations

from datetime import date

from transforms.ingest import discover_files
from transforms.ingest.discover import date_from_name, kind_from_name


def test_exports_are_found_in_load_order_and_clutter_is_skipped(tmp_path):
    names = [
        "projects_q3.csv", "people_2026-10-31.csv", "people_20260731.XLSX", "skills.parquet",
        "activities_2026.csv", "Roster.csv", ".hidden.csv", "people_x.csv.reason.txt",
        "projects_big.csv.part", "download.csv.crdownload", "notes.txt", "~$people.xlsx",
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    # Dated people snapshots oldest first, then contract kind order, then unknown names.
    assert [p.name for p in discover_files(tmp_path)] == [
        "people_20260731.XLSX", "people_2026-10-31.csv", "projects_q3.csv", "activities_2026.csv",
        "skills.parquet", "Roster.csv",
    ]


def test_missing_inbox_means_nothing_to_do(tmp_path):
    assert discover_files(tmp_path / "absent") == []


def test_names_give_kind_and_date():
    assert kind_from_name("Job_History_2026.csv") == "job_history"
    assert kind_from_name("peoplesoft.csv") is None  # 'people' must be followed by a separator
    assert date_from_name("people_2026-10-31.csv") == date(2026, 10, 31)
    assert date_from_name("people_20261031.xlsx") == date(2026, 10, 31)
    assert date_from_name("people_20261399.csv") is None  # not a calendar date
