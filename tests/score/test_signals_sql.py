"""One SQL test per signal kind: hand-written evidence rows in, hand-computed values out.

Levels come from tests/score/tiny-ladder.yaml. Everyone starts the level on 2025-01-01
unless said otherwise; the as-of date is 2026-10-31.
"""

from __future__ import annotations

from datetime import date

from transforms.model import build_model
from dataclasses import replace

from transforms.rubric import EvidenceRules, Signal
from transforms.score.signals import compile_signal

AS_OF = date(2026, 10, 31)
D = date.fromisoformat


def run(con, signal: Signal) -> dict:
    rows = con.execute(compile_signal(signal), {"as_of": AS_OF} if signal.kind == "others_promoted_instead" else None).fetchall()
    return {eid: (value, row_ids) for eid, value, row_ids in rows}


def project(tag, eid="A", role="contributor", scope="feature", impact="medium", visibility="team",
            cross=False, domain="nlp", start="2025-03-01", end=None, status="done"):
    return {"tag": tag, "project_id": tag, "employee_id": eid, "role": role, "scope": scope, "impact": impact,
            "visibility": visibility, "cross_team": cross, "domain": domain, "start_date": D(start),
            "end_date": D(end) if end else None, "status": status}


def activity(tag, eid="A", type_="design_doc", on="2025-06-01", audience="team", counterpart=None):
    return {"tag": tag, "employee_id": eid, "activity_type": type_, "activity_date": D(on),
            "audience": audience, "counterpart_id": counterpart}


def test_count_projects_applies_every_filter_and_the_level_window(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "associate")])
    add(con, "clean_projects", [
        project("match", role="lead", scope="project", impact="high", visibility="org", cross=True),
        project("plain"),                                              # counts only unfiltered
        project("cancelled", role="lead", scope="org", impact="critical", visibility="external", cross=True, status="cancelled"),
        project("before", role="lead", scope="project", impact="high", visibility="org", cross=True,
                start="2024-03-01", end="2024-12-31"),                 # ended before the level start
        project("future", status="planned", start="2026-12-01"),      # starts after the as-of date
        project("open", role="owner", scope="org", impact="critical", visibility="external", cross=True,
                start="2024-06-01", status="active"),                  # open, started before the level: counts
    ])
    build_model(con, tiny_ladder, AS_OF)
    sig = Signal("count_projects", {"role": ["lead", "owner"], "scope_at_least": "project", "impact_at_least": "high",
                                    "visibility_at_least": "org", "status": ["done"], "cross_team": True})
    assert run(con, sig) == {"A": (1.0, ["clean_projects:match"])}
    assert run(con, Signal("count_projects")) == {"A": (3.0, ["clean_projects:match", "clean_projects:open", "clean_projects:plain"])}
    assert run(con, Signal("count_projects", {"cross_team": False})) == {"A": (1.0, ["clean_projects:plain"])}


def test_evidence_eligibility_is_the_rubrics(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "associate")])
    add(con, "clean_projects", [
        project("planned", role="lead", status="planned", start="2026-06-01"),  # not started work, already begun on paper
        project("done"),
        project("unknown", status=None),                                           # no status exported: counts
    ])
    add(con, "clean_skills", [
        {"tag": "self", "employee_id": "A", "skill": "pytorch", "proficiency": 5, "assessed_on": D("2026-02-01"), "source": "self"},
    ])
    # tiny-ladder.yaml has no `evidence:` section: every status but cancelled, manager and peer assessments
    build_model(con, tiny_ladder, AS_OF)
    assert run(con, Signal("count_projects"))["A"][0] == 3.0
    assert run(con, Signal("max_proficiency", skills=("pytorch",))) == {}
    # a ladder counting only active and done projects, and self-assessments too
    strict = replace(tiny_ladder, evidence=EvidenceRules(project_statuses=("active", "done"),
                                                         skill_sources=("manager", "peer", "self")))
    build_model(con, strict, AS_OF)
    assert run(con, Signal("count_projects")) == {"A": (2.0, ["clean_projects:done", "clean_projects:unknown"])}
    assert run(con, Signal("max_proficiency", skills=("pytorch",))) == {"A": (5.0, ["clean_skills:self"])}


def test_count_activities_by_type_audience_and_any_of(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "associate")])
    add(con, "clean_activities", [
        activity("doc_team"),
        activity("doc_org", audience="org"),
        activity("doc_old", on="2024-12-31", audience="company"),   # before the level start
        activity("talk_ext", type_="tech_talk", audience="external"),
        activity("blog", type_="blog_post", audience="team"),
    ])
    build_model(con, tiny_ladder, AS_OF)
    assert run(con, Signal("count_activities", {"type": ["design_doc"]})) == {"A": (2.0, ["clean_activities:doc_org", "clean_activities:doc_team"])}
    assert run(con, Signal("count_activities", {"audience_at_least": "org"})) == {"A": (2.0, ["clean_activities:doc_org", "clean_activities:talk_ext"])}
    either = Signal("count_activities", any_of=({"type": ["blog_post"]}, {"audience_at_least": "external"}))
    assert run(con, either) == {"A": (2.0, ["clean_activities:blog", "clean_activities:talk_ext"])}


