"""Observed timelines match a job history worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tests.calibration.conftest import AS_OF, Person, build_warehouse
from transforms.calibration.timelines import observed_timelines, timeline_chart

# employee, effective date, level
HISTORY = [
    ("J1", date(2019, 1, 1), "junior"), ("J1", date(2021, 1, 1), "mid"),  # 731 days = 2.001 y (not under 2: not accelerated)
    ("J1", date(2024, 1, 1), "senior"),  # mid for 1095 days = 2.998 y: accelerated (realistic minimum 3)
    ("J2", date(2019, 1, 1), "junior"), ("J2", date(2020, 7, 1), "mid"),  # 547 days = 1.498 y: accelerated
    ("J3", date(2018, 1, 1), "junior"), ("J3", date(2021, 1, 1), "mid"),  # 1096 days = 3.001 y
    # a manager change at the same level does not restart the stay: 2018-06-01 to 2022-06-01 = 1461 days = 4.0 y
    ("J4", date(2018, 6, 1), "junior"), ("J4", date(2018, 9, 1), "junior"), ("J4", date(2022, 6, 1), "mid"),
    ("M1", date(2019, 1, 1), "mid"), ("M1", date(2022, 1, 1), "senior"),  # 1096 days = 3.001 y, in team nlp
    ("X1", date(2019, 1, 1), "junior"), ("X1", date(2021, 1, 1), "senior"),  # skips a level: not a promotion on the ladder
    ("X2", date(2019, 1, 1), "mid"), ("X2", date(2021, 1, 1), "junior"),  # a move down: not a promotion
    ("X3", date(2025, 1, 1), "junior"), ("X3", date(2027, 1, 1), "mid"),  # after the as-of date: not yet
]


@pytest.fixture
def timelines(con, rubric):
    people = [Person("L", None, level="engineering_manager", status="not_scored")]
    people += [Person(e, "L", level="mid", team="vision") for e in ("J1", "J2", "J3", "J4", "X1", "X2", "X3")]
    people += [Person("M1", "L", level="senior", team="nlp")]
    build_warehouse(con, rubric, people)
    con.executemany(
        "insert into clean_job_history (employee_id, effective_date, level, level_raw, source_line) values (?, ?, ?, ?, ?)",
        [(e, d, lv, lv, i) for i, (e, d, lv) in enumerate(HISTORY, start=2)],
    )
    return observed_timelines(con, AS_OF, min_team_promotions=5)


def test_whole_org_per_level(timelines):
    junior, mid = timelines.levels
    # junior stays sorted: 1.498, 2.001, 3.001, 4.0 (J2, J1, J3, J4)
    assert (junior.from_level, junior.to_level, junior.promotions, junior.accelerated) == ("junior", "mid", 4, 1)
    assert junior.median_years == pytest.approx((731 + 1096) / 2 / 365.25)  # mean of the middle two = 2.501
    # continuous quartiles of 4 values: positions 0.75 and 2.25 between sorted neighbours
    assert junior.q1_years == pytest.approx((547 + 0.75 * (731 - 547)) / 365.25)  # 1.876
    assert junior.q3_years == pytest.approx((1096 + 0.25 * (1461 - 1096)) / 365.25)  # 3.251
    assert (junior.min_years, junior.max_years) == (pytest.approx(547 / 365.25), 4.0)
    # the ladder's windows beside them (junior -> mid: accelerated 1.5-2, realistic 2-3)
    assert (junior.accelerated_min_years, junior.realistic_max_years) == (1.5, 3)
    # mid: J1 2.998 (accelerated) and M1 3.001
    assert (mid.from_level, mid.promotions, mid.accelerated) == ("mid", 2, 1)
    assert mid.median_years == pytest.approx((1095 + 1096) / 2 / 365.25)


def test_share_accelerated_and_teams_with_enough_promotions(timelines):
    # 6 promotions, 2 accelerated (J2 out of junior, J1 out of mid)
    assert (timelines.promotions, timelines.accelerated) == (6, 2)
    assert timelines.accelerated_share == pytest.approx(1 / 3)
    # vision has 5 promotions (J1 twice, J2, J3, J4) and is shown per level; nlp has 1 and is not
    assert [(t.team, t.from_level, t.promotions) for t in timelines.teams] == [("vision", "junior", 4), ("vision", "mid", 1)]


def test_chart_draws_a_box_per_level(timelines, rubric):
    chart = timeline_chart(timelines.levels, {lv.id: lv.title for lv in rubric.levels})
    assert [s.tip for s in chart.shapes if s.css == "median"] == ["median 2.5 years", "median 3.0 years"]
    assert sum(s.css == "quartiles" for s in chart.shapes) == 2
