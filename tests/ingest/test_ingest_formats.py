"""XLSX and Parquet stories: real date cells, float-looking ids, named sheets, typed columns."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from transforms.ingest import ingest_file


def _people_workbook(path, sheet_title="Roster", extra_first_sheet=False):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if extra_first_sheet:
        sheet.title = "Read me"
        sheet.append(["This export was made by HR"])
        sheet = workbook.create_sheet(sheet_title)
    else:
        sheet.title = sheet_title
    sheet.append(["Employee #", "Full Name", "Supervisor EID", "Job Level", "Department", "Hire Date", "Performance Rating"])
    sheet.append([1001, "Ann Lee", None, "Senior", "ML", date(2019, 4, 1), 4])
    sheet.append([])  # an empty row (sheet row 3) is not a record
    sheet.append([1002.0, "Bo Chen", 1001, "Mid", "ML", datetime(2022, 9, 15), 3.5])
    workbook.save(path)
    return path


def test_xlsx_real_date_cells_become_iso_text_and_rows_keep_sheet_numbers(con, settings, tmp_path):
    settings.inbox.mkdir(parents=True)
    path = _people_workbook(settings.inbox / "people_20261031.xlsx")
    outcome = ingest_file(con, path, settings)
    assert (outcome.status, outcome.rows_loaded, outcome.physical_lines) == ("loaded", 2, 2)
    # Date taken from the compact date in the name; 1002.0 -> '1002'; 3.5 stays '3.5'.
    assert outcome.snapshot_as_of == date(2026, 10, 31)
    assert con.execute(
        "select source_line, employee_id, manager_id, hire_date, last_rating, snapshot_as_of from raw_people order by source_line"
    ).fetchall() == [
        (2, "1001", None, "2019-04-01", "4", date(2026, 10, 31)),
        (4, "1002", "1001", "2022-09-15", "3.5", date(2026, 10, 31)),
    ]
    assert con.execute("select file_format, as_of_source from ingest_files").fetchall() == [("xlsx", "file_name")]


def test_xlsx_named_sheet_is_read_instead_of_the_first(con, settings, tmp_path):
    settings.inbox.mkdir(parents=True)
    path = _people_workbook(settings.inbox / "people_2026-10-31.xlsx", extra_first_sheet=True)
    outcome = ingest_file(con, path, settings, sheet="Roster")
    assert outcome.rows_loaded == 2
    assert con.execute("select name from raw_people order by source_line").fetchall() == [("Ann Lee",), ("Bo Chen",)]


def test_xlsx_unknown_sheet_name_is_a_rejection_not_a_crash(con, settings):
    settings.inbox.mkdir(parents=True)
    path = _people_workbook(settings.inbox / "people_2026-10-31.xlsx")
    outcome = ingest_file(con, path, settings, sheet="Nope")
    assert outcome.status == "rejected"
    assert outcome.reason == "people_2026-10-31.xlsx: has no sheet named 'Nope' (sheets: Roster); name one of those sheets"


def test_parquet_typed_columns_land_as_text(con, settings):
    settings.inbox.mkdir(parents=True)
    table = pa.table(
        {
            "employee_id": ["E1", "E2", "E3"],
            "activity_type": ["mentoring", "tech_talk", "paper"],
            "date": pa.array([date(2026, 1, 5), date(2026, 2, 9), None], pa.date32()),
            "counterpart_id": pa.array([1001.0, None, 7.5], pa.float64()),  # pandas-style float ids
            "title": ["", "Intro to RL", None],
        }
    )
    path = settings.inbox / "activities_2026.parquet"
    pq.write_table(table, path)
    outcome = ingest_file(con, path, settings)
    assert (outcome.rows_loaded, outcome.physical_lines) == (3, 3)
    # Row n (1-based) is source line n + 1, as if a header preceded it.
    assert con.execute(
        "select source_line, employee_id, activity_type, date, counterpart_id, title from raw_activities order by source_line"
    ).fetchall() == [
        (2, "E1", "mentoring", "2026-01-05", "1001", None),
        (3, "E2", "tech_talk", "2026-02-09", None, "Intro to RL"),
        (4, "E3", "paper", None, "7.5", None),
    ]
