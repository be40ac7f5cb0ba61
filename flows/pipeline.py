"""The readiness pipeline as a Prefect flow: ingest each file, validate, model, score, report.

Tasks are coarse (one per stage, one per file for ingestion) and call transforms/.
The flow owns the DuckDB connection: one writing process, one connection per run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import progress
from flows.inbox_watcher import is_coalesced_event
from transforms import audit, crashpoints, warehouse
from transforms.config import Settings
from transforms.ingest import FileOutcome, discover_files, ingest_file, ingest_inbox
from transforms.model import build_model
from transforms.report import write_reports
from transforms.report.failure_page import write_failure_page
from transforms.report.retention import Pruned, prune_runs
from transforms.report.writer import no_progress
from transforms.rubric import load_rubric
from transforms.runs import (
    NothingServed, finish_run, new_run_id, record_inputs, resolve_as_of, served_snapshot, settings_fingerprint,
    start_run, unchanged_since,
)
from transforms.score import score
from transforms.sql_files import sql_text
from transforms.validate import validate
from transforms.warehouse_lock import warehouse_lock


@dataclass
class RunResult:
    """What a run did, for the terminal summary and the callers' tests."""

    run_id: str
    as_of: date | None = None
    files: list[FileOutcome] = field(default_factory=list)
    validation: object | None = None
    scoring: object | None = None
    report_dir: Path | None = None
    pruned: Pruned | None = None  # old run folders removed after the reports were written
    outcome: str = "running"
    stage_seconds: dict[str, float] = field(default_factory=dict)
    settings_sha256: str | None = None
    unchanged_since: str | None = None  # run id whose reports still hold (nothing new since)


