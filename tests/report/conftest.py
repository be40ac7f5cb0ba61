"""The story org for the report tests: hand-written warehouse rows for two runs.

Org (snapshot 2026-03-01, run r2; previous completed run r1 on 2025-09-01):
  M0 Dana Root (director, top)
  ├── M1 Ari Lead (engineering manager)
  │   ├── E1 Cam Ready       mid, ready (was on_track)        -> newly ready
  │   │   └── E3 Eli Junior  junior, on_track                  (indirect report of M1)
  │   └── E2 <script> name   junior, on_track                  -> escaping story
  └── M2 Bo Lead (engineering manager)
      ├── E4 =cmd formula    junior, stuck (was watch)         -> newly stuck, formula story
      ├── E5 Hana Accel      junior, ready + accelerated       -> newly ready
      ├── E6 Ivy Watch       senior, watch
      └── E8 Kim Promoted    mid now, junior in r1              -> promoted
  E7 Jo Gone was in M1's org in r1 and is gone now              -> left
  E9 Lou Missing names E1 as manager, but the row is quarantined -> listed on E1's, M1's and M0's pages
E1's unused evidence: a quarantined project row, a cancelled project and a self-assessment.
Salary 987654.32 and genders gx-alpha / gx-beta are canaries that must never leak.
"""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from transforms.config import DEFAULT_RUBRIC
from transforms.contract import clean_tables_ddl
from transforms.rubric import load_rubric
from transforms.sql_files import sql_text
from transforms.warehouse import connect

SALARY_CANARY = "987654.32"
GENDERS = ("gx-alpha", "gx-beta")
SCRIPT_NAME = "<script>alert('pwned')</script>"
FORMULA_NAME = "=cmd|'/C calc'!A0"
SNAPSHOT, PREVIOUS_SNAPSHOT = date(2026, 3, 1), date(2025, 9, 1)
HASHES = {"people": "a" * 64, "projects": "b" * 64, "activities": "c" * 64, "skills": "d" * 64}

# employee_id, name, manager_id, team, level key, gender
PEOPLE = [
    ("M0", "Dana Root", None, "Leadership", "director", GENDERS[0]),
    ("M1", "Ari Lead", "M0", "Vision", "engineering_manager", GENDERS[0]),
    ("M2", "Bo Lead", "M0", "Ranking", "engineering_manager", GENDERS[1]),
    ("E1", "Cam Ready", "M1", "Vision", "mid", GENDERS[0]),
    ("E2", SCRIPT_NAME, "M1", "Vision", "junior", GENDERS[1]),
    ("E3", "Eli Junior", "E1", "Vision", "junior", GENDERS[0]),
    ("E4", FORMULA_NAME, "M2", "Ranking", "junior", GENDERS[0]),
    ("E5", "Hana Accel", "M2", "Ranking", "junior", GENDERS[1]),
    ("E6", "Ivy Watch", "M2", "Ranking", "senior", GENDERS[0]),
    ("E8", "Kim Promoted", "M2", "Ranking", "mid", GENDERS[0]),
]
# org_tree written by hand: every manager -> every direct and indirect report
ORG_TREE = [
    ("M0", e, 1 if e in ("M1", "M2") else (3 if e == "E3" else 2))
    for e in ("M1", "M2", "E1", "E2", "E3", "E4", "E5", "E6", "E8")
] + [("M1", "E1", 1), ("M1", "E2", 1), ("M1", "E3", 2), ("E1", "E3", 1)] + [
    ("M2", e, 1) for e in ("E4", "E5", "E6", "E8")
]
# employee_id, years_in_level, score, status, accelerated (r2)
READINESS_R2 = {
    "E1": (3.2, 91.7, "ready", False),
    "E2": (0.8, 40.0, "on_track", False),
    "E3": (1.0, 30.0, "on_track", False),
    "E4": (4.5, 22.0, "stuck", False),
    "E5": (1.7, 84.0, "ready", True),
    "E6": (4.7, 55.0, "watch", False),
    "E8": (0.4, 10.0, "on_track", False),
}
# employee_id -> (level key, years, score, status, manager) in r1
READINESS_R1 = {
    "E1": ("mid", 2.7, 70.0, "on_track", "M1"),
    "E2": ("junior", 0.3, 20.0, "on_track", "M1"),
    "E4": ("junior", 4.0, 20.0, "watch", "M2"),
    "E5": ("junior", 1.2, 60.0, "on_track", "M2"),
    "E6": ("senior", 4.2, 50.0, "watch", "M2"),
    "E7": ("junior", 2.1, 35.0, "on_track", "M1"),
    "E8": ("junior", 2.4, 86.0, "ready", "M2"),
}


