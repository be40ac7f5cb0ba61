"""Row counts of the 40-engineer org, computed by hand from demo.params."""

from __future__ import annotations

import pytest

from demo import generate_demo
from demo.params import MIN_ENGINEERS


def test_people_rows(small_org):
    manifest, files = small_org
    # 12 story ICs -> 28 generated ICs in teams of 8 -> 4 teams + 3 story teams = 7 EMs
    # (Mia + 6); 7 EMs -> 1 director; + the VP: 1 + 1 + 7 + 12 + 28 = 49 good rows.
    # Bad: max(1, round(0.0025 * 49)) = 1 per check; 6 checks of 1 row + 1 cycle of 2 = 8.
    assert manifest.file("people").rows == len(files["people_2026-10-31.csv"]) == 49 + 8
    tracks = [r["track"] for r in files["people_2026-10-31.csv"]]
    assert tracks.count("management") == 1 + 1 + 7 + 2  # VP, director, EMs, the planted cycle


def test_projects_rows(small_org):
    manifest, files = small_org
    # stories: Sam 6, Ria 4, Ace 3, Wes 3, Olu 3, Pia 1, Tom 1, Paz 4, Tia 2, Pat 2, Jo 3, Sol 3 = 35
    # generated: sum over i < 28 of (5 + i % 11) = 28*5 + 55 + 55 + (0+..+5) = 140 + 110 + 15 = 265
    # bad: max(1, round(0.0025 * 300)) = 1 per check, 5 checks
    assert manifest.file("projects").rows == len(files["projects_2026-10-31.csv"]) == 35 + 265 + 5


def test_activities_rows(small_org):
    manifest, files = small_org
    # stories: Mia 2, Ria 3, Ace 3, Wes 1, Olu 1, Pia 1, Paz 2, Tia 1, Jo 1, Sol 5 = 20
    # generated managers: (1 director + 6 EMs) * 2 interview loops = 14
    # generated ICs: sum over i < 28 of (1 + i % 7) = 28 + 4 * 21 = 112
    # bad: max(1, round(0.0025 * 146)) = 1 per check, 2 checks
    assert manifest.file("activities").rows == len(files["activities_2026-10-31.csv"]) == 20 + 14 + 112 + 2


def test_skills_rows(small_org):
    manifest, files = small_org
    # stories: Sam 3, Ria 3, Ace 1, Wes 1, Olu 2, Paz 1, Pat 1, Jo 2, Sol 1 = 15; generated 28 * 6 = 168; bad 1
    assert manifest.file("skills").rows == len(files["skills_2026-10-31.csv"]) == 15 + 168 + 1


def test_job_history_matches_levels(small_org, rubric):
    """One row per level held, hire row first, promotions in ladder order, ending at today's level."""
    manifest, files = small_org
    planted = {k for b in manifest.bad_rows if b.kind == "job_history" for k in b.keys}
    people = {r["employee_id"]: r for r in files["people_2026-10-31.csv"]}
    by_employee: dict[str, list[dict]] = {}
    for r in files["job_history_2026-10-31.csv"]:
        if f"{r['Employee ID']}|{r['Effective Date']}" not in planted:
            by_employee.setdefault(r["Employee ID"], []).append(r)
    # 1 VP + 19 story rows (Mia 1, Sam 1, Ria 2, Ace 2, Pia 2, Tom 1, Paz 2, Tia 3, Pat 2, Jo 1, Sol 2)
    # + 7 generated managers are fixed; generated ICs have a history with 80% probability.
    assert sum(len(v) for k, v in by_employee.items() if people[k]["track"] == "management" or k < "E0001000") == 27
    ic_order = [lv.id for lv in rubric.levels if lv.track == "ic"]
    for eid, rows in by_employee.items():
        assert rows[0]["Reason"] == "hire"
        assert all(r["Reason"] == "promotion" for r in rows[1:])
        assert [r["Effective Date"] for r in rows] == sorted(r["Effective Date"] for r in rows)
        assert rubric.resolve_level(rows[-1]["Job Level"]) == rubric.resolve_level(people[eid]["level"])
        if people[eid]["track"] == "ic" and eid >= "E0001000":
            ranks = [ic_order.index(rubric.resolve_level(r["Job Level"])) for r in rows]
            assert ranks == list(range(ranks[0], ranks[0] + len(rows)))  # one level at a time
            if people[eid]["level_start_date"]:
                assert people[eid]["level_start_date"] == rows[-1]["Effective Date"]


def test_too_small_an_org_is_refused_in_one_line(tmp_path):
    with pytest.raises(ValueError, match=rf"--engineers 5 is out of range; use {MIN_ENGINEERS} to"):
        generate_demo(tmp_path, engineers=5)
