"""The named story engineers: hand-written rows whose names say what scoring should find.

Dates are whole months before the as-of date (`m(42)` = 42 months earlier), so the
stories hold for any as-of date. Years in level below are days / 365.25 at 2026-10-31.
Teams 0, 1 and 2 (nlp-1, cv-1, recsys-1) hold only story engineers, so no generated
teammate can change a story (others_promoted_instead compares teammates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from demo.arrays import months_before
from demo.levels import ExportLevels
from demo.manifest import ABSENT, Story

STORY_TEAMS = 3
MANAGER_ID = "E0000002"  # Mia Manager, engineering manager of team 0
JUNIOR, MID, SENIOR, STAFF = range(4)


@dataclass(frozen=True)
class StoryRows:
    stories: tuple[Story, ...]
    people: list[dict]  # newest roster; 'team_index' set, team / manager_id filled by the roster
    earlier_people: list[dict]  # the earlier snapshot
    job_history: list[dict]
    projects: list[dict]
    activities: list[dict]
    skills: list[dict]


def build_stories(as_of: date, earlier: date, lv: ExportLevels) -> StoryRows:
    """Every story's rows for the newest roster, the earlier snapshot and the evidence files."""

    def m(months: int) -> date:
        return months_before(as_of, months)

    people, history, projects, activities, skills, stories = [], [], [], [], [], []

    def person(eid, name, level, team, hire, level_start=None, status="active", rating=3, track="ic",
               salary=150_000, gender="female", location="Berlin"):
        people.append(dict(
            employee_id=eid, name=name, manager_id=None, level=level, team_index=team, hire_date=hire,
            email=name.lower().replace(" ", ".").replace("-", "") + "@example.com", track=track,
            level_start_date=level_start, employment_status=status, location=location, last_rating=rating,
            base_salary=salary, currency="EUR" if location == "Berlin" else "USD", gender=gender, as_of=as_of,
        ))

    def job(eid, rows):
        for when, level, reason in rows:
            history.append(dict(employee_id=eid, effective_date=when, level=lv.ic[level] if isinstance(level, int) else level,
                                job_title=lv.ic_title[level] if isinstance(level, int) else level, change_reason=reason))

    def project(eid, n, role, scope, start, end, domain, status="done", impact="medium", visibility="team",
                cross=False, name=None):
        projects.append(dict(
            project_id=f"PRJ-{eid[-2:]}-{n}", employee_id=eid, role=role, scope=scope, start_date=start,
            project_name=name or f"{domain} {scope} work {n}", impact=impact, visibility=visibility,
            cross_team=cross, domain=domain, end_date=end, status=status,
        ))

    def activity(eid, kind, when, audience="team", counterpart=None, title=None):
        activities.append(dict(employee_id=eid, activity_type=kind, date=when, audience=audience,
                               counterpart_id=counterpart, title=title or f"{kind.replace('_', ' ')} ({eid})"))

    def skill(eid, name, proficiency, when, source="manager"):
        skills.append(dict(employee_id=eid, skill=name, proficiency=proficiency, assessed_on=when, source=source))

    def story(eid, name, text, status, accelerated=False, symptoms=(), source=None, score=None):
        stories.append(Story(eid, name, text, status, accelerated, tuple(symptoms), source, score))

    SAM, RIA, ACE, WES, OLU, PIA, TOM, PAZ, TIA, PAT, JO, SOL, LEE = (f"E00000{n}" for n in range(11, 24))

    # Mia Manager: the engineering manager of team 0 (nlp-1); management is not scored.
    person(MANAGER_ID, "Mia Manager", lv.management[0], 0, m(96), m(96), track="management", rating=4, salary=230_000)
    job(MANAGER_ID, [(m(96), lv.management[0], "hire")])
    activity(MANAGER_ID, "interviewing", m(9), title="Interview loop (ML platform)")
    activity(MANAGER_ID, "interviewing", m(3), title="Interview loop (NLP)")
    story(MANAGER_ID, "Mia Manager", "engineering manager: management track, not scored", "not_scored",
          source="job_history")

    # Sam: Junior for 74 months (6.17 years) on tickets only, rated 2. Score to Mid:
    # dl_framework 2/3 + mlops_basics 2/3 (weight 1 each) = 1.33 of 10 -> 13.3; the self
    # assessment of 3 must not count. t > 3 (realistic max) and not ready -> stuck.
    person(SAM, "Sam Stuck-Junior", lv.ic_variant[JUNIOR], 0, m(74), m(74), rating=2, salary=118_000, gender="male")
    job(SAM, [(m(74), JUNIOR, "hire")])
    for n, start in enumerate((60, 48, 36, 24, 12, 4), 1):
        project(SAM, n, "contributor", "task", m(start), m(start - 2), "nlp", impact="low")
    skill(SAM, "pytorch", 2, m(6))
    skill(SAM, "docker", 2, m(6), "peer")
    skill(SAM, "pytorch", 3, m(3), "self")
    story(SAM, "Sam Stuck-Junior", "junior 6 years, tickets only, rated 2", "stuck",
          symptoms=("only_well_defined_tasks", "not_trusted_with_larger_scope", "feedback_on_basics"), source="job_history",
          score=13.3)

    # Ria: Mid for 42 months (3.50 years). To Senior: led a project-scope, cross-team
    # project (system_design, cross_functional), 2 design docs, mentors Olu, 3 nlp
    # projects, mlops 4 -> 100. 3.50 >= 3 (realistic min) -> ready, not accelerated.
    person(RIA, "Ria Ready-Mid", lv.ic[MID], 0, m(72), m(42), rating=4, salary=172_000)
    job(RIA, [(m(72), JUNIOR, "hire"), (m(42), MID, "promotion")])
    project(RIA, 0, "contributor", "task", m(60), m(50), "nlp")  # junior-era: ended before the level start
    project(RIA, 1, "lead", "project", m(30), m(24), "nlp", impact="high", visibility="org", cross=True)
    project(RIA, 2, "contributor", "feature", m(20), m(16), "nlp")
    project(RIA, 3, "contributor", "project", m(8), None, "nlp", status="active")
    activity(RIA, "design_doc", m(28), title="Design doc: retrieval service")
    activity(RIA, "design_doc", m(10), "org", title="Design doc: tokenizer migration")
    activity(RIA, "mentoring", m(6), counterpart=OLU, title="Mentoring Olu")
    skill(RIA, "mlops", 4, m(5))
    skill(RIA, "kubernetes", 3, m(5), "peer")
    skill(RIA, "pytorch", 4, m(5))
    story(RIA, "Ria Ready-Mid", "mid 3.5 years, led a project, design docs, a mentee", "ready", source="job_history",
          score=100.0)

    # Ace: Mid for 27 months (2.25 years) with everything Ria has -> 100; 2 <= 2.25 < 3
    # (accelerated min .. realistic min) -> ready and accelerated.
    person(ACE, "Ace Accelerated", lv.ic_variant[MID], 0, m(52), m(27), rating=5, salary=181_000, gender="male",
           location="New York")
    job(ACE, [(m(52), JUNIOR, "hire"), (m(27), MID, "promotion")])
    project(ACE, 1, "owner", "project", m(20), m(14), "nlp", impact="high", visibility="org", cross=True)
    project(ACE, 2, "contributor", "feature", m(12), m(9), "nlp")
    project(ACE, 3, "lead", "feature", m(5), None, "nlp", status="active")
    activity(ACE, "design_doc", m(18), "org", title="Design doc: streaming features")
    activity(ACE, "design_doc", m(8), title="Design doc: eval harness")
    activity(ACE, "mentoring", m(7), counterpart=SAM, title="Mentoring Sam")
    skill(ACE, "model_serving", 4, m(3))
    story(ACE, "Ace Accelerated", "mid 2.25 years with every criterion met", "ready", accelerated=True, source="job_history",
          score=100.0)

    # Wes: Senior for 57 months (4.75 years), start from the roster only (no job history).
    # To Staff: nothing -> 0. 4.5 <= t < 5 (within 6 months of the realistic max) -> watch.
    # All projects in cv, team visibility, none cross-team, none above project scope.
    person(WES, "Wes Watch-Senior", lv.ic_variant[SENIOR], 1, m(125), m(57), rating=3, salary=205_000, gender="male",
           location="London")
    project(WES, 1, "contributor", "feature", m(40), m(36), "cv")
    project(WES, 2, "contributor", "project", m(30), m(24), "cv")
    project(WES, 3, "contributor", "feature", m(6), None, "cv", status="active")
    activity(WES, "documentation", m(20), title="Runbook: image pipeline")
    skill(WES, "pytorch", 4, m(4))
    story(WES, "Wes Watch-Senior", "senior 4.75 years, thin and invisible evidence", "watch",
          symptoms=("poor_visibility", "comfort_zone", "no_cross_team_work"), source="level_start_date", score=0.0)

    # Olu: hired 12 months ago as Junior, no level start and no job history -> hire_date.
    # To Mid: dl 2/3, mlops 2/3, one runbook -> 23.3; t = 1.0 -> on_track.
    person(OLU, "Olu On-Track", lv.ic[JUNIOR], 0, m(12), None, rating=4, salary=112_000, gender="male")
    project(OLU, 1, "contributor", "task", m(10), m(8), "nlp")
    project(OLU, 2, "contributor", "task", m(7), m(5), "nlp")
    project(OLU, 3, "contributor", "feature", m(3), None, "nlp", status="active")
    activity(OLU, "documentation", m(4), title="Runbook: labeling tool")
    skill(OLU, "pytorch", 2, m(2))
    skill(OLU, "docker", 2, m(2), "peer")
    story(OLU, "Olu On-Track", "junior 1 year, first features", "on_track",
          symptoms=("not_trusted_with_larger_scope",), source="hire_date", score=23.3)

    # Pia: the top of the ladder under an alias ("Principal") -> not scored.
    person(PIA, "Pia Principal", lv.top_alias, 1, m(170), m(90), rating=5, salary=330_000)
    job(PIA, [(m(170), SENIOR, "hire"), (m(90), lv.top_alias, "promotion")])
    project(PIA, 1, "owner", "org", m(30), m(12), "cv", impact="critical", visibility="company", cross=True)
    activity(PIA, "conference_talk", m(14), "external", title="Talk: vision at scale")
    story(PIA, "Pia Principal", "top of the ladder (alias 'Principal')", "not_scored", source="job_history")

    # Tom: Senior who left after the earlier snapshot (terminated in the newest roster).
    person(TOM, "Tom Terminated", lv.ic[SENIOR], 1, m(90), m(90), status="terminated", rating=3, salary=210_000,
           gender="male")
    job(TOM, [(m(90), SENIOR, "hire")])
    project(TOM, 1, "lead", "project", m(20), m(10), "cv")
    story(TOM, "Tom Terminated", "terminated since the earlier snapshot: not in readiness.csv", ABSENT,
          source="job_history")

    # Paz: Mid for 46 months (3.83 years), 4 feature projects as contributor, no design
    # doc; teammate Tia entered Mid later and was promoted first. To Senior: domain 4/3
    # -> 1, mlops 3/4 -> 0.75 -> 17.5. 3.5 <= t <= 4 -> watch.
    person(PAZ, "Paz Passed-Over", lv.ic[MID], 2, m(70), m(46), rating=3, salary=165_000, gender="non-binary",
           location="Amsterdam")
    job(PAZ, [(m(70), JUNIOR, "hire"), (m(46), MID, "promotion")])
    for n, start in enumerate((40, 30, 20, 10), 1):
        project(PAZ, n, "contributor", "feature", m(start), m(start - 3), "recsys")
    activity(PAZ, "interviewing", m(15), title="Interview loop (recsys)")
    activity(PAZ, "documentation", m(9), title="Runbook: candidate generation")
    skill(PAZ, "mlops", 3, m(4))
    story(PAZ, "Paz Passed-Over", "mid 3.8 years, executes but never leads; teammate promoted first", "watch",
          symptoms=("executor_not_leader", "not_influencing_decisions", "others_promoted_instead"), source="job_history",
          score=17.5)

    # Tia: Paz's teammate; entered Mid 40 months ago (after Paz), Senior 14 months ago
    # (1.17 years). To Staff: org_impact 1 (3) + cross_team_leadership 1/2 (1) -> 40 -> on_track.
    person(TIA, "Tia Teammate-Promoted", lv.ic[SENIOR], 2, m(66), m(14), rating=4, salary=198_000)
    job(TIA, [(m(66), JUNIOR, "hire"), (m(40), MID, "promotion"), (m(14), SENIOR, "promotion")])
    project(TIA, 1, "lead", "multi_team", m(12), m(6), "recsys", impact="high", visibility="company", cross=True)
    project(TIA, 2, "contributor", "project", m(4), None, "platform", status="active", visibility="org")
    activity(TIA, "tech_talk", m(5), "org", title="Tech talk: two-tower retrieval")
    story(TIA, "Tia Teammate-Promoted", "promoted past Paz; senior 1.2 years", "on_track", source="job_history",
          score=40.0)

    # Pat: promoted Junior -> Mid 4 months ago, between the two snapshots. Mid 0.33 years,
    # no design doc yet -> on_track with not_influencing_decisions. To Senior: domain 1/3,
    # mlops 3/4 -> (0.33 + 0.75) / 10 -> 10.8.
    person(PAT, "Pat Promoted-Recently", lv.ic[MID], 0, m(32), m(4), rating=4, salary=150_000, gender="male")
    job(PAT, [(m(32), JUNIOR, "hire"), (m(4), MID, "promotion")])
    project(PAT, 1, "lead", "feature", m(14), m(10), "nlp")  # junior-era: ended before the level start
    project(PAT, 2, "contributor", "project", m(3), None, "nlp", status="active")
    skill(PAT, "mlops", 3, m(2))
    story(PAT, "Pat Promoted-Recently", "promoted to mid since the earlier snapshot", "on_track",
          symptoms=("not_influencing_decisions",), source="job_history", score=10.8)

    # Jo: Junior for 29 months (2.42 years) with every criterion -> 100; t >= 2
    # (realistic min) -> ready, not accelerated.
    person(JO, "Jo Junior-Ready", lv.ic[JUNIOR], 1, m(29), m(29), rating=4, salary=128_000, location="Toronto")
    job(JO, [(m(29), JUNIOR, "hire")])
    project(JO, 1, "contributor", "feature", m(24), m(20), "cv")
    project(JO, 2, "lead", "feature", m(18), m(14), "cv")
    project(JO, 3, "contributor", "project", m(12), m(6), "cv")
    activity(JO, "process_improvement", m(10), title="On-call checklist")
    skill(JO, "pytorch", 3, m(3))
    skill(JO, "docker", 3, m(3), "peer")
    story(JO, "Jo Junior-Ready", "junior 2.4 years with every criterion met", "ready", source="job_history",
          score=100.0)

    # Sol: Senior for 49 months (4.08 years). To Staff: led a multi-team high-impact
    # project, 2 cross-team lead/owner projects, 2 org-wide design docs, a conference talk,
    # mentees Olu and Jo -> 100 -> ready, not accelerated (4.08 >= 3).
    person(SOL, "Sol Senior-Ready", lv.ic[SENIOR], 2, m(110), m(49), rating=4, salary=240_000, gender="male",
           location="San Francisco")
    job(SOL, [(m(110), MID, "hire"), (m(49), SENIOR, "promotion")])
    project(SOL, 1, "lead", "multi_team", m(40), m(30), "recsys", impact="high", visibility="company", cross=True)
    project(SOL, 2, "owner", "project", m(24), m(18), "platform", impact="critical", visibility="org", cross=True)
    project(SOL, 3, "contributor", "feature", m(5), None, "recsys", status="active")
    activity(SOL, "design_doc", m(36), "org", title="Design doc: feature platform")
    activity(SOL, "design_doc", m(20), "company", title="Design doc: ranking strategy 2026")
    activity(SOL, "conference_talk", m(15), "external", title="Talk: recsys at scale")
    activity(SOL, "mentoring", m(20), counterpart=JO, title="Mentoring Jo")
    activity(SOL, "mentoring", m(9), counterpart=OLU, title="Mentoring Olu")
    skill(SOL, "kubernetes", 5, m(6))
    story(SOL, "Sol Senior-Ready", "senior 4.1 years with org-wide impact", "ready", source="job_history",
          score=100.0)

    # Lee: in the earlier snapshot only (left since): shows up in "what changed".
    leaver = dict(
        employee_id=LEE, name="Lee Left-In-Summer", manager_id=None, level=lv.ic[MID], team_index=2,
        hire_date=m(50), email="lee.leftinsummer@example.com", track="ic", level_start_date=m(26),
        employment_status="active", location="Berlin", last_rating=3, base_salary=160_000, currency="EUR",
        gender="female", as_of=earlier,
    )
    story(LEE, "Lee Left-In-Summer", "in the earlier snapshot only: left before the as-of date", ABSENT)

    earlier_people = [r for r in (_as_of_earlier(p, history, earlier) for p in people) if r] + [leaver]
    return StoryRows(tuple(stories), people, earlier_people, history, projects, activities, skills)


def _as_of_earlier(row: dict, history: list[dict], earlier: date) -> dict | None:
    """The roster row as it read on `earlier`: level from job history, still active."""
    if row["hire_date"] > earlier:
        return None
    out = dict(row, as_of=earlier)
    if out["employment_status"] == "terminated":
        out["employment_status"] = "active"
    past = [h for h in history if h["employee_id"] == row["employee_id"] and h["effective_date"] <= earlier]
    if past and row["level_start_date"] and row["level_start_date"] > earlier:
        out["level"], out["level_start_date"] = past[-1]["level"], past[-1]["effective_date"]
    return out
