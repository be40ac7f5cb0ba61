"""One home for starting, probing and stopping a Prefect server process (stdlib only: used before `import prefect`).

`readiness serve` starts `prefect server start` here; embedded runs start Prefect's
temporary server early (ops/local_server.py) with the same free port and health poll.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from ops.orphan_guard import guarded_command
from transforms.files import private_dir


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    """True when the API's /health answers 200 within `timeout_s`."""
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


def wait_healthy(api_url: str, proc=None, timeout_s: float = 90.0, poll_s: float = 0.25) -> None:
    """Return once `api_url`/health answers 200; RuntimeError when `proc` exits first or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if is_healthy(api_url):
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode}; see its log")
        time.sleep(poll_s)
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
