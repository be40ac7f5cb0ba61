"""Retention risk: stuck engineers paid below their level's band, counted per team (people team only, no salary shown)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from transforms.calibration.queries import rows


@dataclass(frozen=True)
class TeamRetention:
    team: str
    stuck: int
    stuck_below_band: int
    stuck_not_comparable: int  # no salary, currency or band for their level and currency


def salary_band_rows(rubric) -> list[tuple[str, str, float, float | None]]:
    """(level id, currency, min, max) of every salary band in the rubric."""
    return [(lv.id, cur, lo, hi) for lv in rubric.levels for (lo, hi, cur) in lv.salary_bands]


def retention_risk(con: duckdb.DuckDBPyConnection, run_id: str, rubric) -> list[TeamRetention]:
    """Per team with stuck engineers: how many are below their level's band (bands from the rubric)."""
    con.execute("create or replace temp table salary_bands (level_id varchar, currency varchar, min_salary double, max_salary double)")
    bands = salary_band_rows(rubric)
    if bands:
        con.executemany("insert into salary_bands values (?, ?, ?, ?)", bands)
    return [TeamRetention(**r) for r in rows(con, "retention_risk", run_id=run_id)]
