"""Everything one run's reports show, read from the warehouse once into plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
from markupsafe import Markup

from transforms.report.ladder import (
    Window,
    level_ids,
    level_titles,
    promotion_windows,
)
from transforms.report.queries import query, table_columns
from transforms.rubric import Rubric
from transforms.sql_files import sql_text

CHANGE_KINDS = ("newly_ready", "newly_stuck", "promoted", "left")


class ReportError(ValueError):
    """The warehouse does not hold what a report needs; the message says what and how to fix it."""


@dataclass(slots=True)
class Criterion:
    id: str
    title: str
    measured: float | None
    target: float
    weight: float
    contribution: float | None
    is_measured: bool
    met: bool | None
    remedy: str | None


@dataclass(slots=True)
class Symptom:
    id: str
    title: str
    remedies: list[str]
    evidence: str | None


@dataclass(slots=True)
class Engineer:
    """One engineer of the run; criteria and symptoms are filled only while a batch is rendered."""

    employee_id: str
    name: str
    manager_id: str | None
    manager_name: str | None
    team: str | None
    track: str | None
    level: str | None
    next_level: str | None
    level_start_date: date | None
    level_start_source: str | None
    years_in_level: float | None
    readiness_score: float | None
    status: str
    accelerated: bool
    not_scored_reason: str | None
    criteria_measured: int | None
    criteria_total: int | None
    window: Window | None = None
    # Empty until a batch is rendered (attach_details, attach_packets): no two empty lists per engineer.
    criteria: list[Criterion] | tuple[()] = ()
    symptoms: list[Symptom] | tuple[()] = ()
    criteria_html: Markup | None = None  # the packet's criteria rows, escaped (sql/packet_criteria.sql)
    gaps_html: Markup | None = None  # the packet's gaps and unmeasured criteria as list items

    @property
    def gaps(self) -> list[Criterion]:
        """Measured criteria below their target, with the ladder's remedy."""
        return [c for c in self.criteria if c.is_measured and not c.met]

    @property
    def unmeasured(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.is_measured]

    @property
    def position(self) -> str:
        return self.window.position(self.years_in_level) if self.window else "no window"

    @property
    def years_past_ceiling(self) -> float | None:
        return self.window.years_past_ceiling(self.years_in_level) if self.window else None


@dataclass
class InputFile:
    file_sha256: str
    kind: str
    original_name: str


@dataclass
class RunInfo:
    run_id: str
    as_of: date | None
    snapshot_as_of: date | None
    rubric_name: str
    rubric_version: str
    rubric_sha256: str
    rubric_file: str
    input_files: list[InputFile]
    previous_run_id: str | None
    previous_snapshot_as_of: date | None
    ready_score: float | None


@dataclass
class ReportFacts:
    run: RunInfo
    engineers: list[Engineer]  # in report order (team, name, id); without criteria and symptoms
    by_id: dict[str, Engineer]
    changes: list[dict]
    level_order: list[str]
    level_titles: dict[str, str]
    windows: dict[str, Window]
    recipe_rows: list[dict] = field(default_factory=list)  # score_recipe.sql

    def stuck_engineers(self) -> list[Engineer]:
        """Stuck engineers, furthest past the realistic ceiling first (the order of stuck.html and stuck.csv)."""
        return sorted((e for e in self.engineers if e.status == "stuck"),
                      key=lambda e: (-(e.years_past_ceiling or 0), e.employee_id))


def _run_info(con: duckdb.DuckDBPyConnection, run_id: str, rubric: Rubric) -> RunInfo:
    row = con.execute(
        "select as_of, snapshot_as_of, rubric_name, rubric_version, rubric_sha256 from pipeline_runs where run_id = ?",
        [run_id],
    ).fetchone()
    if row is None:
        raise ReportError(f"pipeline_runs: run {run_id!r} is not recorded; start the run before writing its reports")
    as_of, snapshot_as_of, name, version, sha = row
    files = [InputFile(r["file_sha256"], r["kind"], r["original_name"]) for r in query(con, "input_files", run_id=run_id)]
    prev = query(con, "previous_run", run_id=run_id)
    return RunInfo(
        run_id=run_id,
        as_of=as_of,
        snapshot_as_of=snapshot_as_of or as_of,
        rubric_name=name or rubric.name,
        rubric_version=str(version or rubric.version),
        rubric_sha256=sha or rubric.sha256,
        rubric_file=rubric.path.name,  # the file name only: no machine paths in outputs
        input_files=files,
        previous_run_id=prev[0]["run_id"] if prev else None,
        previous_snapshot_as_of=prev[0]["snapshot_as_of"] if prev else None,
        ready_score=rubric.statuses.ready_score,
    )


