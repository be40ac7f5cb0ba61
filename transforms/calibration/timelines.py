"""Observed timelines: how long the org's engineers actually stayed in a level before promotion, beside the ladder's windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from transforms.calibration.queries import rows
from transforms.sql_files import sql_text
from transforms.report.chart import Chart, Shape

PX_PER_YEAR = 70
LEFT = 270  # room for "Junior ML Engineer → Mid-Level ML Engineer"
ROW_H = 46


@dataclass
class LevelTimeline:
    """Observed stays in one level before promotion (whole org, or one team)."""

    from_level: str
    to_level: str
    team: str | None
    promotions: int
    accelerated: int
    q1_years: float
    median_years: float
    q3_years: float
    min_years: float
    max_years: float
    accelerated_min_years: float
    accelerated_max_years: float
    realistic_min_years: float
    realistic_max_years: float

    @property
    def accelerated_share(self) -> float:
        return self.accelerated / self.promotions


@dataclass
class Timelines:
    levels: list[LevelTimeline]  # whole org, ladder order
    teams: list[LevelTimeline]  # per team x level, teams with enough promotions
    promotions: int
    accelerated: int

    @property
    def accelerated_share(self) -> float | None:
        return self.accelerated / self.promotions if self.promotions else None


def observed_timelines(con: duckdb.DuckDBPyConnection, as_of: date, min_team_promotions: int) -> Timelines:
    """Promotions found in job history up to `as_of`, summarised per level and per team x level."""
    con.execute("create or replace temp table promotions_observed as\n" + sql_text("transforms.calibration", "sql/promotions_observed"), {"as_of": as_of})
    found = [LevelTimeline(**{k: v for k, v in r.items() if k != "level_rank"})
             for r in rows(con, "timelines_observed", min_team_promotions=min_team_promotions)]
    org = [t for t in found if t.team is None]
    return Timelines(
        levels=org, teams=[t for t in found if t.team is not None],
        promotions=sum(t.promotions for t in org), accelerated=sum(t.accelerated for t in org),
    )


def timeline_chart(levels: list[LevelTimeline], level_titles: dict[str, str]) -> Chart | None:
    """Per level, the observed quartile box and median over the ladder's realistic and accelerated windows."""
    if not levels:
        return None
    years = int(max(max(t.max_years, t.realistic_max_years) for t in levels)) + 1
    width = LEFT + years * PX_PER_YEAR + 20
    chart = Chart(width, 10 + len(levels) * ROW_H + 34, "Observed years in level before promotion against the ladder's windows")
    x = lambda v: LEFT + v * PX_PER_YEAR  # noqa: E731
    for i, t in enumerate(levels):
        y0 = 10 + i * ROW_H
        h = ROW_H - 12
        chart.shapes += [
            Shape("rect", "band", x=LEFT, y=y0, w=years * PX_PER_YEAR, h=h),
            Shape("rect", "win-real", x=x(t.realistic_min_years), y=y0, w=x(t.realistic_max_years) - x(t.realistic_min_years), h=h,
                  tip=f"realistic window {t.realistic_min_years:g}-{t.realistic_max_years:g} years"),
            Shape("rect", "win-acc", x=x(t.accelerated_min_years), y=y0, w=x(t.accelerated_max_years) - x(t.accelerated_min_years),
                  h=h / 3, tip=f"accelerated window {t.accelerated_min_years:g}-{t.accelerated_max_years:g} years"),
            Shape("line", "whisker", x=x(t.min_years), y=y0 + h / 2, x2=x(t.max_years), y2=y0 + h / 2,
                  tip=f"shortest {t.min_years:.1f}, longest {t.max_years:.1f} years"),
            Shape("rect", "quartiles", x=x(t.q1_years), y=y0 + h / 4, w=max(x(t.q3_years) - x(t.q1_years), 1.5), h=h / 2,
                  tip=f"middle half of {t.promotions} promotions: {t.q1_years:.1f}-{t.q3_years:.1f} years"),
            Shape("line", "median", x=x(t.median_years), y=y0 + 2, x2=x(t.median_years), y2=y0 + h - 2,
                  tip=f"median {t.median_years:.1f} years"),
            Shape("text", "band-label", x=LEFT - 8, y=y0 + h / 2, anchor="end",
                  text=f"{level_titles.get(t.from_level, t.from_level)} → {level_titles.get(t.to_level, t.to_level)}"),
            Shape("text", "band-sub", x=LEFT - 8, y=y0 + h / 2 + 13, anchor="end", text=f"{t.promotions} promotions"),
        ]
    axis_y = 10 + len(levels) * ROW_H - 6
    for v in range(years + 1):
        chart.shapes.append(Shape("line", "grid", x=x(v), y=10, x2=x(v), y2=axis_y))
        chart.shapes.append(Shape("text", "tick", x=x(v), y=axis_y + 14, text=str(v), anchor="middle"))
    chart.shapes.append(Shape("text", "axis-label", x=LEFT + years * PX_PER_YEAR / 2, y=axis_y + 27,
                              text="years in level before promotion", anchor="middle"))
    return chart
