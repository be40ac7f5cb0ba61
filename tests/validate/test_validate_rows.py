"""Validation: one named story per check, exact quarantined keys and reasons, and conservation.

Every test starts from BASE_PEOPLE (ten good employees, snapshot 2026-10-31) and adds the
one bad row of its story, so 1 bad row in 11 (9%) stays under the default 20% gate.
"""

from __future__ import annotations

import json
from datetime import date

from transforms.contract import KINDS
from transforms.validate import validate
from transforms.validate.suite_spec import SUITES_DIR, suite_text

AS_OF = date(2026, 10, 31)

# The small story org every test starts from: Ada (top, an alias 'Staff') runs two teams.
# Ten employees, so one bad row (1/11 = 9%) or one duplicated pair (2/11 = 18%) stays under
# the default 20% gate; levels are written as aliases on purpose (resolved to rubric ids).
BASE_PEOPLE = [
    dict(employee_id="E01", name="Ada", manager_id="", level="Staff", team="core", hire_date="2015-01-10"),
    dict(employee_id="E02", name="Ben", manager_id="E01", level="Senior", team="core", hire_date="2018-03-01"),
    dict(employee_id="E03", name="Cy", manager_id="E02", level="mid", team="core", hire_date="2021-06-01"),
    dict(employee_id="E04", name="Dee", manager_id="E02", level="Junior", team="core", hire_date="2024-09-01"),
    dict(employee_id="E05", name="Eve", manager_id="E01", level="Senior ML Engineer", team="vision", hire_date="2017-05-15"),
    dict(employee_id="E06", name="Fox", manager_id="E05", level="ML Engineer II", team="vision", hire_date="2022-01-03"),
    dict(employee_id="E07", name="Gus", manager_id="E05", level="mid", team="vision", hire_date="2021-11-11"),
    dict(employee_id="E08", name="Hal", manager_id="E05", level="junior", team="vision", hire_date="2025-02-01"),
    dict(employee_id="E09", name="Ida", manager_id="E02", level="mid", team="core", hire_date="2020-08-20",
         employment_status="terminated"),
    dict(employee_id="E10", name="Jo", manager_id="E01", level="senior", team="core", hire_date="2019-04-01",
         level_start_date="1 Apr 2023", last_rating="4", base_salary="190000.00", gender="f"),
]

RUN = "run-1"
SNAPSHOT_FILE = "people_2026-10-31.csv"
# Five good project rows of the story org (under the gate when one bad row is added: 1/6 = 17%).
BASE_PROJECTS = [
    dict(project_id="P1", employee_id="E03", role="lead", scope="feature", start_date="2025-02-01", status="done"),
    dict(project_id="P2", employee_id="E02", role="owner", scope="multi_team", start_date="2024-06-01"),
    dict(project_id="P3", employee_id="E06", role="contributor", scope="project", start_date="2025-09-01"),
    dict(project_id="P3", employee_id="E07", role="Lead", scope="project", start_date="2025-09-01"),
    dict(project_id="P4", employee_id="E10", role="owner", scope="org", start_date="2023-01-15", end_date="2024-01-15"),
]
BASE_SKILLS = [
    dict(employee_id=e, skill="pytorch", proficiency=p, assessed_on="2026-06-30", source="manager")
    for e, p in [("E03", "3"), ("E04", "2"), ("E06", "3"), ("E07", "4"), ("E08", "1")]
]


def run(con, inbox, rubric, settings, people_extra=(), **files):
    """Load the base snapshot plus `people_extra`, the given evidence files, and validate."""
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE + list(people_extra), AS_OF)
    for name, (kind, rows) in files.items():
        inbox.load(kind, name.replace("__", "."), rows)
    return validate(con, rubric, settings, RUN, AS_OF)


def quarantined(con, kind):
    return con.execute(
        "select employee_id, checks, reason from quarantine where run_id = ? and kind = ? order by source_line",
        [RUN, kind],
    ).fetchall()


def gates(con, kind):
    """(source_file, rows_in, clean, quarantined, superseded, passed) per file, with conservation checked."""
    rows = con.execute(
        "select source_file, rows_in, rows_clean, rows_quarantined, rows_superseded, passed from file_gates "
        "where run_id = ? and kind = ? order by source_file",
        [RUN, kind],
    ).fetchall()
    for _, rows_in, clean, quar, sup, _ in rows:
        assert rows_in == clean + quar + sup
    return rows