# Columns whose values many engineers share (a manager, a team, a level, a start date): each
# distinct value is kept as one object, so a million engineers do not hold a million copies of
# "senior". Names and ids are left alone: in a real roster they are (nearly) unique.
SHARED_COLUMNS = ("manager_id", "manager_name", "team", "track", "level", "next_level", "level_start_date",
                  "level_start_source", "years_in_level", "readiness_score", "status", "not_scored_reason")
FETCH_ROWS = 50_000


def _engineers(con: duckdb.DuckDBPyConnection, run_id: str, windows: dict[str, Window]) -> list[Engineer]:
    """Every engineer of the run (sql/engineers.sql), read in chunks with shared values kept once."""
    cur = con.execute(sql_text("transforms.report", "sql/engineers"), {"run_id": run_id})
    cols = [d[0] for d in cur.description]
    # One cache per column: 1 == 1.0 == True would otherwise share across columns of other types.
    caches = [{} if c in SHARED_COLUMNS else None for c in cols]
    engineers = []
    while rows := cur.fetchmany(FETCH_ROWS):
        for row in rows:
            values = {c: v if cache is None or v is None else cache.setdefault(v, v)
                      for c, cache, v in zip(cols, caches, row)}
            e = Engineer(**values)
            e.window = windows.get(e.level) if e.status != "not_scored" else None
            engineers.append(e)
    return engineers


def load_facts(con: duckdb.DuckDBPyConnection, run_id: str, rubric: Rubric) -> ReportFacts:
    """Read one run's engineers (without criteria), changes and ladder into plain values."""
    for table in ("roster", "org_tree"):
        if not table_columns(con, table):
            raise ReportError(f"warehouse: table {table} is missing; build the model stage before writing reports")
    run = _run_info(con, run_id, rubric)
    windows = promotion_windows(rubric)
    engineers = _engineers(con, run_id, windows)
    changes = query(con, "changes", run_id=run_id, previous_run_id=run.previous_run_id) if run.previous_run_id else []
    return ReportFacts(
        run=run, engineers=engineers, by_id={e.employee_id: e for e in engineers}, changes=changes,
        level_order=level_ids(rubric), level_titles=level_titles(rubric), windows=windows,
        recipe_rows=query(con, "score_recipe", run_id=run_id),
    )


def use_batch(con: duckdb.DuckDBPyConnection, employee_ids) -> None:
    """Fill the temp table report_batch that the per-engineer queries read."""
    con.execute("create or replace temp table report_batch (employee_id varchar primary key)")
    ids = list(dict.fromkeys(employee_ids))
    if ids:
        con.execute("insert into report_batch select unnest($ids::varchar[])", {"ids": ids})


def attach_details(con: duckdb.DuckDBPyConnection, run_id: str, engineers: list[Engineer]) -> None:
    """Give `engineers` their criteria and symptoms, read in one set of queries."""
    by_id = {e.employee_id: e for e in engineers}
    for e in engineers:
        e.criteria = []
    use_batch(con, by_id)
    for r in query(con, "criteria", run_id=run_id):
        by_id[r["employee_id"]].criteria.append(
            Criterion(
                id=r["criterion_id"], title=r["title"], measured=r["measured"], target=r["target"],
                weight=r["weight"], contribution=r["contribution"], is_measured=r["is_measured"],
                met=r["met"], remedy=r["remedy"],
            )
        )
    _attach_symptoms(con, run_id, by_id)


def attach_packets(con: duckdb.DuckDBPyConnection, run_id: str, engineers: list[Engineer]) -> None:
    """Give `engineers` what their packets show: criteria rows and gaps as HTML, and symptoms."""
    by_id = {e.employee_id: e for e in engineers}
    use_batch(con, by_id)
    cur = con.execute(sql_text("transforms.report", "sql/packet_criteria"), {"run_id": run_id})
    for employee_id, criteria_html, gaps_html in cur.fetchall():
        e = by_id[employee_id]
        e.criteria_html, e.gaps_html = Markup(criteria_html), None if gaps_html is None else Markup(gaps_html)
    _attach_symptoms(con, run_id, by_id)


def _attach_symptoms(con: duckdb.DuckDBPyConnection, run_id: str, by_id: dict[str, Engineer]) -> None:
    """The symptoms of the engineers in report_batch (`by_id`)."""
    for e in by_id.values():
        e.symptoms = []
    for r in query(con, "symptoms", run_id=run_id):
        by_id[r["employee_id"]].symptoms.append(Symptom(r["symptom_id"], r["title"], list(r["remedies"]), r["evidence"]))


def release_details(engineers: list[Engineer]) -> None:
    """Drop the criteria and symptoms of a rendered batch (memory stays bounded at any org size)."""
    for e in engineers:
        e.criteria, e.symptoms, e.criteria_html, e.gaps_html = (), (), None, None
