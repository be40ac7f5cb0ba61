"""Prefect's temporary local server for embedded runs, started early and stopped last.

Prefect's local mode starts the same server (uvicorn + `create_app`, SQLite in
PREFECT_HOME) lazily, at the first API call, after the CLI has imported everything;
it then waits 4-8 s doing nothing. Starting it here, before the heavy imports, lets
the two overlap on a 2-core machine: measured, `readiness run` with nothing new takes
6.7 s against 13.7 s in Prefect's ephemeral mode (docs/performance.md, start-up).
Public settings only. Stdlib only: this runs before `import prefect`.
Nothing is started when PREFECT_API_URL names a server.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import subprocess
from pathlib import Path

from ops.orphan_guard import guarded_command
from ops.prefect_server import free_port, wait_healthy

# Prefect's public settings for a temporary server: no UI, no usage telemetry, and only the
# services that record runs and events (the ones Prefect's own temporary server runs).
TEMPORARY_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    **{f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in (
        "SCHEDULER", "LATE_RUNS", "PAUSE_EXPIRATIONS", "CANCELLATION_CLEANUP", "FOREMAN", "REPOSSESSOR",
    )},
}

_state: dict = {}


def start_in_background() -> None:
    """Start the temporary server once per process (no-op when PREFECT_API_URL is set)."""
    if _state or os.environ.get("PREFECT_API_URL"):
        return
    spec = importlib.util.find_spec("prefect")  # locates the package without importing it
    if spec is None or spec.origin is None:
        return
    port = free_port()
    # the same command Prefect's own temporary server runs, guarded so that the server
    # ends with this process even when it is killed with SIGKILL
    proc = subprocess.Popen(
        guarded_command(
            "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent),
            "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
            "--port", str(port), "--log-level", "error", "--lifespan", "on",
        ),
        env={**os.environ, **TEMPORARY_SERVER_ENV},
        stdin=subprocess.DEVNULL,
    )
    _state.update(proc=proc, api_url=f"http://127.0.0.1:{port}/api", ready=False)
    atexit.register(stop)


def api_url(timeout_s: float = 60.0) -> str | None:
    """The started server's API URL once /health answers; None when none was started here."""
    if not _state:
        return None
    if not _state["ready"]:
        wait_healthy(_state["api_url"], _state["proc"], timeout_s=timeout_s, poll_s=0.1)
        _state["ready"] = True
    return _state["api_url"]


def stop() -> None:
    """Stop the server (runs at exit, after the runner has waited for its records to settle)."""
    proc = _state.get("proc")
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
