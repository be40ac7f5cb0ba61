"""Everything one run's reports show, read from the warehouse once into plain values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import duckdb

from transforms.report.ladder import (
    Window,
    level_ids,
    level_titles,
    promotion_windows,
    rubric_file_label,
)
from transforms.report.queries import query, table_columns

STATUSES = ("ready", "watch", "stuck", "on_track", "not_scored")
CHANGE_KINDS = ("newly_ready", "newly_stuck", "promoted", "left")
_EVIDENCE_TABLES = {"projects": "clean_projects", "activities": "clean_activities", "skills": "clean_skills"}


class ReportError(ValueError):
    """The warehouse does not hold what a report needs; the message says what and how to fix it."""


@dataclass
class Evidence:
    """One evidence row behind a criterion, as a person reads it."""

    kind: str  # project | activity | skill
    row_id: str
    label: str
    detail: str
    on: date | None = None
    counterpart_id: str | None = None


@dataclass
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
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Symptom:
    id: str
    title: str
    remedies: list[str]
    evidence: str | None


@dataclass
class Engineer:
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
    symptom_ids: list[str]
    criteria_measured: int | None
    criteria_total: int | None
    window: Window | None = None
    criteria: list[Criterion] = field(default_factory=list)
    symptoms: list[Symptom] = field(default_factory=list)

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
    engineers: list[Engineer]
    by_id: dict[str, Engineer]
    subtrees: dict[str, list[str]]  # manager id -> every direct and indirect report id (org_tree)
    manager_names: dict[str, str]
    changes: list[dict]
    level_order: list[str]
    level_titles: dict[str, str]
    windows: dict[str, Window]

    def subtree_engineers(self, manager_id: str) -> list[Engineer]:
        """The manager's whole subtree as scored in this run, in report order."""
        members = set(self.subtrees.get(manager_id, ()))
        return [e for e in self.engineers if e.employee_id in members]

    def subtree_changes(self, manager_id: str) -> list[dict]:
        """Changes of people in the subtree now, or (for leavers) whose last manager was in it."""
        members = set(self.subtrees.get(manager_id, ()))
        return [
            c
            for c in self.changes
            if c["employee_id"] in members
            or (c["change"] == "left" and (c["previous_manager_id"] == manager_id or c["previous_manager_id"] in members))
        ]