# The column order the rows below are written in, where it is not the table's own.
COLUMN_ORDER = {
    "clean_people": "snapshot_as_of, employee_id, name, email, manager_id, level, level_raw, track, team, hire_date, "
                    "level_start_date, employment_status, location, last_rating, base_salary, currency, gender, "
                    "row_id, source_file, source_line",
    "clean_projects": "project_id, project_name, employee_id, role, scope, impact, visibility, cross_team, domain, "
                      "start_date, end_date, status, row_id, source_file, source_line",
}


def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        columns = f" ({COLUMN_ORDER[table]})" if table in COLUMN_ORDER else ""
        con.executemany(f"insert into {table}{columns} values ({marks})", rows)


def build_story_org(con, rubric) -> None:
    """Insert the story org's rows into a fresh warehouse (shared tables already created)."""
    con.execute(clean_tables_ddl())
    title = {lv.id: lv.title for lv in rubric.levels}
    assert {"junior", "mid", "senior", "director", "engineering_manager"} <= set(title), "rubric changed its level ids"
    track = {lv.id: lv.track for lv in rubric.levels}
    for kind, sha in HASHES.items():
        _insert(con, "ingest_files", [(sha, kind, f"{kind}_2026-03-01.csv", f"archive/{sha}.csv", "csv",
                                       SNAPSHOT if kind == "people" else None, "column" if kind == "people" else None,
                                       12, 11, 1, [], datetime(2026, 3, 2, 6))])
    _insert(con, "pipeline_runs", [
        ("r1", "cli", PREVIOUS_SNAPSHOT, PREVIOUS_SNAPSHOT, datetime(2025, 9, 2), datetime(2025, 9, 2, 0, 1), 60.0,
         "completed", None, list(HASHES.values()), rubric.name, rubric.version, rubric.sha256, "{}", None),
        # a failed run on a later snapshot must not be the comparison point
        ("r1b", "cli", date(2025, 12, 1), date(2025, 12, 1), datetime(2025, 12, 2), None, None,
         "failed", "boom", None, None, None, None, None, None),
        ("r2", "cli", SNAPSHOT, SNAPSHOT, datetime(2026, 3, 2), None, None,
         "running", None, list(HASHES.values()), rubric.name, rubric.version, rubric.sha256, None, None),
    ])
    people_rows, roster_rows = [], []
    for i, (eid, name, mgr, team, level, gender) in enumerate(PEOPLE, start=2):
        row_id = f"{HASHES['people'][:16]}:{i}"
        people_rows.append((SNAPSHOT, eid, name, None, mgr, level, title[level], track[level], team, date(2018, 1, 1),
                            None, "active", None, 3, float(SALARY_CANARY), "EUR", gender, row_id, "people_2026-03-01.csv", i))
        roster_rows.append((SNAPSHOT, eid, name, None, mgr, level, title[level], track[level], team, date(2018, 1, 1),
                            None, "active", None, 3, row_id))
    _insert(con, "clean_people", people_rows)
    con.execute(
        "create table roster (snapshot_as_of date, employee_id varchar, name varchar, email varchar, manager_id varchar, "
        "level varchar, level_raw varchar, track varchar, team varchar, hire_date date, level_start_date date, "
        "employment_status varchar, location varchar, last_rating integer, row_id varchar)"
    )
    _insert(con, "roster", roster_rows)
    con.execute("create table org_tree (manager_id varchar, employee_id varchar, depth integer)")
    _insert(con, "org_tree", ORG_TREE)

    people = {p[0]: p for p in PEOPLE}
    rows = []
    for eid, (years, score, status, acc) in READINESS_R2.items():
        _, name, mgr, team, level, _ = people[eid]
        symptoms = ["only_well_defined_tasks"] if eid == "E4" else []
        rows.append(("r2", eid, name, mgr, team, "ic", level, rubric.next_level(level), date(2022, 1, 1), "hire_date",
                     years, score, status, acc, None, symptoms, 6, 6))
    for eid in ("M0", "M1", "M2"):
        _, name, mgr, team, level, _ = people[eid]
        rows.append(("r2", eid, name, mgr, team, "management", level, None, None, "hire_date", 5.0, None,
                     "not_scored", False, "management track is not scored by this ladder", [], 0, 0))
    for eid, (level, years, score, status, mgr) in READINESS_R1.items():
        name = "Jo Gone" if eid == "E7" else people[eid][1]
        team = "Vision" if eid == "E7" else people[eid][3]
        rows.append(("r1", eid, name, mgr, team, "ic", level, rubric.next_level(level), date(2022, 1, 1), "hire_date",
                     years, score, status, False, None, [], 6, 6))
    _insert(con, "readiness", rows)

    # E1's packet (mid -> senior): weights 3,2,2,1,1,1 = 10, so points = 10 x weight x min(1, m/t)
    measured = {"system_design": 1, "technical_direction": 2, "mentoring": 2, "cross_functional": 1,
                "domain_depth": 2, "mlops_depth": 2}
    evidence = {"system_design": ["p:1"], "technical_direction": ["a:1", "a:2"], "mentoring": ["a:3", "a:4"],
                "cross_functional": ["p:1"], "domain_depth": ["p:1", "p:2"], "mlops_depth": ["s:1"]}
    crit_rows = []
    for c in rubric.promotion("mid").criteria:
        m = measured[c.id]
        crit_rows.append(("r2", "E1", c.id, "senior", c.title, m, c.target, c.weight, 10 * c.weight * min(1, m / c.target),
                          True, m >= c.target, c.remedy, evidence[c.id]))
    # E4 (junior -> mid): nothing delivered; skills never exported (not measured)
    for c in rubric.promotion("junior").criteria:
        is_skill = c.signal.kind == "max_proficiency"
        crit_rows.append(("r2", "E4", c.id, "mid", c.title, None if is_skill else 0, c.target, c.weight,
                          None if is_skill else 0.0, not is_skill, None if is_skill else False, c.remedy, []))
    _insert(con, "readiness_criteria", crit_rows)
    sym = next(s for s in rubric.symptoms if s.id == "only_well_defined_tasks")
    _insert(con, "readiness_symptoms", [("r2", "E4", "junior", sym.id, sym.title, list(sym.remedies),
                                         "no counted project above task scope")])
    _insert(con, "clean_projects", [
        ("P-17", "Churn model v2", "E1", "lead", "project", "high", "org", True, "nlp", date(2024, 2, 1),
         date(2024, 11, 1), "done", "p:1", "projects.csv", 2),
        ("P-21", "Search ranking", "E1", "contributor", "feature", "medium", "team", False, "nlp", date(2025, 1, 5),
         None, "active", "p:2", "projects.csv", 3),
    ])
    _insert(con, "clean_activities", [
        ("E1", "design_doc", date(2024, 5, 2), "Feature store design", "org", None, "a:1", "activities.csv", 2),
        ("E1", "design_doc", date(2025, 2, 3), "Serving roadmap", "team", None, "a:2", "activities.csv", 3),
        ("E1", "mentoring", date(2025, 4, 1), "Weekly mentoring", "team", "E3", "a:3", "activities.csv", 4),
        ("E1", "mentoring", date(2025, 6, 1), "Onboarding buddy", "team", "E4", "a:4", "activities.csv", 5),
    ])
    _insert(con, "clean_skills", [("E1", "kubernetes", 2, date(2025, 10, 1), "manager", "s:1", "skills.csv", 2),
                                  ("E1", "pytorch", 5, date(2025, 11, 1), "self", "s:2", "skills.csv", 3)])
    _insert(con, "clean_projects", [
        ("P-30", "Cancelled idea", "E1", "lead", "org", "high", "org", True, "nlp", date(2025, 3, 1),
         None, "cancelled", "p:3", "projects.csv", 4),
    ])
    # the model stage's evidence tables, built by its own SQL from the rows above
    con.execute("create table level_tenure as select employee_id, level_start_date from readiness where run_id = 'r2'")
    for name in ("evidence_projects", "evidence_activities", "evidence_skills"):
        text = sql_text("transforms.model", name)
        params = {"as_of": SNAPSHOT, "project_statuses": list(rubric.evidence.project_statuses),
                  "skill_sources": list(rubric.evidence.skill_sources)}
        con.execute(f"create table {name} as {text}", {k: v for k, v in params.items() if f"${k}" in text})
    con.execute("insert into raw_people (row_id, file_sha256, source_file, source_line, snapshot_as_of, employee_id, "
                "name, manager_id, level, base_salary, gender) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ["q:2", HASHES["people"], "people_2026-03-01.csv", 10, SNAPSHOT, "E9", "Lou Missing", "E1", "Junoir",
                 SALARY_CANARY, GENDERS[0]])
    _insert(con, "quarantine", [
        ("r2", "people", "q:1", HASHES["people"], "people_2026-03-01.csv", 9, FORMULA_NAME, ["invalid_decimal", "future_date"],
         f"base_salary '{SALARY_CANARY}x' is not a decimal; hire_date 2027-01-01 is after the as-of date"),
        ("r2", "people", "q:2", HASHES["people"], "people_2026-03-01.csv", 10, "E9", ["level_known", "base_salary_is_number"],
         "level 'Junoir' is not a level of the rubric; base_salary is not a number"),
        ("r2", "projects", "q:3", HASHES["projects"], "projects.csv", 5, "E1", ["status_valid"],
         "status 'paused' is not one of planned, active, done, cancelled"),
    ])
    _insert(con, "ingest_rejects", [(HASHES["people"], "people_2026-03-01.csv", 12,
                                     f"E99,Broken,\"M1,{SALARY_CANARY},{GENDERS[1]}", "unterminated quote")])
    _insert(con, "file_gates", [
        ("r2", "people", HASHES["people"], "people_2026-03-01.csv", SNAPSHOT, 11, 10, 1, 0, 1 / 11, True, None),
    ])
    _insert(con, "validation_results", [
        ("r2", "people", HASHES["people"], "people_2026-03-01.csv", "invalid_decimal", "great_expectations", 11, 1),
    ])


@pytest.fixture
def rubric():
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture
def story(rubric):
    """An in-memory warehouse holding the story org."""
    con = connect(":memory:")
    build_story_org(con, rubric)
    yield con
    con.close()


@pytest.fixture(scope="module")
def story_run(tmp_path_factory):
    """The story org's reports for r1 then r2, rendered once per test module; the r2 folder."""
    from transforms.report import write_reports

    rubric = load_rubric(DEFAULT_RUBRIC)
    con = connect(":memory:")
    build_story_org(con, rubric)
    reports = tmp_path_factory.mktemp("story") / "reports"
    write_reports(con, "r1", reports, rubric)
    out = write_reports(con, "r2", reports, rubric)
    con.close()
    return out


@pytest.fixture
def org():
    """The story org's names and canaries, for assertions."""
    return SimpleNamespace(
        salary=SALARY_CANARY, genders=GENDERS, script_name=SCRIPT_NAME, formula_name=FORMULA_NAME,
        names={p[0]: p[1] for p in PEOPLE} | {"E7": "Jo Gone"},
    )
