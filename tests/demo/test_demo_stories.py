"""Every story engineer is present with the rows its story needs, measured against the rubric."""

from __future__ import annotations

from datetime import date, datetime

import pytest

AS_OF = date(2026, 10, 31)
NEWEST, EARLIER = "people_2026-10-31.csv", "people_2026-04-30.csv"


def _years(start: str) -> float:
    return (AS_OF - date.fromisoformat(start)).days / 365.25


def _org(small_org):
    manifest, files = small_org
    people = {r["employee_id"]: r for r in files[NEWEST]}
    earlier = {r["employee_id"]: r for r in files[EARLIER]}
    sid = {s.name: s.employee_id for s in manifest.stories}
    return manifest, files, people, earlier, sid


def _rows(files, name, eid, key="employee_id"):
    return [r for r in files[name] if r[key] == eid]


def _window(rubric, level_id):
    promo = rubric.promotion(level_id)
    return promo.accelerated, promo.realistic


def test_stories_cover_every_status_and_symptom(small_org, rubric):
    manifest, *_ = small_org
    statuses = {s.expected_status for s in manifest.stories}
    assert statuses == {"ready", "stuck", "watch", "on_track", "not_scored", "absent"}
    assert any(s.accelerated for s in manifest.stories)
    assert {x for s in manifest.stories for x in s.symptoms} == {s.id for s in rubric.symptoms}
    assert {s.level_start_source for s in manifest.stories} >= {"job_history", "level_start_date", "hire_date"}


def test_every_story_is_in_the_rosters_it_should_be(small_org):
    manifest, files, people, earlier, sid = _org(small_org)
    for s in manifest.stories:
        if s.name == "Lee Left-In-Summer":
            assert s.employee_id not in people and earlier[s.employee_id]["name"] == s.name
        else:
            assert people[s.employee_id]["name"] == s.name


def test_stuck_junior(small_org, rubric):
    manifest, files, people, _, sid = _org(small_org)
    sam = people[sid["Sam Stuck-Junior"]]
    assert rubric.resolve_level(sam["level"]) == "junior"
    _, realistic = _window(rubric, "junior")
    assert round(_years(sam["level_start_date"]), 2) == 6.17 > realistic.max  # 2020-08-31: 2253 days
    projects = _rows(files, "projects_2026-10-31.csv", sam["employee_id"])
    assert len(projects) == 6 and {p["scope"] for p in projects} == {"task"} and {p["role"] for p in projects} == {"contributor"}
    assert int(sam["last_rating"]) <= 2


def test_ready_mid_and_accelerated_mid(small_org, rubric):
    manifest, files, people, _, sid = _org(small_org)
    accelerated, realistic = _window(rubric, "mid")
    ria, ace = people[sid["Ria Ready-Mid"]], people[sid["Ace Accelerated"]]
    # Ria: 2023-04-30 -> 1280 days = 3.50 years, in [realistic min, realistic max)
    assert round(_years(ria["level_start_date"]), 2) == 3.50
    assert realistic.min <= _years(ria["level_start_date"]) < realistic.max
    # Ace: 2024-07-31 -> 822 days = 2.25 years, in [accelerated min, realistic min)
    assert round(_years(ace["level_start_date"]), 2) == 2.25
    assert accelerated.min <= _years(ace["level_start_date"]) < realistic.min
    for eng in (ria, ace):
        since = eng["level_start_date"]
        led = [p for p in _rows(files, "projects_2026-10-31.csv", eng["employee_id"])
               if p["role"] in ("lead", "owner") and p["scope"] == "project" and p["start_date"] >= since]
        assert led and led[0]["cross_team"] == "true"
        acts = _rows(files, "activities_2026-10-31.csv", eng["employee_id"])
        assert sum(a["activity_type"] == "design_doc" and a["date"] >= since for a in acts) == 2
        (mentee,) = [a["counterpart_id"] for a in acts if a["activity_type"] == "mentoring"]
        assert rubric.resolve_level(people[mentee]["level"]) == "junior"  # a real, more junior employee


def test_watch_senior_has_thin_invisible_evidence(small_org, rubric):
    manifest, files, people, _, sid = _org(small_org)
    wes = people[sid["Wes Watch-Senior"]]
    _, realistic = _window(rubric, "senior")
    months = rubric.statuses.watch_months_before_ceiling
    assert realistic.max - months / 12 <= _years(wes["level_start_date"]) < realistic.max  # 4.75
    assert _rows(files, "job_history_2026-10-31.csv", wes["employee_id"], "Employee ID") == []  # roster is the source
    projects = _rows(files, "projects_2026-10-31.csv", wes["employee_id"])
    assert {p["domain"] for p in projects} == {"cv"}
    assert {p["visibility"] for p in projects} == {"team"} and {p["cross_team"] for p in projects} == {"false"}
    assert {p["scope"] for p in projects} <= {"task", "feature", "project"}
    assert {a["audience"] for a in _rows(files, "activities_2026-10-31.csv", wes["employee_id"])} == {"team"}


