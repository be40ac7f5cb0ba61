"""Helpers for run-level tests: real `readiness` processes on a hand-written org.

Every process is started by pid in its own session and killed at teardown when it is
still alive, even when the test fails. Prefect: the CLI starts its own local server,
unless the caller passes PREFECT_API_URL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transforms.config import PROJECT_ROOT


def cli_env(**extra: str) -> dict:
    """Environment of a child `readiness` process: quiet Prefect, no analytics, the project importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_LOGGING_LEVEL="WARNING", PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PYTHONPATH=str(PROJECT_ROOT),
    )
    env.update(extra)
    return env


@pytest.fixture
def spawn_cli():
    """Start `python -m flows.cli ARGS` with output to a log file; returns the Popen (log at .log)."""
    started: list[subprocess.Popen] = []

    def start(args: list[str], cwd: Path, log: Path, env: dict | None = None) -> subprocess.Popen:
        fh = open(log, "wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", *map(str, args)], cwd=cwd, env=env or cli_env(),
            stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        fh.close()
        proc.log = log
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(predicate, timeout_s: float, what: str):
    """Poll `predicate` until it returns something true; fail naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