def test_clean_story_org_has_no_quarantine(con, inbox, rubric, settings):
    summary = run(con, inbox, rubric, settings)
    assert summary.snapshot_as_of == AS_OF
    assert summary.quarantined_total == 0
    # Ida (E09) is terminated: kept in clean_people, counted, not an error.
    assert summary.terminated == 1
    assert summary.rows_clean["people"] == 10
    assert gates(con, "people") == [(SNAPSHOT_FILE, 10, 10, 0, 0, True)]
    levels = dict(con.execute("select employee_id, level || '|' || level_raw from clean_people").fetchall())
    # Aliases resolve to rubric ids; the text as delivered is kept in level_raw.
    assert levels["E01"] == "staff|Staff"
    assert levels["E06"] == "mid|ML Engineer II"
    # Jo's level_start_date came as '1 Apr 2023' (an unambiguous form); Ada's empty manager is NULL.
    jo = con.execute("select level_start_date, last_rating, base_salary from clean_people where employee_id = 'E10'").fetchone()
    assert jo == (date(2023, 4, 1), 4, 190000)
    assert con.execute("select manager_id from clean_people where employee_id = 'E01'").fetchone() == (None,)


def test_duplicate_ids_are_both_quarantined(con, inbox, rubric, settings):
    twin = dict(employee_id="E03", name="Cy Again", manager_id="E05", level="mid", team="vision", hire_date="2021-06-01")
    summary = run(con, inbox, rubric, settings, [twin])
    # Both copies go: the pipeline cannot tell which one is right. 2 bad of 11 = 18% < 20%.
    reason = "employee_id 'E03' appears more than once in this snapshot"
    assert quarantined(con, "people") == [("E03", ["duplicate_employee_id"], reason)] * 2
    assert gates(con, "people") == [(SNAPSHOT_FILE, 11, 9, 2, 0, True)]
    assert summary.quarantined_total == 2


def test_manager_cycle_is_quarantined(con, inbox, rubric, settings):
    extra = [
        dict(employee_id="E11", name="Kai", manager_id="E12", level="senior", team="ops", hire_date="2019-01-01"),
        dict(employee_id="E12", name="Lu", manager_id="E11", level="senior", team="ops", hire_date="2019-01-01"),
        # Mo reports into the cycle without being part of it: kept, flagged as a warning.
        dict(employee_id="E13", name="Mo", manager_id="E11", level="mid", team="ops", hire_date="2022-01-01"),
    ]
    summary = run(con, inbox, rubric, settings, extra)
    assert quarantined(con, "people") == [
        ("E11", ["no_management_cycle"], "employee_id 'E11' is part of a management cycle"),
        ("E12", ["no_management_cycle"], "employee_id 'E12' is part of a management cycle"),
    ]
    assert gates(con, "people") == [(SNAPSHOT_FILE, 13, 11, 2, 0, True)]
    assert summary.reports_of_quarantined_managers == 1
    assert con.execute("select employee_id, warning from validation_warnings").fetchall() == [("E13", "manager_quarantined")]


def test_self_managed_employee_is_a_cycle(con, inbox, rubric, settings):
    me = dict(employee_id="E11", name="Kai", manager_id="E11", level="senior", team="ops", hire_date="2019-01-01")
    run(con, inbox, rubric, settings, [me])
    assert quarantined(con, "people") == [("E11", ["no_management_cycle"], "employee_id 'E11' is part of a management cycle")]


def test_level_start_before_hire_is_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
               level_start_date="2021-01-01")
    run(con, inbox, rubric, settings, [row])
    assert quarantined(con, "people") == [
        ("E11", ["level_start_not_before_hire"], "level_start_date 2021-01-01 is before hire_date 2022-05-01")
    ]
    assert gates(con, "people") == [(SNAPSHOT_FILE, 11, 10, 1, 0, True)]


