"""Statuses in words: the glossary from the rubric's thresholds, and each engineer's one-line why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transforms.report.facts import Engineer
from transforms.report.ladder import Window
from transforms.report.why import glossary, span, status_why
from transforms.rubric import Thresholds

DEFAULT = Thresholds(ready_score=80, watch_months_before_ceiling=6, watch_low_score=50)
SENIOR = Window("senior", "staff", 2, 4, 3, 5)  # accelerated 2-4, realistic 3-5 years


def engineer(status: str, years: float | None, score: float | None, accelerated=False, reason=None) -> Engineer:
    return Engineer(
        employee_id="E1", name="Ivy", manager_id="M1", manager_name="Bo", team="T", track="ic", level="senior",
        next_level="staff", level_start_date=None, level_start_source="hire_date", years_in_level=years,
        readiness_score=score, status=status, accelerated=accelerated, not_scored_reason=reason,
        criteria_measured=6, criteria_total=6, window=None if status == "not_scored" else SENIOR)


@pytest.mark.parametrize("years, words", [
    (0.0, "under a month"),
    (0.03, "under a month"),  # 11 days past the ceiling: never "0.0 years"
    (0.25, "3 months"),
    (1.0, "1 year"),
    (1.5, "1 year 6 months"),
    (2.96, "3 years"),  # 35.52 months -> 36
])
def test_span_rounds_to_whole_months(years, words):
    assert span(years) == words


@pytest.mark.parametrize("story, e, why", [
    # 4.7 years, ceiling 5: 0.3 years = 3.6 months -> 4 months; within 6 months of the ceiling
    ("watch close to the ceiling", engineer("watch", 4.7, 62.0),
     "watch: 4.7 years in level, 4 months from the 5-year ceiling, score 62 < 80"),
    # 3.5 years (past the realistic minimum 3), 1.5 years from the ceiling, score 41 under 50
    ("watch on a low score", engineer("watch", 3.5, 41.0),
     "watch: 3.5 years in level, past the 3-year realistic minimum, score 41 < 50"),
    # 5.03 years: 0.03 past the ceiling is under half a month
    ("stuck just past the ceiling", engineer("stuck", 5.03, 22.5),
     "stuck: 5.0 years in level, under a month past the 5-year ceiling, score 22.5 < 80"),
    ("stuck long past the ceiling", engineer("stuck", 6.5, 10.0),
     "stuck: 6.5 years in level, 1 year 6 months past the 5-year ceiling, score 10 < 80"),
    ("ready in the realistic window", engineer("ready", 3.2, 91.7),
     "ready: score 91.7 ≥ 80, 3.2 years in level (accelerated minimum 2)"),
    ("ready early", engineer("ready", 2.4, 85.0, accelerated=True),
     "ready: score 85 ≥ 80, 2.4 years in level, accelerated (under the 3-year realistic minimum)"),
    # 79.96 would print as 80: two decimals then
    ("on track just under the ready score", engineer("on_track", 2.5, 79.96),
     "on track: 2.5 years in level, 2 years 6 months from the 5-year ceiling, score 79.96 < 80"),
    ("on track with a ready score, too early", engineer("on_track", 1.5, 90.0),
     "on track: score 90 ≥ 80 but 1.5 years in level, under the 2-year accelerated minimum"),
    ("management track", engineer("not_scored", 5.0, None, reason="management track is not scored by this ladder"),
     "not scored: management track is not scored by this ladder"),
])
def test_status_why(story, e, why):
    assert status_why(e, DEFAULT) == why, story


def test_glossary_words_the_rubrics_own_thresholds():
    strict = replace(DEFAULT, ready_score=85, watch_months_before_ceiling=9, watch_low_score=40)
    meaning = dict(glossary(strict))
    assert list(meaning) == ["ready", "watch", "stuck", "on_track", "not_scored"]
    assert meaning["ready"].startswith("score at least 85 and")
    assert "within 9 months of the realistic maximum" in meaning["watch"] and "a score under 40" in meaning["watch"]
    assert status_why(engineer("watch", 4.5, 70.0), strict) == (
        "watch: 4.5 years in level, 6 months from the 5-year ceiling, score 70 < 85")
