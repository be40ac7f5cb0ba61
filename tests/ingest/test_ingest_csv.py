"""CSV stories: encodings, line endings, quoting, and physical line numbers."""

from __future__ import annotations

import stat

from transforms.ingest import ingest_file

PROJECTS_HEADER = "project_id,employee_id,role,scope,start_date,project_name\n"


def _raw(con, kind, cols):
    return con.execute(f"select {cols} from raw_{kind} order by source_line").fetchall()


def test_plain_utf8_projects_load_with_lineage_and_archive(con, settings, drop):
    # Three contributors on one project; the simplest export there is.
    body = PROJECTS_HEADER + "P1,E1,lead,project,2025-01-06,Ranker\nP1,E2,contributor,feature,2025-01-06,\nP2,E1,owner,org,2025-03-01,Infra\n"
    path = drop("projects_2025q1.csv", body)
    outcome = ingest_file(con, path, settings)

    assert (outcome.status, outcome.kind, outcome.rows_loaded, outcome.rows_rejected, outcome.physical_lines) == (
        "loaded", "projects", 3, 0, 3,
    )
    prefix = outcome.sha256[:16]
    # Header is line 1, so the three records sit on lines 2-4; the empty project_name is NULL.
    assert _raw(con, "projects", "row_id, source_file, source_line, project_id, employee_id, project_name, impact") == [
        (f"{prefix}:2", "projects_2025q1.csv", 2, "P1", "E1", "Ranker", None),
        (f"{prefix}:3", "projects_2025q1.csv", 3, "P1", "E2", None, None),
        (f"{prefix}:4", "projects_2025q1.csv", 4, "P2", "E1", "Infra", None),
    ]
    archived = settings.archive / f"{outcome.sha256}.csv"
    assert archived.read_bytes() == body.encode()  # byte-identical copy
    assert stat.S_IMODE(archived.stat().st_mode) == 0o600
    assert not path.exists()  # archived, so the inbox copy is gone
    assert con.execute("select kind, original_name, physical_lines, rows_loaded, rows_rejected, file_format from ingest_files").fetchall() == [
        ("projects", "projects_2025q1.csv", 3, 3, 0, "csv")
    ]


def test_utf8_bom_and_crlf_leave_no_trace_in_names_or_values(con, settings, drop):
    # Excel's "CSV UTF-8" export: a BOM before the first header and CRLF line ends.
    body = "\ufeffemployee_id,name,manager_id,level,team,hire_date\r\nE1,Ann Lee,,Senior,ML,2019-04-01\r\nE2,Bo Chen,E1,Mid,ML,2022-09-15\r\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.rows_loaded == 2
    assert _raw(con, "people", "source_line, employee_id, name, manager_id, hire_date") == [
        (2, "E1", "Ann Lee", None, "2019-04-01"),
        (3, "E2", "Bo Chen", "E1", "2022-09-15"),  # no trailing '\r'
    ]


def test_cp1252_names_are_decoded_not_mangled(con, settings, drop):
    # Legacy Windows export: 'ë' and 'ü' are single cp1252 bytes, invalid as UTF-8.
    body = "employee_id,name,manager_id,level,team,hire_date\nE7,Zoë Müller,,Staff,Platform,2015-02-01\n"
    path = drop("people_2026-10-31.csv", body, encoding="cp1252")
    assert b"\xeb" in path.read_bytes()  # the fixture really is cp1252
    outcome = ingest_file(con, path, settings)
    assert outcome.status == "loaded"
    assert _raw(con, "people", "name") == [("Zoë Müller",)]
    # The archive keeps the delivered bytes, not the decoded text.
    assert (settings.archive / f"{outcome.sha256}.csv").read_bytes() == body.encode("cp1252")


def test_embedded_newline_in_quotes_keeps_physical_line_numbers(con, settings, drop):
    # Record P2 spans lines 3-5 (two line breaks inside its quoted name), so P3 starts on line 6.
    body = PROJECTS_HEADER + 'P1,E1,lead,project,2025-01-06,Ranker\nP2,E2,owner,org,2025-02-01,"Search\nrewrite\nphase 2"\nP3,E3,lead,feature,2025-03-01,"Say ""hi"""\n'
    outcome = ingest_file(con, drop("projects_a.csv", body), settings)
    assert (outcome.rows_loaded, outcome.physical_lines) == (3, 3)
    assert _raw(con, "projects", "source_line, project_id, project_name") == [
        (2, "P1", "Ranker"),
        (3, "P2", "Search\nrewrite\nphase 2"),
        (6, "P3", 'Say "hi"'),
    ]


def test_wrong_field_count_goes_to_ingest_rejects_with_its_line(con, settings, drop):
    # Line 3 has an extra field, line 5 a missing one, line 6 is blank (not a record).
    body = (
        PROJECTS_HEADER
        + "P1,E1,lead,project,2025-01-06,A\n"
        + "P2,E2,owner,org,2025-02-01,B,surplus\n"
        + 'P3,E3,lead,feature,2025-03-01,"multi\nline"\n'
        + "P4,E4,lead,feature\n"
        + "\n"
        + "P5,E5,owner,task,2025-04-01,E\n"
    )
    outcome = ingest_file(con, drop("projects_b.csv", body), settings)
    # 5 records = 3 loaded + 2 rejected; the blank line is neither.
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.physical_lines) == (3, 2, 5)
    assert _raw(con, "projects", "source_line, project_id") == [(2, "P1"), (4, "P3"), (8, "P5")]
    assert con.execute("select source_file, source_line, raw_text, reason from ingest_rejects order by source_line").fetchall() == [
        ("projects_b.csv", 3, "P2,E2,owner,org,2025-02-01,B,surplus", "has 7 fields where the header has 6"),
        ("projects_b.csv", 6, "P4,E4,lead,feature", "has 4 fields where the header has 6"),
    ]
    assert con.execute("select physical_lines, rows_loaded, rows_rejected from ingest_files").fetchall() == [(5, 3, 2)]


