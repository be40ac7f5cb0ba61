"""Hand-written warehouses for the calibration tests: people rows in, the real model built, readiness rows by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from transforms.config import DEFAULT_RUBRIC
from transforms.contract import clean_tables_ddl
from transforms.model import build_model
from transforms.rubric import load_rubric
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)
RUN = "r1"


@dataclass
class Person:
    employee_id: str
    manager_id: str | None
    level: str = "mid"
    team: str = "vision"
    status: str = "on_track"  # readiness status in run r1
    score: float | None = 50.0
    rating: int | None = None
    gender: str | None = None
    location: str | None = None
    salary: float | None = None
    currency: str | None = None
    name: str | None = None


def build_warehouse(con, rubric, people: list[Person], as_of: date = AS_OF) -> None:
    """clean_people from `people`, the real model for `as_of`, and readiness rows of run r1 as given."""
    con.execute(clean_tables_ddl())
    track = {lv.id: lv.track for lv in rubric.levels}
    con.executemany(
        "insert into clean_people (snapshot_as_of, employee_id, name, email, manager_id, level, level_raw, track, team, "
        "hire_date, level_start_date, employment_status, location, last_rating, base_salary, currency, gender, row_id, "
        "source_file, source_line) values (?, ?, ?, null, ?, ?, ?, ?, ?, date '2015-01-01', null, 'active', ?, ?, ?, ?, ?, ?, 'people.csv', ?)",
        [(as_of, p.employee_id, p.name or f"Person {p.employee_id}", p.manager_id, p.level, p.level, track[p.level], p.team,
          p.location, p.rating, p.salary, p.currency, p.gender, f"people:{i}", i)
         for i, p in enumerate(people, start=2)],
    )
    build_model(con, rubric, as_of)
    con.execute(
        "insert into pipeline_runs (run_id, trigger, as_of, snapshot_as_of, started_at, outcome, input_hashes, rubric_name, "
        "rubric_version, rubric_sha256) values (?, 'cli', ?, ?, ?, 'completed', ?, ?, ?, ?)",
        [RUN, as_of, as_of, datetime(2026, 11, 1, 6), [], rubric.name, rubric.version, rubric.sha256],
    )
    con.executemany(
        "insert into readiness (run_id, employee_id, name, manager_id, team, track, level, next_level, years_in_level, "
        "readiness_score, status, accelerated) values (?, ?, ?, ?, ?, ?, ?, ?, 3.0, ?, ?, false)",
        [(RUN, p.employee_id, p.name or f"Person {p.employee_id}", p.manager_id, p.team, track[p.level], p.level,
          rubric.next_level(p.level) if p.status != "not_scored" else None,
          p.score if p.status != "not_scored" else None, p.status)
         for p in people],
    )


@pytest.fixture
def rubric():
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture
def con():
    connection = connect(":memory:")
    yield connection
    connection.close()
