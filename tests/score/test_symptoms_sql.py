"""One SQL test per symptom of the default ladder: a minimal engineer who shows it and one who does not.

The level of each symptom is read from the rubric, never written here.
"""

from __future__ import annotations

from datetime import date

from transforms.model import build_model
from transforms.score import score

AS_OF = date(2026, 10, 31)
D = date.fromisoformat


def level_of(ladder, symptom_id: str) -> str:
    return next(s.level for s in ladder.symptoms if s.id == symptom_id)


def project(tag, eid, role="contributor", scope="feature", visibility="team", cross=False, domain="nlp"):
    return {"tag": tag, "project_id": tag, "employee_id": eid, "role": role, "scope": scope, "impact": "medium",
            "visibility": visibility, "cross_team": cross, "domain": domain, "start_date": D("2025-03-01"),
            "end_date": D("2025-09-01"), "status": "done"}


def activity(tag, eid, type_="tech_talk", audience="team"):
    return {"tag": tag, "employee_id": eid, "activity_type": type_, "activity_date": D("2025-06-01"), "audience": audience}


def filler(add, con):
    """One row in every evidence kind (for a third person) so every kind counts as loaded."""
    add(con, "clean_projects", [project("fill", "FILL")])
    add(con, "clean_activities", [activity("fill", "FILL")])
    add(con, "clean_skills", [{"employee_id": "FILL", "skill": "x", "proficiency": 1, "assessed_on": D("2025-01-01"), "source": "manager"}])
    add(con, "clean_job_history", [{"employee_id": "FILL", "effective_date": D("2020-01-01"), "level": "x"}])


def symptoms_of(con, ladder) -> dict[str, list[str]]:
    build_model(con, ladder, AS_OF)
    score(con, ladder, "r", AS_OF)
    return dict(con.execute("select employee_id, symptoms from readiness where run_id = 'r'").fetchall())


def check(con, ladder, add, person, symptom_id, yes_rows, no_rows, yes_person=None, no_person=None):
    level = level_of(ladder, symptom_id)
    add(con, "clean_people", [person("YES", level, **(yes_person or {})), person("NO", level, **(no_person or {}))])
    for table, rows in yes_rows + no_rows:
        add(con, table, rows)
    filler(add, con)
    got = symptoms_of(con, ladder)
    assert symptom_id in got["YES"]
    assert symptom_id not in got["NO"]


def test_only_well_defined_tasks(con, ladder, add, person):
    check(con, ladder, add, person, "only_well_defined_tasks",
          [("clean_projects", [project("t", "YES", scope="task")])],
          [("clean_projects", [project("f", "NO", scope="feature")])])


def test_not_trusted_with_larger_scope(con, ladder, add, person):
    check(con, ladder, add, person, "not_trusted_with_larger_scope",
          [("clean_projects", [project("c", "YES")])],
          [("clean_projects", [project("l", "NO", role="lead", scope="task")])])


def test_feedback_on_basics(con, ladder, add, person):
    check(con, ladder, add, person, "feedback_on_basics", [], [], {"last_rating": 2}, {"last_rating": 3})


def test_executor_not_leader(con, ladder, add, person):
    # YES: three projects as contributor; NO: three projects, one led at project scope
    check(con, ladder, add, person, "executor_not_leader",
          [("clean_projects", [project(f"y{i}", "YES", scope="project") for i in range(3)])],
          [("clean_projects", [project("n0", "NO", role="lead", scope="project"), project("n1", "NO"), project("n2", "NO")])])


def test_not_influencing_decisions(con, ladder, add, person):
    check(con, ladder, add, person, "not_influencing_decisions",
          [("clean_activities", [activity("t", "YES")])],
          [("clean_activities", [activity("d", "NO", type_="design_doc")])])


def test_others_promoted_instead(con, ladder, add, person):
    level = level_of(ladder, "others_promoted_instead")
    up = ladder.next_level(level)
    add(con, "clean_people", [person("MATE", up)])
    # MATE entered the level in 2025-06 (after both YES and NO started), left upwards in 2026-03;
    # YES started 2025-01 (from roster) and waited; NO is on another team.
    add(con, "clean_job_history", [
        {"tag": "in", "employee_id": "MATE", "effective_date": D("2025-06-01"), "level": level},
        {"tag": "up", "employee_id": "MATE", "effective_date": D("2026-03-01"), "level": up},
    ])
    check(con, ladder, add, person, "others_promoted_instead", [], [], {}, {"team": "elsewhere"})


def test_poor_visibility(con, ladder, add, person):
    check(con, ladder, add, person, "poor_visibility",
          [("clean_projects", [project("p", "YES")]), ("clean_activities", [activity("a", "YES")])],
          [("clean_activities", [activity("a2", "NO", audience="org")])])


def test_comfort_zone(con, ladder, add, person):
    # YES: two nlp projects at project scope; NO: same domain but one multi_team project
    check(con, ladder, add, person, "comfort_zone",
          [("clean_projects", [project("y1", "YES", scope="project"), project("y2", "YES")])],
          [("clean_projects", [project("n1", "NO", scope="multi_team"), project("n2", "NO")])])


def test_no_cross_team_work(con, ladder, add, person):
    check(con, ladder, add, person, "no_cross_team_work",
          [("clean_projects", [project("y", "YES")])],
          [("clean_projects", [project("n", "NO", cross=True)])])


def test_symptom_needing_an_unloaded_export_is_not_raised(con, ladder, add, person):
    # no projects at all were delivered: "no project above task scope" is unknown, not true
    add(con, "clean_people", [person("A", level_of(ladder, "only_well_defined_tasks"))])
    assert symptoms_of(con, ladder)["A"] == []
