"""A CSV without a single quote character cannot hold a line break inside a field: the line
proof then counts records without scanning every field, and line numbers stay exact."""

from __future__ import annotations

from transforms.ingest import ingest_file
from transforms.ingest.bytescan import scan_bytes


def test_quote_free_file_is_seen_as_such(tmp_path):
    plain, quoted = tmp_path / "plain.csv", tmp_path / "quoted.csv"
    plain.write_text("employee_id,name\nE1,Ada\n")
    quoted.write_text('employee_id,name\nE1,"Ada\nLovelace"\n')
    assert (scan_bytes(plain).has_quote, scan_bytes(quoted).has_quote) == (False, True)


def test_quote_free_file_keeps_its_line_numbers(con, settings, drop):
    # line 1 header, lines 2-4 records
    path = drop("skills_2026-10-31.csv", "employee_id,skill,proficiency,assessed_on\nE1,pytorch,3,2026-06-30\n"
                "E2,docker,2,2026-06-30\nE3,mlops,4,2026-06-30\n")
    outcome = ingest_file(con, path, settings)
    assert (outcome.rows_loaded, outcome.physical_lines) == (3, 3)
    lines = con.execute("select employee_id, source_line from raw_skills order by source_line").fetchall()
    assert lines == [("E1", 2), ("E2", 3), ("E3", 4)]