def test_unknown_manager_is_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E77", level="mid", team="core", hire_date="2022-05-01")
    run(con, inbox, rubric, settings, [row])
    assert quarantined(con, "people") == [("E11", ["manager_exists"], "manager_id 'E77' is not an employee of this snapshot")]
    assert gates(con, "people") == [(SNAPSHOT_FILE, 11, 10, 1, 0, True)]


def test_unknown_level_is_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="Wizard", team="core", hire_date="2022-05-01")
    run(con, inbox, rubric, settings, [row])
    levels = ", ".join(rubric.level_ids)  # the message lists the rubric's ids, whatever the ladder
    assert quarantined(con, "people") == [
        ("E11", ["level_known"], f"level 'Wizard' is not a level of the rubric or one of its aliases ({levels})")
    ]


def test_date_after_as_of_is_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="2026-11-15")
    run(con, inbox, rubric, settings, [row])
    assert quarantined(con, "people") == [
        ("E11", ["hire_date_not_after_as_of"], "hire_date 2026-11-15 is after the as-of date 2026-10-31")
    ]


def test_unparseable_date_is_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="soon")
    run(con, inbox, rubric, settings, [row])
    assert quarantined(con, "people") == [
        ("E11", ["hire_date_is_date"], "hire_date 'soon' is not a date (expected YYYY-MM-DD or YYYY/MM/DD or DD Mon YYYY or DD-Mon-YYYY or Mon DD, YYYY)")
    ]


def test_missing_name_and_badly_formed_id_are_quarantined(con, inbox, rubric, settings):
    row = dict(employee_id="E 11", name="  ", manager_id="E02", level="mid", team="core", hire_date="2022-05-01")
    run(con, inbox, rubric, settings, [row])
    # Both failures of the one row are listed, in suite order.
    assert quarantined(con, "people") == [
        ("E 11", ["employee_id_well_formed", "name_required"],
         "employee_id 'E 11' is not a well-formed id (spaces or control characters inside); name is missing")
    ]


def test_bad_rating_and_salary_never_echo_the_salary(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
               last_rating="9", base_salary="lots and lots")
    run(con, inbox, rubric, settings, [row])
    # The salary is named, its value is not repeated (salary values never leave the raw table).
    assert quarantined(con, "people") == [
        ("E11", ["last_rating_in_range", "base_salary_is_number"], "last_rating 9 is outside 1-5; base_salary is not a number")
    ]


def test_bad_enum_is_quarantined(con, inbox, rubric, settings):
    bad = dict(project_id="P5", employee_id="E04", role="boss", scope="task", start_date="2026-01-01")
    run(con, inbox, rubric, settings, projects__csv=("projects", BASE_PROJECTS + [bad]))
    assert quarantined(con, "projects") == [("E04", ["role_valid"], "role 'boss' is not one of contributor, lead, owner")]
    assert gates(con, "projects") == [("projects.csv", 6, 5, 1, 0, True)]
    # 'Lead' (any case) is the enumeration value 'lead'.
    assert con.execute("select role from clean_projects where employee_id = 'E07'").fetchone() == ("lead",)


def test_track_is_one_of_the_rubric_tracks_by_id_title_or_alias(con, inbox, rubric, settings):
    # Kai names the IC track by its title, Lu by an alias in another case, Mo by nothing the
    # rubric knows, Ned leaves it blank (the roster model then takes his level's track).
    extra = [dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
                  track="Individual Contributor"),
             dict(employee_id="E12", name="Lu", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
                  track=rubric.tracks[1].aliases[0].upper()),
             dict(employee_id="E13", name="Mo", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
                  track="wizardry"),
             dict(employee_id="E14", name="Ned", manager_id="E02", level="mid", team="core", hire_date="2022-05-01",
                  track=" ")]
    run(con, inbox, rubric, settings, extra)
    tracks = ", ".join(rubric.track_ids)  # the message lists the rubric's track ids, whatever the ladder
    assert quarantined(con, "people") == [
        ("E13", ["track_known"], f"track 'wizardry' is not a track of the rubric or one of its aliases ({tracks})")
    ]
    got = dict(con.execute("select employee_id, track from clean_people where employee_id in ('E11', 'E12', 'E14')").fetchall())
    assert got == {"E11": rubric.tracks[0].id, "E12": rubric.tracks[1].id, "E14": None}


