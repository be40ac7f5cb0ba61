"""Always-on mode: serve the pipeline deployment with its event trigger and calendar schedules.

`readiness serve` connects to the Prefect server named by PREFECT_API_URL, or starts a
local one (SQLite, 127.0.0.1 only: the self-hosted events API has no authentication);
registers the deployment with an event trigger on `readiness.export.landed` and the
calibration-calendar schedules; watches the inbox and emits that event once per new
file; and runs at most one flow run at a time (`limit=1`: DuckDB has one writing
process). Ctrl-C or SIGTERM stops the runner, the watcher and the server it started.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import signal
from contextlib import contextmanager
from pathlib import Path

from flows import progress
from flows.inbox_watcher import EVENT_NAME, InboxWatcher, Landed, data_dir, ledger_hashes, watcher_state_file
from flows.triggers import calendar_schedules, deployment_parameters, export_landed_trigger
from ops.prefect_server import is_healthy, start_local_server, stop_process_group, wait_healthy
from transforms.config import PROJECT_ROOT, Settings
from transforms.files import private_dir

DEPLOYMENT_NAME = "readiness"


def emit_landed(deployment_name: str, landed: Landed, inbox: Path) -> None:
    """Announce one new export to the Prefect server."""
    from prefect.events import emit_event

    emit_event(
        event=EVENT_NAME,
        resource={
            "prefect.resource.id": f"readiness.export.{landed.sha256}",
            "prefect.resource.name": landed.name,
            "readiness.deployment": deployment_name,
        },
        payload={"file_name": landed.name, "sha256": landed.sha256, "inbox": str(inbox)},
    )


@contextmanager
def prefect_api(settings: Settings):
    """Yield the API URL to use: PREFECT_API_URL when configured, else a local server started here."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    configured = get_current_settings().api.url
    if configured:
        if not is_healthy(configured):
            raise RuntimeError(f"PREFECT_API_URL={configured} does not answer; start that server or unset it")
        yield configured
        return
    home = data_dir(settings) / "prefect-server"
    progress.info(f"starting a local Prefect server (SQLite in {home}) ...")
    proc, api_url = start_local_server(home)
    try:
        wait_healthy(api_url, proc)
        os.environ["PREFECT_API_URL"] = api_url  # inherited by the runner's flow-run processes
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        stop_process_group(proc)


def serve_pipeline(
    settings: Settings,
    *,
    deployment_name: str = DEPLOYMENT_NAME,
    inbox_poll_s: float = 0.5,
    runner_poll_s: float = 1.0,
) -> None:
    """Serve the pipeline deployment and watch the inbox until Ctrl-C / SIGTERM."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # flow runs start in fresh processes that import flows.pipeline by module path
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    # Ctrl-C must stop us even when started from a script that ignores SIGINT (`cmd &`);
    # SIGTERM does the same until the runner installs its own graceful handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)

    schedules = calendar_schedules(settings)  # config mistakes fail before anything starts
    with prefect_api(settings) as api_url:
        from prefect.deployments.runner import EntrypointType
        from prefect.exceptions import TerminationSignal
        from prefect.runner import Runner

        from flows.pipeline import readiness_deployment

        deployment = readiness_deployment.to_deployment(
            name=deployment_name,
            parameters=deployment_parameters(settings),
            schedules=schedules,
            triggers=[export_landed_trigger(deployment_name)],
            entrypoint_type=EntrypointType.MODULE_PATH,
            description="Promotion-readiness pipeline: runs on every new export and before calibration.",
        )
        runner = Runner(name=f"{deployment_name}-serve", limit=1, query_seconds=runner_poll_s)
        runner.add_deployment(deployment)  # registers deployment, schedules and trigger first

        inbox = Path(settings.inbox).resolve()
        private_dir(inbox)
        # the watcher thread must see this context's settings (API URL): threads do not inherit them
        prefect_context = contextvars.copy_context()
        watcher = InboxWatcher(
            inbox,
            watcher_state_file(settings),
            emit=lambda landed: prefect_context.run(emit_landed, deployment_name, landed, inbox),
            already_loaded=ledger_hashes(Path(settings.db)),  # read before any run can hold the lock
            poll_s=inbox_poll_s,
            on_error=lambda message: progress.warn(f"watcher: {message}"),
        )
        progress.info(f"serving deployment readiness-pipeline/{deployment_name} on {api_url}")
        progress.info(f"watching {inbox}; schedules: {', '.join(s.slug for s in schedules) or 'none'}")
        progress.info("Ctrl-C stops the runner, the watcher and any server started here.")
        watcher.start()
        try:
            asyncio.run(runner.start())
        except (KeyboardInterrupt, TerminationSignal):
            pass
        finally:
            watcher.stop()
            watcher.join(timeout=5)
            _flush_events()
            progress.info("stopped.")


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _flush_events(timeout_s: float = 5.0) -> None:
    """Send events still queued in this process before the server goes away."""
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=timeout_s, at_exit=False)
