"""Sensitivity stories: a borderline engineer is marked with the changes that flip them, a clear-cut one is not."""

from __future__ import annotations

import pytest

from tests.calibration.conftest import RUN, Person, build_warehouse
from transforms.calibration.sensitivity import status_flips

# Both are mid-level with 3.0 years in level (mid -> senior: accelerated from 2, realistic 3-4 years):
# ready when the score is >= 80, otherwise on_track (3.0 is not past the realistic minimum of 3, and
# more than 6 months before the ceiling of 4).
# criterion: (weight, target, measured)
BORDERLINE = {"a": (3, 2, 2), "b": (1, 1, 0), "c": (1, 1, 1)}  # 100 x (3 + 0 + 1) / 5 = 80.0 -> ready, just
CLEAR_CUT = {"a": (3, 2, 5), "b": (1, 1, 3), "c": (1, 1, 3)}  # every criterion met with a step to spare -> 100


def _criteria(con, employee_id, criteria):
    con.executemany(
        "insert into readiness_criteria (run_id, employee_id, criterion_id, target_level, title, measured, target, weight, "
        "contribution, is_measured, met) values (?, ?, ?, 'senior', ?, ?, ?, ?, null, true, ?)",
        [(RUN, employee_id, cid, f"criterion {cid}", m, t, w, m >= t) for cid, (w, t, m) in criteria.items()],
    )


@pytest.fixture
def flips(con, rubric):
    build_warehouse(con, rubric, [
        Person("M", None, level="engineering_manager", status="not_scored"),
        Person("E1", "M", status="ready", score=80.0),
        Person("E2", "M", status="ready", score=100.0),
    ])
    _criteria(con, "E1", BORDERLINE)
    _criteria(con, "E2", CLEAR_CUT)
    return status_flips(con, RUN, rubric.statuses, weight_change=0.2, target_step=1)


def test_borderline_engineer_is_marked_with_each_change_that_flips_them(flips):
    got = {(f.criterion_id, f.change_kind, f.changed_to): round(f.new_score, 2) for f in flips["E1"]}
    assert got == {
        ("a", "weight", 2.4): 77.27,  # 100 x (2.4 + 0 + 1) / 4.4
        ("a", "target", 3.0): 60.0,  # a: 2/3 of 3 points -> 100 x (2 + 0 + 1) / 5
        ("b", "weight", 1.2): 76.92,  # the unmet criterion weighs more: 100 x (3 + 0 + 1) / 5.2
        ("c", "weight", 0.8): 79.17,  # 100 x (3 + 0 + 0.8) / 4.8
        ("c", "target", 2.0): 70.0,  # c: half met -> 100 x (3 + 0 + 0.5) / 5
    }
    assert {f.new_status for f in flips["E1"]} == {"on_track"}
    assert all(f.base_status == "ready" and f.base_score == 80.0 for f in flips["E1"])


def test_clear_cut_engineer_is_not_borderline(flips):
    # weights do not matter when every criterion is met, and one more step of target is still met
    assert "E2" not in flips


def test_analysis_limited_to_the_listed_engineers(con, rubric, flips):
    # the index analyses only the rows it lists: asking for E2 alone finds nobody borderline
    assert status_flips(con, RUN, rubric.statuses, weight_change=0.2, target_step=1, only=["E2"]) == {}
    assert set(status_flips(con, RUN, rubric.statuses, weight_change=0.2, target_step=1, only=["E1", "E2"])) == {"E1"}


def test_org_wide_view_marks_the_borderline_engineer_only(con, rubric, flips, tmp_path):
    from transforms.report import write_reports

    run_dir = write_reports(con, RUN, tmp_path / "reports", rubric)
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    row = {e: next(line for line in index.splitlines() if f'<span class="muted">{e}</span>' in line) for e in ("E1", "E2")}
    assert "borderline" in row["E1"] and "criterion a: weight 3 → 2.4 gives 77.3 (on track instead of ready)" in row["E1"]
    assert "borderline" not in row["E2"]
    assert "Marked <span class=\"status status-watch\">borderline</span>: 1 of the people listed here" in index
    # managers' pages never carry it: the analysis is for the people team and the committee
    assert all("borderline" not in p.read_text(encoding="utf-8") for p in (run_dir / "managers").glob("*.html"))