def test_end_before_start_is_quarantined(con, inbox, rubric, settings):
    bad = dict(project_id="P5", employee_id="E04", role="lead", scope="task", start_date="2026-01-01", end_date="2025-12-31")
    run(con, inbox, rubric, settings, projects__csv=("projects", BASE_PROJECTS + [bad]))
    assert quarantined(con, "projects") == [
        ("E04", ["end_not_before_start"], "end_date 2025-12-31 is before start_date 2026-01-01")
    ]


def test_orphan_project_row_is_quarantined(con, inbox, rubric, settings):
    bad = dict(project_id="P5", employee_id="E99", role="lead", scope="task", start_date="2026-01-01")
    run(con, inbox, rubric, settings, projects__csv=("projects", BASE_PROJECTS + [bad]))
    assert quarantined(con, "projects") == [
        ("E99", ["employee_known"], "employee_id 'E99' is not in the served people snapshot (2026-10-31)")
    ]
    assert gates(con, "projects") == [("projects.csv", 6, 5, 1, 0, True)]


def test_proficiency_out_of_range_is_quarantined(con, inbox, rubric, settings):
    bad = dict(employee_id="E10", skill="pytorch", proficiency="7", assessed_on="2026-06-30", source="manager")
    run(con, inbox, rubric, settings, skills__csv=("skills", BASE_SKILLS + [bad]))
    assert quarantined(con, "skills") == [("E10", ["proficiency_in_range"], "proficiency 7 is outside 1-5")]
    assert gates(con, "skills") == [("skills.csv", 6, 5, 1, 0, True)]


def test_superseded_rows_are_counted(con, inbox, rubric, settings):
    later = [dict(project_id="P1", employee_id="E03", role="owner", scope="project", start_date="2025-02-01", status="done")]
    # projects.csv loads first, projects_fix.csv later: its P1/E03 row wins the natural key.
    summary = run(con, inbox, rubric, settings, projects__csv=("projects", BASE_PROJECTS),
                  projects_fix__csv=("projects", later))
    assert gates(con, "projects") == [("projects.csv", 5, 4, 0, 1, True), ("projects_fix.csv", 1, 1, 0, 0, True)]
    assert summary.rows_superseded["projects"] == 1
    assert con.execute("select role, scope, source_file from clean_projects where project_id = 'P1'").fetchall() == [
        ("owner", "project", "projects_fix.csv")
    ]


def test_missing_required_column_rejects_the_file(con, inbox, rubric, settings):
    no_dates = [{k: v for k, v in row.items() if k != "assessed_on"} for row in BASE_SKILLS]
    summary = run(con, inbox, rubric, settings, skills__csv=("skills", no_dates))
    assert summary.gate_failures == (
        "skills.csv rejected: required column assessed_on is missing or empty in every row; its rows are not used",
    )
    assert gates(con, "skills") == [("skills.csv", 5, 0, 5, 0, False)]
    assert con.execute("select count(*) from clean_skills").fetchone() == (0,)


def test_snapshot_over_the_gate_is_rejected_and_the_previous_one_served(con, inbox, rubric, settings):
    inbox.load("people", "people_2026-04-30.csv", BASE_PEOPLE, date(2026, 4, 30))
    # October: 4 of 10 hire dates unreadable = 40%, over the 20% gate.
    october = [dict(row, hire_date="n/a") if i < 4 else row for i, row in enumerate(BASE_PEOPLE)]
    inbox.load("people", "people_2026-10-31.csv", october, AS_OF)
    summary = validate(con, rubric, settings, RUN, AS_OF)
    assert summary.snapshot_as_of == date(2026, 4, 30)
    assert summary.gate_failures == (
        "people_2026-10-31.csv rejected: 40% of rows failed validation (gate 20%); still serving the 2026-04-30 snapshot",
    )
    assert con.execute("select distinct snapshot_as_of, count(*) from clean_people group by all").fetchall() == [
        (date(2026, 4, 30), 10)
    ]
    assert gates(con, "people") == [
        ("people_2026-04-30.csv", 10, 10, 0, 0, True),
        ("people_2026-10-31.csv", 10, 0, 10, 0, False),
    ]
    whole = "people_2026-10-31.csv rejected whole: 40% of rows failed validation (gate 20%)"
    unreadable = "hire_date 'n/a' is not a date (expected YYYY-MM-DD or YYYY/MM/DD or DD Mon YYYY or DD-Mon-YYYY or Mon DD, YYYY)"
    rows = quarantined(con, "people")
    assert rows[:4] == [(f"E0{i}", ["hire_date_is_date", "file_rejected"], f"{unreadable}; {whole}") for i in range(1, 5)]
    assert rows[4:] == [(f"E{i:02d}", ["file_rejected"], whole) for i in range(5, 11)]


