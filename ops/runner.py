"""Runs the flows in embedded mode (Prefect's local mode) and prints the end-of-run summary."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import typer

# Prefect's own INFO lines would drown the summary; warnings and errors still show.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# No network at run time: the local server would otherwise try to send usage telemetry.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from flows import progress  # noqa: E402
from flows.progress import reset_clock  # noqa: E402
from ops import local_server  # noqa: E402
from ops.exit_codes import ExitCode  # noqa: E402
from transforms.config import Settings  # noqa: E402


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean a user mistake: shown as one line, never a traceback."""
    from transforms.config import ConfigError
    from transforms.rebuild import RebuildError
    from transforms.rubric import RubricError

    return (ConfigError, RubricError, RebuildError, FileNotFoundError, PermissionError)


def _one_line_errors() -> tuple[type[BaseException], ...]:
    """User mistakes, plus a run that served nothing: explained in lines of their own, no traceback."""
    from transforms.runs import NothingServed

    return (*_user_errors(), NothingServed)


def _is_busy(exc: BaseException) -> bool:
    """DuckDB's error for a warehouse file another process holds open for writing."""
    import duckdb

    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


@contextmanager
def embedded_prefect():
    """Prefect local mode without the per-flow heartbeat (about 1 s per sync flow).

    Uses the temporary server started by `local_server.start_in_background` when there
    is one (and no API URL is configured in a Prefect profile).
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    updates = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    if get_current_settings().api.url:
        local_server.stop()  # a profile names a server: the early one is not needed
    elif url := local_server.api_url():
        updates[PREFECT_API_URL] = url
    with temporary_settings(updates=updates):
        yield


def warm_imports() -> None:
    """Import what the run will need while the local server starts (GX alone takes 2-5 s)."""
    import flows.pipeline  # noqa: F401

    try:
        import great_expectations  # noqa: F401
    except ImportError:
        pass


def settle_local_server(flow_run_id, timeout_s: float = 5.0) -> None:
    """Wait until the local server has recorded every task run of a finished flow run.

    In local mode the temporary server is stopped at interpreter exit. Task-run states
    reach it as events, queued client-side and recorded by a server service; stopping
    the server while some are still queued prints tracebacks and loses those records.
    So: send every queued event, then wait until the server's view of the flow run's
    task runs is final and no longer growing (two equal polls), at most `timeout_s`.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.events.worker import EventsWorker

    # Send every queued event (bounded); the next flow run's first event starts a new worker.
    EventsWorker.drain_all(timeout=timeout_s, at_exit=False)
    deadline = time.monotonic() + timeout_s
    previous = None
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
            seen = sorted((str(r.id), r.state_type.value if r.state_type else "") for r in runs)
            if seen == previous and all(r.state is not None and r.state.is_final() for r in runs):
                return
            previous = seen
            time.sleep(0.05)


# Set by Ctrl-C during a flow: DuckDB turns the signal into its own "Query interrupted"
# error, so the exception alone does not say that the user stopped the run.
_interrupted = threading.Event()


def _note_interrupt(signum, frame):
    _interrupted.set()
    signal.default_int_handler(signum, frame)  # raises KeyboardInterrupt where Python can


class _SkipUserErrors(logging.Filter):
    """Drop Prefect's traceback log for a user mistake or an interrupt: the runner prints it as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _interrupted.is_set():
            return record.levelno < logging.ERROR
        exc = record.exc_info[1] if record.exc_info else None
        return not (exc is not None and (isinstance(exc, _one_line_errors()) or _is_busy(exc)))


@contextmanager
def _one_line_user_errors():
    skip = _SkipUserErrors()
    loggers = [logging.getLogger(name) for name in ("prefect.flow_runs", "prefect.task_runs")]
    for lg in loggers:
        lg.addFilter(skip)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _note_interrupt) if in_main else None
    try:
        yield
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
        for lg in loggers:
            lg.removeFilter(skip)


def call_flow(fn, *args, **kwargs):
    """Call a flow in local mode; return its result (or raise its error) once its records are settled."""
    _interrupted.clear()
    with embedded_prefect(), _one_line_user_errors():
        state = fn(*args, return_state=True, **kwargs)
        if not _interrupted.is_set():
            settle_local_server(state.state_details.flow_run_id)
    return state.result()


def _guard(fn, *args, **kwargs):
    """Call a flow; turn the errors a user can act on into their line(s) and exit code (ops/exit_codes.py)."""
    from transforms.runs import NothingServed

    try:
        return call_flow(fn, *args, **kwargs)
    except _user_errors() as exc:
        progress.error(str(exc))
        raise typer.Exit(ExitCode.USER_ERROR)
    except NothingServed as exc:
        for reason in exc.reasons:
            progress.warn(reason)
        progress.error(str(exc))
        if page := getattr(exc, "failure_page", None):
            progress.info(f"failure page: {page} (reports/latest was left where it was)")
        raise typer.Exit(ExitCode.RUN_FAILED)
    except KeyboardInterrupt:
        progress.error("interrupted; nothing half-loaded is kept, run again to finish")
        raise typer.Exit(ExitCode.INTERRUPTED)
    except Exception as exc:
        if _interrupted.is_set():  # Ctrl-C reached DuckDB first ("Query interrupted")
            progress.error("interrupted; nothing half-loaded is kept, run again to finish")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if not _is_busy(exc):
            raise
        progress.error(f"{exc}".splitlines()[0] + "; another readiness command is writing the warehouse, wait for it and run again")
        raise typer.Exit(ExitCode.BUSY)


BUSY_EXIT_CODE = ExitCode.BUSY  # another process writes the warehouse; try again later


@contextmanager
def single_writer(settings: Settings):
    """Hold the warehouse's writer lock (waiting, bounded), or exit with one line naming the holder."""
    from transforms.warehouse_lock import WarehouseBusy, warehouse_lock

    try:
        with warehouse_lock(settings.db, settings.lock_timeout_s, on_wait=progress.info):
            yield
    except WarehouseBusy as exc:
        progress.error(str(exc))
        raise typer.Exit(BUSY_EXIT_CODE) from None


