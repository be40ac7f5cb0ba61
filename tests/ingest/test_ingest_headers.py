"""Header stories: HR-tool column names map onto the contract, and the kind is found by header."""

from __future__ import annotations

from transforms.ingest import ingest_file
from transforms.ingest.headers import kind_from_header, map_header


def test_bamboohr_roster_is_recognised_by_header_and_mapped(con, settings, drop):
    body = "Employee #,Full Name,Supervisor EID,Job Level,Department,Hire Date,Shoe Size\n101,Ann Lee,,Senior,ML,2019-04-01,38\n"
    outcome = ingest_file(con, drop("bamboo_export_2026-10-31.csv", body), settings)
    assert (outcome.kind, outcome.rows_loaded) == ("people", 1)
    assert con.execute("select employee_id, name, manager_id, level, team, hire_date from raw_people").fetchall() == [
        ("101", "Ann Lee", None, "Senior", "ML", "2019-04-01")
    ]
    # The column outside the contract is recorded, not loaded.
    assert con.execute("select ignored_columns from ingest_files").fetchall() == [(["Shoe Size"],)]


def test_workday_headers_map_including_level_start(settings):
    headers = ["Employee ID", "Worker", "Worker's Manager ID", "Job Level", "Supervisory Organization",
               "Hire Date", "Effective Date for Current Position"]
    mapped = map_header(headers, "people", settings)
    assert mapped.columns == {
        0: "employee_id", 1: "name", 2: "manager_id", 3: "level", 4: "team", 5: "hire_date", 6: "level_start_date",
    }
    assert (mapped.missing, mapped.ignored) == ((), ())
    assert kind_from_header(headers, settings) == "people"


def test_hibob_ids_map_case_and_space_insensitively(settings):
    headers = ["EMPLOYEE_ID_IN_COMPANY", "Display Name", "reports to id in company", "Grade", "Team Name", "Date of Hire"]
    mapped = map_header(headers, "people", settings)
    assert sorted(mapped.columns.values()) == ["employee_id", "hire_date", "level", "manager_id", "name", "team"]


def test_projects_status_column_is_not_taken_for_employment_status(settings):
    # "Status" is an alias of people.employment_status; in a projects file it is projects.status.
    mapped = map_header(["Project ID", "Employee ID", "role", "scope", "Start Date", "Status"], "projects", settings)
    assert mapped.columns[5] == "status"


def test_header_matching_two_kinds_picks_the_one_matching_more_columns(settings):
    # Both job_history (employee_id, effective_date, level) and people are complete here;
    # people matches 6 columns against job_history's 4 (employee_id, level, manager_id, effective_date).
    headers = ["employee_id", "name", "manager_id", "level", "team", "hire_date", "effective_date"]
    assert kind_from_header(headers, settings) == "people"
    assert kind_from_header(["employee_id", "effective_date", "level", "change_reason"], settings) == "job_history"


def test_name_prefix_is_case_insensitive_and_wins_over_header(con, settings, drop):
    body = "project_id,employee_id,role,scope,start_date\nP1,E1,lead,project,2025-01-06\n"
    outcome = ingest_file(con, drop("PROJECTS_Q3.CSV", body), settings)
    assert (outcome.kind, outcome.rows_loaded) == ("projects", 1)


def test_missing_required_column_rejects_the_file_with_the_fix(con, settings, drop):
    body = "project_id,employee_id,role,start_date\nP1,E1,lead,2025-01-06\n"
    outcome = ingest_file(con, drop("projects_noscope.csv", body), settings)
    assert outcome.status == "rejected"
    assert outcome.reason == (
        "projects_noscope.csv: is a projects export without the required column(s) scope; "
        "add them, or map your header names to them under [header_aliases] in the config"
    )


def test_two_manager_id_columns_that_disagree_reject_the_file_naming_both(con, settings, drop):
    # Defect 6 of issue 10: the second manager_id used to be dropped silently, E3's manager with it.
    body = "employee_id,name,manager_id,level,team,hire_date,manager_id\nE1,Ann,,Senior,ML,2019-04-01,\nE3,Cy,E1,Mid,ML,2021-02-01,E2\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "rejected"
    assert outcome.reason == (
        "people_2026-10-31.csv: has the same column twice: 'manager_id' (column 3) and 'manager_id' (column 7) "
        "are both manager_id; keep one of them (if they disagree, find out which is right) and export it again"
    )
    assert con.execute("select count(*) from raw_people").fetchone() == (0,)


def test_an_alias_and_the_canonical_name_in_one_file_are_the_same_column_twice(con, settings, drop):
    # 'Manager ID' maps to manager_id through [header_aliases]: after mapping there are two.
    body = "employee_id,name,Manager ID,level,team,hire_date,manager_id\nE1,Ann,,Senior,ML,2019-04-01,\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "rejected"
    assert "'Manager ID' (column 3) and 'manager_id' (column 7) are both manager_id" in outcome.reason