def test_validation_results_count_every_check_per_file(con, inbox, rubric, settings):
    row = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="soon")
    run(con, inbox, rubric, settings, [row])
    results = con.execute(
        "select check_name, engine, rows_checked, rows_failed from validation_results where kind = 'people'"
    ).fetchall()
    suite = json.loads((SUITES_DIR / "people.json").read_text())
    assert [r[0] for r in results] == [e["meta"]["check"] for e in suite["expectations"]]
    assert {r[2] for r in results} == {11}
    assert [r for r in results if r[3]] == [("hire_date_is_date", "great_expectations", 11, 1)]
    assert ("manager_exists", "duckdb", 11, 0) in results


def test_suite_files_match_the_contract():
    # A contract change without `python -m transforms.validate.suite_spec` fails here.
    for kind in KINDS:
        assert (SUITES_DIR / f"{kind}.json").read_text() == suite_text(kind), kind


# Export dates: a row may not be dated after its own file's export date -------------------

BASE_ACTIVITIES = [
    dict(employee_id=e, activity_type="mentoring", date=d, counterpart_id="E04")
    for e, d in [("E02", "2026-01-10"), ("E03", "2026-02-10"), ("E05", "2026-03-10"), ("E06", "2026-04-10"),
                 ("E07", "2026-04-20")]
]


def test_planned_project_may_start_after_export_date(con, inbox, rubric, settings):
    planned = dict(project_id="P6", employee_id="E04", role="lead", scope="feature", start_date="2027-01-15",
                   status="Planned")
    active = dict(project_id="P7", employee_id="E08", role="lead", scope="feature", start_date="2027-01-15",
                  status="active")
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    inbox.load("projects", "projects_2026-10-31.csv", BASE_PROJECTS + [planned, active])
    validate(con, rubric, settings, RUN, AS_OF)
    # Both start after the export date 2026-10-31; only the planned one may ('Planned' in any case).
    assert quarantined(con, "projects") == [
        ("E08", ["start_date_not_after_as_of"], "start_date 2027-01-15 is after the as-of date 2026-10-31")
    ]
    # 5 base rows + the planned one clean, the active one quarantined: 1/7 = 14% < 20%.
    assert gates(con, "projects") == [("projects_2026-10-31.csv", 7, 6, 1, 0, True)]
    assert con.execute("select start_date, status from clean_projects where project_id = 'P6'").fetchall() == [
        (date(2027, 1, 15), "planned")
    ]


def test_historical_run_does_not_quarantine_later_rows(con, inbox, rubric, settings):
    april = date(2026, 4, 30)
    inbox.load("people", "people_2026-04-30.csv", BASE_PEOPLE, april)
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    later_project = dict(project_id="P6", employee_id="E04", role="lead", scope="feature", start_date="2026-06-01")
    later_move = dict(employee_id="E04", effective_date="2026-09-01", level="mid")
    later_talk = dict(employee_id="E03", activity_type="tech_talk", date="2026-08-15", audience="org")
    inbox.load("projects", "projects_2026-10-31.csv", BASE_PROJECTS + [later_project])
    inbox.load("job_history", "job_history_2026-10-31.csv", [later_move])
    inbox.load("activities", "activities_2026-10-31.csv", BASE_ACTIVITIES + [later_talk])
    inbox.load("skills", "skills_2026-10-31.csv", BASE_SKILLS)  # all assessed 2026-06-30
    # Re-run as of April over a warehouse that also holds the October exports.
    summary = validate(con, rubric, settings, RUN, april)
    assert summary.snapshot_as_of == april
    # Rows dated May-October lie after the run's date but not after their files' export date
    # (2026-10-31): all clean; scoring ignores them by date.
    assert summary.quarantined_total == 0
    assert summary.rows_clean == {"people": 10, "job_history": 1, "projects": 6, "activities": 6, "skills": 5}
    # Only the April roster is examined; the October one is newer than the run.
    assert gates(con, "people") == [("people_2026-04-30.csv", 10, 10, 0, 0, True)]