@task(name="ingest-file", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest_file_task(con, path: Path, settings: Settings, as_of: date | None) -> FileOutcome:
    return ingest_file(con, path, settings, as_of)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(con, rubric, settings: Settings, run_id: str, as_of: date):
    return validate(con, rubric, settings, run_id, as_of)


@task(name="model", cache_policy=NO_CACHE)
def model_task(con, rubric, as_of: date) -> None:
    build_model(con, rubric, as_of)


@task(name="score", cache_policy=NO_CACHE)
def score_task(con, rubric, run_id: str, as_of: date):
    return score(con, rubric, run_id, as_of)


@task(name="report", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def report_task(con, run_id: str, reports_dir: Path, rubric, settings: Settings, progress_to=no_progress) -> Path:
    return write_reports(con, run_id, reports_dir, rubric, limits=settings.report, progress=progress_to,
                         calibration=settings.calibration)


@flow(name="ingest-exports", log_prints=False)
def ingest_flow(settings: Settings) -> list[FileOutcome]:
    """Load every new export in the inbox into the warehouse, one transaction per file."""
    con = warehouse.connect(settings.db, limits=settings.warehouse)
    try:
        return ingest_inbox(con, settings, settings.as_of, load_file=ingest_file_task)
    finally:
        con.close()


@flow(name="readiness-pipeline", log_prints=False)
def readiness_pipeline(settings: Settings, trigger: str = "cli") -> RunResult:
    """One full run: new exports in, validated, scored, and reports written to a new run folder."""
    rubric = load_rubric(settings.rubric)
    con = warehouse.connect(settings.db, limits=settings.warehouse)
    result = RunResult(run_id=new_run_id(), settings_sha256=settings_fingerprint(settings))
    clock = progress.StageClock()
    start_run(con, result.run_id, trigger, datetime.now(timezone.utc))

    def load_file(con, path: Path, settings: Settings, as_of: date | None) -> FileOutcome:
        outcome = ingest_file_task(con, path, settings, as_of)
        result.files.append(outcome)  # as each file is done: a later failure still counts it in the run record
        progress.stage("ingest", f"{path.name}: {outcome.status}, {outcome.rows_loaded:,} rows")
        return outcome

    try:
        ingest_inbox(con, settings, settings.as_of, load_file=load_file)
        crashpoints.reached("run.ingested")  # named points for the crash-safety test; inert otherwise
        result.as_of = resolve_as_of(con, settings.as_of)
        result.stage_seconds = clock.seconds
        clock.lap("ingest")
        if not any(f.status == "loaded" for f in result.files) and _still_served(con, result, rubric, settings):
            return result
        result.validation = v = validate_task(con, rubric, settings, result.run_id, result.as_of)
        clock.lap("validate")
        progress.stage(
            "validate",
            f"{sum(v.rows_clean.values()):,} clean, {v.quarantined_total:,} quarantined, "
            f"{sum(v.rows_superseded.values()):,} superseded; snapshot {v.snapshot_as_of}",
        )
        served_snapshot(v)  # nothing to serve: the run fails here and reports/latest stays where it was
        crashpoints.reached("run.validated")
        model_task(con, rubric, result.as_of)
        clock.lap("model")
        result.scoring = s = score_task(con, rubric, result.run_id, result.as_of)
        clock.lap("score")
        progress.stage("score", f"{s.employees:,} employees as of {result.as_of}")
        crashpoints.reached("run.scored")
        inputs = {"as_of": result.as_of, "snapshot_as_of": v.snapshot_as_of, "rubric": rubric}
        record_inputs(con, result.run_id, **inputs)  # the reports name them; the run is still 'running'
        crashpoints.reached("run.reporting")
        with progress.StageProgress("report") as report_progress:
            result.report_dir = report_task(con, result.run_id, settings.reports, rubric, settings, report_progress)
        clock.lap("report")
        progress.stage("report", str(result.report_dir))
        crashpoints.reached("run.reported")
        result.pruned = prune_runs(settings.reports, settings.report.keep_runs)
        # completed only now that its reports exist: a run killed before this line is marked failed by the next
        finish_run(con, result.run_id, outcome="completed", finished_at=datetime.now(timezone.utc), **inputs,
                   counts=run_counts(result), report_dir=str(result.report_dir))
        result.outcome = "completed"
        return result
    except BaseException as exc:
        if isinstance(exc, NothingServed):
            rejected = [f"rejected {f.explained()}" for f in result.files if f.status == "rejected"]
            exc.reasons = tuple(dict.fromkeys([*rejected, *exc.reasons]))
            exc.failure_page = write_failure_page(settings.reports, result.run_id, str(exc), exc.reasons)
        finish_run(con, result.run_id, outcome="failed", finished_at=datetime.now(timezone.utc),
                   as_of=result.as_of, rubric=rubric, counts=run_counts(result), error=str(exc)[:2000])
        result.outcome = "failed"
        raise
    finally:
        loaded = [f.sha256 for f in result.files if f.status == "loaded"]
        audit.record_run(con, settings.db, result.run_id, settings.reports, rubric, loaded)
        crashpoints.reached("run.closing")
        con.close()


def _still_served(con, result: RunResult, rubric, settings: Settings) -> bool:
    """Nothing new: the newest run read the same files at the same as-of date with the same rubric and
    settings, and `latest` still shows its reports. Records this run as 'unchanged' and says so."""
    previous = unchanged_since(con, result.as_of, rubric.sha256, result.settings_sha256)
    latest = Path(settings.reports) / "latest"
    if previous is None or not latest.is_dir() or latest.resolve() != Path(previous[1]).resolve():
        return False
    result.unchanged_since, result.report_dir, result.outcome = previous[0], Path(previous[1]), "unchanged"
    progress.stage("unchanged", f"nothing new since run {previous[0]}; reports/latest unchanged")
    finish_run(con, result.run_id, outcome="unchanged", finished_at=datetime.now(timezone.utc), as_of=result.as_of,
               rubric=rubric, counts=run_counts(result), report_dir=previous[1])
    return True


def latest_run_outcome(db: Path) -> str | None:
    """Outcome of the newest run recorded in the warehouse (None before the first run)."""
    if not Path(db).exists():
        return None
    con = warehouse.connect(db)
    try:
        row = con.execute(sql_text("flows", "sql/latest_run_outcome")).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def run_counts(result: RunResult) -> dict:
    """Counts stored on the run record: files by outcome, plus the stages' own counts."""
    by_status: dict[str, int] = {}
    for f in result.files:
        by_status[f.status] = by_status.get(f.status, 0) + 1
    counts: dict = {"files": by_status, "stage_seconds": dict(result.stage_seconds),
                    "settings_sha256": result.settings_sha256}
    if result.unchanged_since:
        counts["unchanged_since"] = result.unchanged_since
    for name in ("validation", "scoring"):
        summary = getattr(result, name)
        if summary is not None and is_dataclass(summary):
            counts[name] = asdict(summary)
    return counts


# Same flow name as the embedded pipeline: every run, however started, is listed under one flow.
@flow(name="readiness-pipeline", log_prints=False)
def readiness_deployment(
    inbox: str,
    db: str,
    reports: str,
    rubric: str,
    archive: str,
    rejected: str,
    config: str | None = None,
    as_of: str | None = None,
    trigger: str = "deployment",
) -> dict:
    """Entry point of the served / deployed pipeline: plain JSON parameters, the same body as the CLI run."""
    import os

    from transforms.config import load_settings

    os.umask(0o077)  # owner-only files, as in the CLI: workers may start with a looser umask
    settings = load_settings(Path(config) if config else None).with_overrides(
        inbox=Path(inbox), db=Path(db), reports=Path(reports), rubric=Path(rubric),
        archive=Path(archive), rejected=Path(rejected), as_of=date.fromisoformat(as_of) if as_of else None,
    )
    with warehouse_lock(settings.db, settings.lock_timeout_s):  # a CLI run may hold the warehouse
        if is_coalesced_event(trigger, discover_files(settings.inbox), latest_run_outcome(settings.db)):
            return {"outcome": "nothing new", "reason": "an earlier run already loaded and scored every export"}
        result = readiness_pipeline.fn(settings, trigger=trigger)
    return {
        "run_id": result.run_id,
        "outcome": result.outcome,
        "as_of": str(result.as_of),
        "files_loaded": sum(1 for f in result.files if f.status == "loaded"),
        "report_dir": str(result.report_dir),
    }