def test_on_track_junior_falls_back_to_hire_date(small_org, rubric):
    manifest, files, people, _, sid = _org(small_org)
    olu = people[sid["Olu On-Track"]]
    assert olu["level_start_date"] == ""
    assert _rows(files, "job_history_2026-10-31.csv", olu["employee_id"], "Employee ID") == []
    accelerated, _ = _window(rubric, "junior")
    assert _years(olu["hire_date"]) < accelerated.min


def test_not_scored_and_absent_stories(small_org, rubric):
    manifest, files, people, earlier, sid = _org(small_org)
    pia = people[sid["Pia Principal"]]
    assert rubric.next_level(rubric.resolve_level(pia["level"])) is None
    assert people[sid["Mia Manager"]]["track"] == "management"
    tom = sid["Tom Terminated"]
    assert (people[tom]["employment_status"], earlier[tom]["employment_status"]) == ("terminated", "active")


def test_passed_over_mid_and_the_teammate_promoted_first(small_org, rubric):
    manifest, files, people, _, sid = _org(small_org)
    paz, tia = people[sid["Paz Passed-Over"]], people[sid["Tia Teammate-Promoted"]]
    assert paz["team"] == tia["team"]
    history = {r["Job Level"]: r["Effective Date"]
               for r in _rows(files, "job_history_2026-10-31.csv", tia["employee_id"], "Employee ID")}
    mid = [name for name in history if rubric.resolve_level(name) == "mid"][0]
    senior = [name for name in history if rubric.resolve_level(name) == "senior"][0]
    # Tia entered Mid after Paz and left it upwards while Paz stayed
    assert paz["level_start_date"] < history[mid] < history[senior] <= AS_OF.isoformat()
    assert rubric.resolve_level(paz["level"]) == "mid"
    projects = _rows(files, "projects_2026-10-31.csv", paz["employee_id"])
    assert len(projects) >= 3 and {p["role"] for p in projects} == {"contributor"}
    assert not any(a["activity_type"] == "design_doc" for a in _rows(files, "activities_2026-10-31.csv", paz["employee_id"]))


def test_promotion_and_leaver_between_snapshots(small_org, rubric):
    manifest, files, people, earlier, sid = _org(small_org)
    pat = sid["Pat Promoted-Recently"]
    assert rubric.resolve_level(earlier[pat]["level"]) == "junior"
    assert rubric.resolve_level(people[pat]["level"]) == "mid"
    assert earlier[pat]["level_start_date"] == people[pat]["hire_date"]
    assert {r["as_of"] for r in files[EARLIER]} == {"2026-04-30"}
    dates = [r[c] for r in files[EARLIER] for c in ("hire_date", "level_start_date") if r[c]]
    assert max(dates) <= "2026-04-30"


@pytest.mark.slow
def test_the_pipeline_stages_agree_with_the_manifest(small_org, rubric, settings, tmp_path):
    """End to end through the real stages (no Prefect): every story gets its expected row."""
    import shutil

    from transforms import warehouse
    from transforms.ingest import ingest_inbox
    from transforms.model import build_model
    from transforms.runs import start_run
    from transforms.score import score
    from transforms.validate import validate

    manifest, _ = small_org
    inbox = tmp_path / "inbox"
    shutil.copytree(manifest.out_dir, inbox)
    s = settings.with_overrides(inbox=inbox, db=tmp_path / "w.duckdb", archive=tmp_path / "archive",
                                rejected=tmp_path / "rejected", reports=tmp_path / "reports")
    con = warehouse.connect(s.db)
    ingest_inbox(con, s)
    start_run(con, "r1", "test", datetime(2026, 11, 1))
    validate(con, rubric, s, "r1", AS_OF)
    build_model(con, rubric, AS_OF)
    score(con, rubric, "r1", AS_OF)
    got = {r[0]: r[1:] for r in con.execute(
        "select employee_id, status, accelerated, coalesce(list_sort(symptoms), []), level_start_source,"
        " round(readiness_score, 1) from readiness where run_id = 'r1'").fetchall()}
    for story in manifest.stories:
        if story.expected_status == "absent":
            assert story.employee_id not in got, story.name
        else:
            expected = (story.expected_status, story.accelerated, sorted(story.symptoms),
                        story.level_start_source, story.readiness_score)
            assert got[story.employee_id] == expected, story.name
    con.close()
