"""Incremental validation: a file is typed and checked by GX once per validation context.

One named case per situation: nothing new, one new file, a changed configuration. The
quarantine of every run is complete either way (rows of files checked earlier keep their
check results), only the GX work is skipped.
"""

from __future__ import annotations

from dataclasses import replace

from tests.validate.test_validate_rows import AS_OF, BASE_PEOPLE, BASE_PROJECTS, SNAPSHOT_FILE
from transforms.validate import validate

BAD_ROLE = dict(project_id="P5", employee_id="E04", role="boss", scope="task", start_date="2026-01-01")


def quarantined(con, run_id):
    return con.execute("select source_file, employee_id, checks from quarantine where run_id = ? order by all",
                       [run_id]).fetchall()


def test_nothing_new_checks_no_file_again(con, inbox, rubric, settings):
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    inbox.load("projects", "projects.csv", BASE_PROJECTS + [BAD_ROLE])
    first = validate(con, rubric, settings, "run-1", AS_OF)
    second = validate(con, rubric, settings, "run-2", AS_OF)
    # The roster and the projects file were checked by the first run only.
    assert (first.files_checked, second.files_checked) == (2, 0)
    # The second run still quarantines the bad role row, from the stored check result.
    assert quarantined(con, "run-2") == quarantined(con, "run-1") == [("projects.csv", "E04", ["role_valid"])]
    assert second.rows_clean == first.rows_clean


def test_new_projects_file_is_the_only_file_checked(con, inbox, rubric, settings):
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    inbox.load("projects", "projects.csv", BASE_PROJECTS + [BAD_ROLE])
    validate(con, rubric, settings, "run-1", AS_OF)
    fix = [dict(project_id="P1", employee_id="E03", role="owner", scope="project", start_date="2025-02-01")]
    inbox.load("projects", "projects_fix.csv", fix)
    summary = validate(con, rubric, settings, "run-2", AS_OF)
    assert summary.files_checked == 1  # projects_fix.csv; the roster and projects.csv were checked in run-1
    # Supersession still looks across files: the later P1/E03 row wins, the earlier one is superseded.
    assert summary.rows_superseded["projects"] == 1
    assert quarantined(con, "run-2") == [("projects.csv", "E04", ["role_valid"])]


def test_changed_date_formats_check_every_file_again(con, inbox, rubric, settings):
    # Jo's level_start_date '1 Apr 2023' parses only with the unambiguous 'DD Mon YYYY' format.
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    validate(con, rubric, settings, "run-1", AS_OF)
    iso_only = replace(settings, date_formats=("%Y-%m-%d",))
    summary = validate(con, rubric, iso_only, "run-2", AS_OF)
    assert summary.files_checked == 1  # the roster, typed again with the new formats
    assert quarantined(con, "run-2") == [(SNAPSHOT_FILE, "E10", ["level_start_date_is_date"])]