def _evidence_rows(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[tuple[str, str], list[Evidence]]:
    """(employee_id, criterion_id) -> evidence rows, from whichever clean tables exist."""
    out: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    if table_columns(con, _EVIDENCE_TABLES["projects"]):
        for r in query(con, "evidence_projects", run_id=run_id):
            label = f"{r['project_id']}" + (f" {r['project_name']}" if r["project_name"] else "")
            detail = ", ".join(
                str(x)
                for x in (r["role"], r["scope"] and f"{r['scope']} scope", r["impact"] and f"{r['impact']} impact", r["status"])
                if x
            )
            span = f"{r['start_date']} to {r['end_date'] or 'now'}"
            out[(r["employee_id"], r["criterion_id"])].append(
                Evidence("project", r["row_id"], label, f"{detail}; {span}" if detail else span, r["start_date"])
            )
    if table_columns(con, _EVIDENCE_TABLES["activities"]):
        for r in query(con, "evidence_activities", run_id=run_id):
            detail = r["activity_type"] + (f", {r['audience']} audience" if r["audience"] else "")
            out[(r["employee_id"], r["criterion_id"])].append(
                Evidence("activity", r["row_id"], r["title"] or r["activity_type"], detail, r["activity_date"], r["counterpart_id"])
            )
    if table_columns(con, _EVIDENCE_TABLES["skills"]):
        for r in query(con, "evidence_skills", run_id=run_id):
            detail = f"proficiency {r['proficiency']}" + (f", {r['source']} assessment" if r["source"] else "")
            out[(r["employee_id"], r["criterion_id"])].append(
                Evidence("skill", r["row_id"], r["skill"], detail, r["assessed_on"])
            )
    return out


def _run_info(con: duckdb.DuckDBPyConnection, run_id: str, rubric) -> RunInfo:
    row = con.execute(
        "select as_of, snapshot_as_of, rubric_name, rubric_version, rubric_sha256 from pipeline_runs where run_id = ?",
        [run_id],
    ).fetchone()
    if row is None:
        raise ReportError(f"pipeline_runs: run {run_id!r} is not recorded; start the run before writing its reports")
    as_of, snapshot_as_of, name, version, sha = row
    files = [InputFile(r["file_sha256"], r["kind"], r["original_name"]) for r in query(con, "input_files", run_id=run_id)]
    prev = query(con, "previous_run", run_id=run_id)
    statuses = getattr(rubric, "statuses", None)
    ready_score = statuses.get("ready_score") if isinstance(statuses, dict) else getattr(statuses, "ready_score", None)
    return RunInfo(
        run_id=run_id,
        as_of=as_of,
        snapshot_as_of=snapshot_as_of or as_of,
        rubric_name=name or getattr(rubric, "name", None) or "unknown",
        rubric_version=str(version or getattr(rubric, "version", None) or "unknown"),
        rubric_sha256=sha or getattr(rubric, "sha256", None) or "unknown",
        rubric_file=rubric_file_label(getattr(rubric, "path", None)),
        input_files=files,
        previous_run_id=prev[0]["run_id"] if prev else None,
        previous_snapshot_as_of=prev[0]["snapshot_as_of"] if prev else None,
        ready_score=ready_score,
    )


def load_facts(con: duckdb.DuckDBPyConnection, run_id: str, rubric) -> ReportFacts:
    """Read one run's scores, evidence, org tree and changes into plain values."""
    for table in ("roster", "org_tree"):
        if not table_columns(con, table):
            raise ReportError(f"warehouse: table {table} is missing; build the model stage before writing reports")
    run = _run_info(con, run_id, rubric)
    windows = promotion_windows(rubric)
    engineers = []
    for r in query(con, "engineers", run_id=run_id):
        e = Engineer(**{k: v for k, v in r.items() if k != "symptoms"}, symptom_ids=list(r["symptoms"]))
        e.window = windows.get(e.level) if e.status != "not_scored" else None
        engineers.append(e)
    by_id = {e.employee_id: e for e in engineers}
    evidence = _evidence_rows(con, run_id)
    for r in query(con, "criteria", run_id=run_id):
        e = by_id.get(r["employee_id"])
        if e is None:
            continue
        e.criteria.append(
            Criterion(
                id=r["criterion_id"], title=r["title"], measured=r["measured"], target=r["target"],
                weight=r["weight"], contribution=r["contribution"], is_measured=r["is_measured"],
                met=r["met"], remedy=r["remedy"], evidence=evidence.get((r["employee_id"], r["criterion_id"]), []),
            )
        )
    for r in query(con, "symptoms", run_id=run_id):
        if r["employee_id"] in by_id:
            by_id[r["employee_id"]].symptoms.append(Symptom(r["symptom_id"], r["title"], list(r["remedies"]), r["evidence"]))
    subtrees: dict[str, list[str]] = {
        m: list(ids)
        for m, ids in con.execute(
            "select manager_id, list(employee_id order by employee_id) from org_tree group by manager_id order by manager_id"
        ).fetchall()
    }
    manager_names = dict(
        con.execute(
            "select employee_id, name from roster where employee_id in (select distinct manager_id from org_tree)"
        ).fetchall()
    )
    changes = query(con, "changes", run_id=run_id, previous_run_id=run.previous_run_id) if run.previous_run_id else []
    return ReportFacts(
        run=run, engineers=engineers, by_id=by_id, subtrees=subtrees, manager_names=manager_names,
        changes=changes, level_order=level_ids(rubric), level_titles=level_titles(rubric), windows=windows,
    )