def test_unterminated_quote_loses_nothing_although_duckdb_alone_would(con, settings, drop, tmp_path):
    # 30 records; the quote opened on line 12 never closes.
    lines = [f"P{i},E{i},lead,project,2025-01-06,name {i}" for i in range(1, 31)]
    lines[10] = 'P11,E11,lead,project,2025-01-06,"name 11'
    body = PROJECTS_HEADER + "\n".join(lines) + "\n"

    # The hazard: DuckDB's reader on its own reports one reject and silently drops the 19 records
    # after it (10 + 1 + 0 of 30). If a DuckDB upgrade changes this, the assertion below says so.
    probe = tmp_path / "probe.csv"
    probe.write_text(body)
    duck = con.execute(
        "select count(*) from read_csv($p, header=true, auto_detect=false, delim=',', quote='\"', escape='\"',"
        " strict_mode=true, store_rejects=true, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR','d':'VARCHAR','e':'VARCHAR','f':'VARCHAR'})",
        {"p": str(probe)},
    ).fetchone()[0]
    assert duck == 10

    outcome = ingest_file(con, drop("projects_c.csv", body), settings)
    # Our ingest: only line 12 is bad; the 29 others load, and 29 + 1 = 30 records.
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.physical_lines) == (29, 1, 30)
    assert con.execute("select source_line, raw_text, reason from ingest_rejects").fetchall() == [
        (12, 'P11,E11,lead,project,2025-01-06,"name 11', "a quote opened on this line is never closed")
    ]
    loaded = con.execute("select source_line, project_id from raw_projects order by source_line").fetchall()
    assert loaded[9:12] == [(11, "P10"), (13, "P12"), (14, "P13")]
    assert loaded[-1] == (31, "P30")


def test_semicolon_delimited_export_is_read(con, settings, drop):
    # European Excel writes ';' when ',' is the decimal mark.
    body = "employee_id;skill;proficiency;assessed_on\nE1;pytorch;4;2026-05-01\nE1;spark;2;2026-05-01\n"
    outcome = ingest_file(con, drop("skills_may.csv", body), settings)
    assert _raw(con, "skills", "source_line, skill, proficiency") == [(2, "pytorch", "4"), (3, "spark", "2")]
    assert outcome.rows_loaded == 2


def test_values_stay_text_without_type_guessing(con, settings, drop):
    # One bad date among good ones must reach validation as text, with leading zeros intact.
    body = "employee_id,skill,proficiency,assessed_on\n007,sql,04,2026-05-01\n008,sql,3,31/02/2026\n"
    ingest_file(con, drop("skills_x.csv", body), settings)
    assert _raw(con, "skills", "employee_id, proficiency, assessed_on") == [("007", "04", "2026-05-01"), ("008", "3", "31/02/2026")]


def test_duckdb_path_and_exact_path_agree_on_line_numbers(con, tmp_path):
    # The fast path proves itself (no rejects, records + embedded line breaks = data lines) and
    # numbers lines by a running sum; the exact path counts lines as it parses. Same answer.
    from transforms.ingest.bytescan import scan_bytes
    from transforms.ingest.csv_reader import stage_csv

    path = tmp_path / "projects.csv"
    path.write_text(PROJECTS_HEADER + 'P1,E1,lead,project,2025-01-06,"a\nb"\nP2,E2,owner,org,2025-02-01,c\nP3,E3,lead,task,2025-03-01,"d\n\ne"\n')
    results = {}
    for force_exact in (False, True):
        con.execute("create or replace temp table _ingest_stage_rejects (source_line bigint, raw_text varchar, reason varchar)")
        parsed = stage_csv(con, path, 6, ",", scan_bytes(path), force_exact=force_exact)
        results[parsed.method] = con.execute("select source_line, c0, c5 from _ingest_stage order by source_line").fetchall()
    # P1 spans lines 2-3, P2 is line 4, P3 spans lines 5-7.
    assert results["duckdb"] == results["exact"] == [(2, "P1", "a\nb"), (4, "P2", "c"), (5, "P3", "d\n\ne")]

    # Mixed CRLF and LF line ends stop DuckDB's strict reader; the exact path still numbers right.
    path.write_bytes(path.read_bytes().replace(b"c\n", b"c\r\n"))
    con.execute("create or replace temp table _ingest_stage_rejects (source_line bigint, raw_text varchar, reason varchar)")
    assert stage_csv(con, path, 6, ",", scan_bytes(path)).method == "exact"
    assert con.execute("select source_line, c5 from _ingest_stage order by source_line").fetchall() == [
        (2, "a\nb"), (4, "c"), (5, "d\n\ne")
    ]