def test_date_after_export_date_is_quarantined(con, inbox, rubric, settings):
    run_as_of = date(2026, 11, 30)  # a month after the newest roster
    hired_later = dict(employee_id="E11", name="Kai", manager_id="E02", level="mid", team="core", hire_date="2026-11-15")
    late_skill = dict(employee_id="E10", skill="pytorch", proficiency="4", assessed_on="2026-10-15", source="manager")
    in_time = dict(employee_id="E08", activity_type="design_doc", date="2026-11-20")
    too_late = dict(employee_id="E06", activity_type="design_doc", date="2026-12-01")
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE + [hired_later], AS_OF)
    inbox.load("skills", "skills_2026-09-30.csv", BASE_SKILLS + [late_skill])
    inbox.load("activities", "activities.csv", BASE_ACTIVITIES + [in_time, too_late])  # no date in the name
    validate(con, rubric, settings, RUN, run_as_of)
    # People: the limit is the snapshot's date (2026-10-31), not the run's (2026-11-30).
    assert quarantined(con, "people") == [
        ("E11", ["hire_date_not_after_as_of"], "hire_date 2026-11-15 is after the as-of date 2026-10-31")
    ]
    # Skills: the date in the file name (2026-09-30), although the row predates the run.
    assert quarantined(con, "skills") == [
        ("E10", ["assessed_on_not_after_as_of"], "assessed_on 2026-10-15 is after the as-of date 2026-09-30")
    ]
    # Activities: no date in the name, so the run's as-of date; 2026-11-20 is on time.
    assert quarantined(con, "activities") == [
        ("E06", ["date_not_after_as_of"], "date 2026-12-01 is after the as-of date 2026-11-30")
    ]
    assert gates(con, "activities") == [("activities.csv", 7, 6, 1, 0, True)]


# Same-day people files: a corrected re-export replaces the earlier file ---------------------


def test_corrected_reexport_replaces_same_day_snapshot(con, inbox, rubric, settings):
    corrected = [dict(row, level="mid") if row["employee_id"] == "E04" else row for row in BASE_PEOPLE]
    newcomer = dict(employee_id="E11", name="Kai", manager_id="E02", level="junior", team="core", hire_date="2026-10-01")
    inbox.load("people", SNAPSHOT_FILE, BASE_PEOPLE, AS_OF)
    inbox.load("people", "people_2026-10-31_fixed.csv", corrected + [newcomer], AS_OF)  # loaded later
    inbox.load("projects", "projects_2026-10-31.csv",
               [dict(project_id="P9", employee_id="E11", role="contributor", scope="task", start_date="2026-10-15")])
    summary = validate(con, rubric, settings, RUN, AS_OF)
    assert summary.snapshot_as_of == AS_OF
    # Not 20 rows with 10 shared ids quarantined as duplicates: the fixed file replaces the first.
    assert summary.quarantined_total == 0
    assert gates(con, "people") == [
        (SNAPSHOT_FILE, 10, 0, 0, 10, True),
        ("people_2026-10-31_fixed.csv", 11, 11, 0, 0, True),
    ]
    assert con.execute("select reason from file_gates where source_file = ?", [SNAPSHOT_FILE]).fetchone() == (
        "replaced by people_2026-10-31_fixed.csv with the same as-of date",
    )
    assert summary.rows_superseded["people"] == 10
    # Dee's corrected level is served; Kai (only in the fixed file) is known to the projects check.
    assert con.execute("select level from clean_people where employee_id = 'E04'").fetchone() == ("mid",)
    assert con.execute("select distinct source_file from clean_people").fetchall() == [("people_2026-10-31_fixed.csv",)]
    assert con.execute("select employee_id from clean_projects").fetchall() == [("E11",)]
