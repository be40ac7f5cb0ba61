"""Every rejected file says specifically what is wrong, how to fix it and where its reason file is."""

from __future__ import annotations

from datetime import date

import openpyxl

from ops.runner import print_files
from transforms.ingest import ingest_file

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def _workbook(path, sheets):
    """sheets: [(title, [rows])] in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


ROSTER = [["employee_id", "name", "manager_id", "level", "team", "hire_date"],
          ["E1", "Ann Lee", None, "Senior", "ML", date(2019, 4, 1)]]


def test_png_renamed_csv_is_not_a_spreadsheet_at_all(con, settings, drop):
    outcome = ingest_file(con, drop("people_x.csv", PNG_BYTES), settings)
    assert outcome.status == "rejected"
    assert outcome.reason == (
        "people_x.csv: is not a spreadsheet at all: its bytes are a PNG image, not CSV; export the data from the "
        "HR or project tool as CSV, XLSX or Parquet and put that file in the inbox"
    )
    assert outcome.reason_file == settings.rejected / "people_x.csv.reason.txt"
    assert outcome.reason_file.read_text() == outcome.reason + "\n"


def test_workbook_whose_first_sheet_is_a_title_page_reads_the_export_sheet(con, settings):
    settings.inbox.mkdir(parents=True)
    path = _workbook(settings.inbox / "people_2026-10-31.xlsx",
                     [("Title page", [["Quarterly HR export"]]), ("Data", ROSTER)])
    outcome = ingest_file(con, path, settings)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 1)


def test_workbook_without_an_export_sheet_names_its_sheets_and_the_sheet_option(con, settings):
    settings.inbox.mkdir(parents=True)
    path = _workbook(settings.inbox / "people_2026-10-31.xlsx",
                     [("Title page", [["Quarterly HR export"]]), ("Notes", [["ask Vera"]])])
    outcome = ingest_file(con, path, settings)
    assert outcome.reason == (
        "people_2026-10-31.xlsx: has no sheet that holds a known export (sheets: 'Title page', 'Notes'; the first "
        "is a people export without the required column(s) employee_id, name, manager_id, level, team, hire_date "
        "(headers not recognised: Quarterly HR export)); name the sheet to read with sheet = \"Notes\" under "
        "[ingest] in the config, or move the export to the first sheet"
    )


def test_configured_sheet_is_read(con, settings):
    settings.inbox.mkdir(parents=True)
    path = _workbook(settings.inbox / "people_2026-10-31.xlsx", [("Old", ROSTER[:1]), ("Data", ROSTER)])
    outcome = ingest_file(con, path, settings.with_overrides(sheet="Data"))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 1)


def test_unknown_headers_are_named(con, settings, drop):
    outcome = ingest_file(con, drop("people_2026-10-31.csv", "Staff No,Full Nm,Boss,Grade,Dept,Joined\n1,a,,x,y,z\n"),
                          settings)
    assert outcome.reason == (
        "people_2026-10-31.csv: is a people export without the required column(s) employee_id, name, manager_id, "
        "team, hire_date (headers not recognised: Staff No, Full Nm, Boss, Dept, Joined); add them, or map your "
        "header names to them under [header_aliases] in the config"
    )


def test_every_rejected_file_is_one_console_line_with_its_reason_file(con, settings, drop, capsys):
    outcomes = [
        ingest_file(con, drop("people_x.csv", PNG_BYTES), settings),
        ingest_file(con, drop("skills_[draft].csv", "employee_id,skill,proficiency,assessed_on\n"), settings),
    ]
    print_files(outcomes)
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"rejected {outcomes[0].reason} (reason file: {settings.rejected / 'people_x.csv.reason.txt'})",
        "rejected skills_[draft].csv: has a header but no data rows; export it again with its rows, or delete it "
        f"(reason file: {settings.rejected / 'skills_[draft].csv.reason.txt'})",
    ]
    assert out == "files: 0 loaded (0 rows), 0 already loaded, 2 rejected\n"