def run_pipeline(settings: Settings, trigger: str = "cli"):
    """Run the whole pipeline once and print the one-screen summary."""
    with single_writer(settings):
        local_server.start_in_background()
        warm_imports()
        from flows.pipeline import readiness_pipeline

        reset_clock()
        result = _guard(readiness_pipeline, settings, trigger=trigger)
        print_summary(result, settings)
        return result


def run_ingest(settings: Settings):
    with single_writer(settings):
        local_server.start_in_background()
        from flows.pipeline import ingest_flow

        reset_clock()
        outcomes = _guard(ingest_flow, settings)
        print_files(outcomes)
        return outcomes


def run_rebuild(settings: Settings):
    """Re-derive the warehouse from the archive into a new file, swap it in, print the summary."""
    with single_writer(settings):
        local_server.start_in_background()
        warm_imports()
        from flows.rebuild import rebuild_flow

        reset_clock()
        result, files, backup = _guard(rebuild_flow, settings)
        progress.info(f"rebuilt {settings.db} from {files} archived file(s)")
        if backup is not None:
            progress.info(f"the previous warehouse file is kept as {backup}")
        print_summary(result, settings)
        return result


def run_demo(settings: Settings, engineers: int, seed: int):
    """Write the demo org into the inbox, then run the pipeline on each of its snapshots."""
    from demo import generate_demo

    local_server.start_in_background()
    manifest = generate_demo(Path(settings.inbox), engineers=engineers, seed=seed)
    progress.info(f"demo: wrote {len(manifest.files)} export files for {engineers} engineers into {settings.inbox}")
    results = []
    for as_of in manifest.snapshot_dates:
        results.append(run_pipeline(settings.with_overrides(as_of=as_of), trigger="demo"))
    return results


def print_files(outcomes) -> None:
    """Each rejected file's reason (stderr), then the files line of the summary (stdout)."""
    for f in outcomes:
        if f.status == "rejected":
            progress.warn(f"rejected {f.explained()}")
    counts = Counter(f.status for f in outcomes)
    rows = sum(f.rows_loaded for f in outcomes)
    progress.summary(
        f"files: {counts.get('loaded', 0)} loaded ({rows:,} rows), "
        f"{counts.get('duplicate', 0)} already loaded, {counts.get('rejected', 0)} rejected"
    )


def print_summary(result, settings: Settings) -> None:
    """Files, quarantine, engineers by status and where the warehouse and reports are (stdout; warnings stderr)."""
    print_files(result.files)
    v = result.validation
    if v is not None:
        for message in (*v.gate_failures, *v.notes):
            progress.warn(message)
        progress.summary(
            f"rows: {sum(v.rows_clean.values()):,} clean, {v.quarantined_total:,} quarantined "
            f"(see quarantine.csv), {sum(v.rows_superseded.values()):,} superseded by later files"
        )
    s = result.scoring
    if s is not None:
        parts = ", ".join(f"{k} {n:,}" for k, n in sorted(s.by_status.items()))
        progress.summary(f"engineers as of {result.as_of}: {parts}")
    progress.summary(f"warehouse: {settings.db}")
    if result.report_dir is not None:
        progress.summary(f"reports: {Path(result.report_dir) / 'index.html'} (also {Path(settings.reports) / 'latest'})")
    pruned = getattr(result, "pruned", None)
    if pruned is not None:
        progress.summary(f"old runs: {len(pruned.runs)} run folder(s) beyond keep_runs = {settings.report.keep_runs} "
                         f"removed, {pruned.bytes_freed / 1e6:,.1f} MB freed")
    progress.summary("Scores are recommendations for a human review, never decisions.", style="dim")
