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
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from flows.calendar_schedule import schedule_specs
from flows import progress
from flows.orphan_guard import guarded_command
from flows.watcher import EVENT_NAME, InboxWatcher, Landed
from transforms.config import PROJECT_ROOT, Settings
from transforms.files import private_dir

DEPLOYMENT_NAME = "readiness"


def data_dir(settings: Settings) -> Path:
    """The folder beside the warehouse: watcher state and a locally started server's home."""
    return Path(settings.db).resolve().parent


def watcher_state_file(settings: Settings) -> Path:
    return data_dir(settings) / "watcher" / "announced.json"


def deployment_parameters(settings: Settings) -> dict:
    """The flow's parameters as JSON: absolute paths, so runs do not depend on a working directory."""
    params = {
        "inbox": str(Path(settings.inbox).resolve()),
        "db": str(Path(settings.db).resolve()),
        "reports": str(Path(settings.reports).resolve()),
        "archive": str(Path(settings.archive).resolve()),
        "rejected": str(Path(settings.rejected).resolve()),
        "rubric": str(Path(settings.rubric).resolve()),
        "config": str(Path(settings.config_file).resolve()),
    }
    if settings.as_of is not None:
        params["as_of"] = settings.as_of.isoformat()
    return params


def export_landed_trigger(deployment_name: str):
    """Run the deployment once per `readiness.export.landed` event from this deployment's watcher."""
    from prefect.events import DeploymentEventTrigger

    return DeploymentEventTrigger(
        name=f"{deployment_name}: export landed",
        expect={EVENT_NAME},
        match={"prefect.resource.id": "readiness.export.*", "readiness.deployment": deployment_name},
        parameters={"trigger": "event"},
    )


def calendar_schedules(settings: Settings) -> list:
    """Prefect schedules for the calibration calendar (and the weekly refresh when configured)."""
    from prefect.schedules import RRule

    return [
        RRule(spec.rrule, timezone=spec.timezone, slug=spec.slug, parameters={"trigger": "schedule"})
        for spec in schedule_specs(settings.calendar, str(settings.config_file))
    ]


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


def ledger_hashes(db: Path) -> set[str]:
    """sha256 of every file already loaded, when the warehouse can be read now (else empty)."""
    import duckdb

    if not Path(db).exists():
        return set()
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return {row[0] for row in con.execute("select file_sha256 from ingest_files").fetchall()}
        finally:
            con.close()
    except duckdb.Error:
        return set()  # locked by a writer or not initialised: the state file still dedupes


# ---- the Prefect server ----------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout_s) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def start_local_server(prefect_home: Path, port: int | None = None, log_file: Path | None = None):
    """Start `prefect server start` on 127.0.0.1 (SQLite under `prefect_home`); returns (process, api_url)."""
    port = port or free_port()
    private_dir(prefect_home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    log = open(log_file or prefect_home / "server.log", "ab")
    proc = subprocess.Popen(
        guarded_command("prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)),  # ends with us
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped by us, after the runner
    )
    log.close()
    return proc, f"http://127.0.0.1:{port}/api"


def wait_healthy(api_url: str, proc=None, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if is_healthy(api_url):
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode}; see its log")
        time.sleep(0.25)
    raise RuntimeError(f"the Prefect server at {api_url} did not answer /health within {timeout_s:.0f} s")


def stop_process_group(proc, timeout_s: float = 10.0) -> None:
    """SIGTERM the process group, SIGKILL it after `timeout_s`."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


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
