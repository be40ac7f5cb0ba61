"""No process outlives the run that started it, even when the run is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_fixture_org
from tests.ops.conftest import wait_for


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time in clock ticks) of a live process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], fields[19]


def descendants(root: int) -> dict[int, str]:
    """Every live process below `root`, as pid -> start time (to tell a reused pid apart)."""
    parents: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))):
            parents.setdefault(st[0], []).append(int(entry))
            starts[int(entry)] = st[2]
    out, todo = {}, [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            out[child] = starts[child]
            todo.append(child)
    return out


def alive(pid: int, started: str) -> bool:
    st = _stat(pid)
    return st is not None and st[1] != "Z" and st[2] == started


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_a_run_killed_with_sigkill_leaves_no_prefect_server_behind(tmp_path, spawn_cli):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    copy_fixture_org(inbox)
    run = spawn_cli(["run", "--inbox", inbox, "--db", tmp_path / "warehouse.duckdb", "--reports", tmp_path / "reports"],
                    tmp_path, tmp_path / "run.log")
    # wait until the run has started its local Prefect server (a uvicorn process below it)
    started = wait_for(
        lambda: (d := descendants(run.pid)) and any("uvicorn" in cmdline(p) for p in d) and d,
        120, "the run's local Prefect server",
    )
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    try:
        survivors = {}
        deadline = time.monotonic() + 20  # a server's clean shutdown takes a few seconds
        while time.monotonic() < deadline:
            survivors = {p: s for p, s in started.items() if alive(p, s)}
            if not survivors:
                break
            time.sleep(0.2)
        assert survivors == {}, [cmdline(p) for p in survivors]
    finally:
        for pid, start in started.items():  # only the processes this test's run started
            if alive(pid, start):
                os.kill(pid, signal.SIGKILL)


def test_the_guard_ends_its_module_when_the_parent_dies(tmp_path):
    """Without Prefect: a parent starts a guarded sleeper, the parent is killed, the sleeper ends."""
    script = (
        "import subprocess, sys, time\n"
        "from ops.orphan_guard import guarded_command\n"
        "child = subprocess.Popen(guarded_command('http.server', '--bind', '127.0.0.1', '0'))\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    child = int(parent.stdout.readline())
    start = _stat(child)[2]
    try:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        wait_for(lambda: not alive(child, start), 15, "the guarded child to end with its parent")
    finally:
        if alive(child, start):
            os.kill(child, signal.SIGKILL)
