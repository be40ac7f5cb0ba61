"""SQL tests of the model tables: roster snapshot choice, org tree, level start and its source."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.model import build_model

AS_OF = date(2026, 10, 31)
D = date.fromisoformat


def test_roster_is_the_newest_snapshot_on_or_before_as_of(con, tiny_ladder, add, person):
    add(con, "clean_people", [
        person("A", "associate", tag="old", snapshot_as_of=D("2026-06-30"), team="old-team"),
        person("A", "associate", tag="cur", snapshot_as_of=D("2026-09-30"), team="cur-team"),
        person("A", "associate", tag="new", snapshot_as_of=D("2026-12-31"), team="future-team"),
    ])
    build_model(con, tiny_ladder, AS_OF)
    # 2026-12-31 is after the as-of date; 2026-09-30 is the newest before it
    assert con.execute("select employee_id, team, snapshot_as_of from roster").fetchall() == [("A", "cur-team", D("2026-09-30"))]


def test_org_tree_has_every_indirect_report_and_survives_a_cycle(con, tiny_ladder, add, person):
    add(con, "clean_people", [
        person("TOP", "lead"), person("M", "lead", manager_id="TOP"), person("E", "associate", manager_id="M"),
        person("C1", "associate", manager_id="C2"), person("C2", "associate", manager_id="C1"),  # a cycle
    ])
    build_model(con, tiny_ladder, AS_OF)
    got = con.execute("select manager_id, employee_id, depth from org_tree order by all").fetchall()
    # TOP -> M -> E; the cycle C1 <-> C2 hangs under nobody and is left out instead of looping
    assert got == [("M", "E", 1), ("TOP", "E", 2), ("TOP", "M", 1)]


def test_level_start_sources(con, tiny_ladder, add, person):
    add(con, "clean_people", [
        person("HIST", "practitioner", level_start_date=D("2020-01-01")),
        person("STALE", "practitioner", level_start_date=D("2024-07-01")),
        person("ROSTER", "practitioner", level_start_date=D("2025-07-01")),
        person("HIRE", "practitioner", level_start_date=None, hire_date=D("2024-10-31")),
    ])
    add(con, "clean_job_history", [
        # HIST: associate, then practitioner from 2023-03-01, then a same-level change: run starts 2023-03-01
        {"employee_id": "HIST", "effective_date": D("2021-01-01"), "level": "associate"},
        {"employee_id": "HIST", "effective_date": D("2023-03-01"), "level": "practitioner"},
        {"employee_id": "HIST", "effective_date": D("2024-03-01"), "level": "practitioner"},
        # STALE: history ends at a different level than the roster's: fall back to the roster date
        {"employee_id": "STALE", "effective_date": D("2021-01-01"), "level": "associate"},
    ])
    build_model(con, tiny_ladder, AS_OF)
    got = {r[0]: r[1:] for r in con.execute("select * from level_tenure").fetchall()}
    assert got["HIST"][:2] == (D("2023-03-01"), "job_history")
    assert got["STALE"][:2] == (D("2024-07-01"), "level_start_date")
    assert got["ROSTER"][:2] == (D("2025-07-01"), "level_start_date")
    # 2024-10-31 -> 2026-10-31 is 730 days = 730 / 365.25 years
    assert got["HIRE"] == (D("2024-10-31"), "hire_date", pytest.approx(730 / 365.25))
