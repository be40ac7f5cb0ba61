"""Runs the flows in embedded mode (Prefect's local mode) and prints the end-of-run summary."""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import typer

# Prefect's own INFO lines would drown the summary; warnings and errors still show.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings  # noqa: E402

from flows.progress import console, reset_clock  # noqa: E402
from transforms.config import Settings  # noqa: E402

def _user_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean a user mistake: shown as one line, never a traceback."""
    from transforms.config import ConfigError
    from transforms.rubric import RubricError
    from transforms.runs import NothingToScore

    return (ConfigError, RubricError, NothingToScore, FileNotFoundError, PermissionError)


@contextmanager
def embedded_prefect():
    """Prefect local mode without the per-flow heartbeat (about 1 s per sync flow)."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _guard(fn, *args, **kwargs):
    try:
        with embedded_prefect():
            return fn(*args, **kwargs)
    except _user_errors() as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)


def run_pipeline(settings: Settings, trigger: str = "cli"):
    """Run the whole pipeline once and print the one-screen summary."""
    from flows.pipeline import readiness_pipeline

    reset_clock()
    result = _guard(readiness_pipeline, settings, trigger=trigger)
    print_summary(result, settings)
    return result


def run_ingest(settings: Settings):
    from flows.pipeline import ingest_flow

    reset_clock()
    outcomes = _guard(ingest_flow, settings)
    print_files(outcomes)
    return outcomes


def run_demo(settings: Settings, engineers: int, seed: int):
    """Write the demo org into the inbox, then run the pipeline on each of its snapshots."""
    from transforms.demo import generate_demo

    manifest = generate_demo(Path(settings.inbox), engineers=engineers, seed=seed)
    console.print(f"demo: wrote {len(manifest.files)} export files for {engineers} engineers into {settings.inbox}")
    results = []
    for as_of in manifest.snapshot_dates:
        results.append(run_pipeline(settings.with_overrides(as_of=as_of), trigger="demo"))
    return results


def print_files(outcomes) -> None:
    for f in outcomes:
        if f.status == "rejected":
            console.print(f"[red]rejected[/red] {f.reason}")
    counts = Counter(f.status for f in outcomes)
    rows = sum(f.rows_loaded for f in outcomes)
    console.print(
        f"files: {counts.get('loaded', 0)} loaded ({rows:,} rows), "
        f"{counts.get('duplicate', 0)} already loaded, {counts.get('rejected', 0)} rejected"
    )


def print_summary(result, settings: Settings) -> None:
    """Files, quarantine, engineers by status and where the reports are."""
    print_files(result.files)
    v = result.validation
    if v is not None:
        for message in getattr(v, "messages", ()):
            console.print(f"[yellow]{message}[/yellow]")
        console.print(f"quarantined rows: {getattr(v, 'quarantined', 0):,} (see quarantine.csv)")
    s = result.scoring
    if s is not None and getattr(s, "by_status", None):
        parts = ", ".join(f"{k} {n:,}" for k, n in sorted(s.by_status.items()))
        console.print(f"as of {result.as_of}: {parts}")
    if result.report_dir is not None:
        console.print(f"reports: {Path(result.report_dir) / 'index.html'} (also {Path(settings.reports) / 'latest'})")
    console.print("[dim]Scores are recommendations for a human review, never decisions.[/dim]")