def test_distinct_counterparts_counts_people_not_sessions(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "practitioner")])
    add(con, "clean_activities", [
        activity("m1", type_="mentoring", counterpart="X"),
        activity("m2", type_="mentoring", on="2025-09-01", counterpart="X"),
        activity("m3", type_="mentoring", counterpart="Y"),
        activity("m4", type_="mentoring"),                 # no counterpart named: not a person
        activity("i1", type_="interviewing", counterpart="Z"),
    ])
    build_model(con, tiny_ladder, AS_OF)
    got = run(con, Signal("distinct_counterparts", {"type": ["mentoring"]}))
    assert got == {"A": (2.0, ["clean_activities:m1", "clean_activities:m2", "clean_activities:m3"])}


def test_domain_signals(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "practitioner")])
    add(con, "clean_projects", [project("n1"), project("n2"), project("c1", domain="cv"), project("x", domain=None)])
    build_model(con, tiny_ladder, AS_OF)
    # nlp has 2 projects, cv 1; a project without a domain is in none
    assert run(con, Signal("max_projects_in_one_domain")) == {"A": (2.0, ["clean_projects:n1", "clean_projects:n2"])}
    assert run(con, Signal("distinct_project_domains")) == {"A": (2.0, ["clean_projects:c1", "clean_projects:n1", "clean_projects:n2"])}


def test_max_proficiency_uses_latest_manager_or_peer_assessment(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "associate"), person("B", "associate")])
    add(con, "clean_skills", [
        {"tag": "old", "employee_id": "A", "skill": "PyTorch", "proficiency": 5, "assessed_on": D("2024-01-01"), "source": "manager"},
        {"tag": "new", "employee_id": "A", "skill": "pytorch", "proficiency": 3, "assessed_on": D("2026-01-01"), "source": "peer"},
        {"tag": "self", "employee_id": "A", "skill": "docker", "proficiency": 5, "assessed_on": D("2026-02-01"), "source": "self"},
        {"tag": "dock", "employee_id": "A", "skill": "docker", "proficiency": 2, "assessed_on": D("2025-02-01"), "source": "manager"},
        {"tag": "onlyself", "employee_id": "B", "skill": "pytorch", "proficiency": 5, "assessed_on": D("2026-01-01"), "source": "self"},
    ])
    build_model(con, tiny_ladder, AS_OF)
    # A: pytorch latest is the peer's 3 (the older 5 is superseded), docker's self 5 never counts -> 3
    got = run(con, Signal("max_proficiency", skills=("pytorch", "docker")))
    assert got == {"A": (3.0, ["clean_skills:new"])}  # B has only a self-assessment: nothing


def test_last_rating(con, tiny_ladder, add, person):
    add(con, "clean_people", [person("A", "associate", last_rating=2), person("B", "associate")])
    build_model(con, tiny_ladder, AS_OF)
    assert run(con, Signal("last_rating")) == {"A": (2.0, ["clean_people:A"])}


def test_others_promoted_instead(con, tiny_ladder, add, person):
    add(con, "clean_people", [
        person("ME", "practitioner"), person("FAST", "expert"), person("EARLY", "expert"),
        person("ELSEWHERE", "expert", team="other"),
    ])
    add(con, "clean_job_history", [
        {"tag": "me", "employee_id": "ME", "effective_date": D("2023-01-01"), "level": "practitioner"},
        {"tag": "fast_in", "employee_id": "FAST", "effective_date": D("2023-06-01"), "level": "practitioner"},
        {"tag": "fast_up", "employee_id": "FAST", "effective_date": D("2025-01-01"), "level": "expert"},
        {"tag": "early_in", "employee_id": "EARLY", "effective_date": D("2022-01-01"), "level": "practitioner"},
        {"tag": "early_up", "employee_id": "EARLY", "effective_date": D("2024-01-01"), "level": "expert"},
        {"tag": "else_in", "employee_id": "ELSEWHERE", "effective_date": D("2023-06-01"), "level": "practitioner"},
        {"tag": "else_up", "employee_id": "ELSEWHERE", "effective_date": D("2024-06-01"), "level": "expert"},
    ])
    build_model(con, tiny_ladder, AS_OF)
    # FAST entered after ME and left upwards; EARLY entered before ME; ELSEWHERE is on another team
    assert run(con, Signal("others_promoted_instead")) == {"ME": (1.0, ["clean_job_history:fast_up"])}
