"""One writer per warehouse: an advisory lock file beside the DuckDB file.

DuckDB allows one writing process per file and fails the second with a lock error.
Every command that writes (run, ingest, watch, serve's flow runs, rebuild) takes this
lock first: it waits, bounded, for the current holder, and otherwise fails with one
line naming the holder (pid, command, start time) from `<warehouse>.lock`.
The lock is `flock` on that file, so the kernel releases it when the holder dies,
SIGKILL included: a lock file left behind is never stale. Re-entrant in one process.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from transforms.files import FILE_MODE, private_dir

_held: dict[str, list] = {}  # resolved lock path -> [fd, depth], for re-entry in this process


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse; the message names it and says what to do."""


def lock_path(db: Path) -> Path:
    """The lock file of a warehouse: `<warehouse file>.lock`, beside it."""
    return Path(db).with_name(Path(db).name + ".lock")


def holder(db: Path) -> dict:
    """What the current holder wrote into the lock file ({} when unreadable or empty)."""
    try:
        return json.loads(lock_path(db).read_text() or "{}")
    except (OSError, ValueError):
        return {}


def describe(info: dict) -> str:
    """'pid 123 (readiness run, started 2026-12-04T14:40:00Z)' or 'another process'."""
    if not info.get("pid"):
        return "another process"
    return f"pid {info['pid']} ({info.get('command', '?')}, started {info.get('started_at', '?')})"


def _command() -> str:
    """The holder's command, without folder names: `readiness run`, `pytest`, ..."""
    args = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"]
    args += [a for a in sys.argv[1:3] if not a.startswith("-")]
    return " ".join(args)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def warehouse_lock(db: Path, timeout_s: float, on_wait: Callable[[str], None] | None = None, poll_s: float = 0.2):
    """Hold the warehouse's writer lock for the block; wait at most `timeout_s` for it.

    Raises WarehouseBusy when the lock is still held after `timeout_s` (0: do not wait).
    `on_wait` is called once with a line saying who holds it, when waiting starts.
    """
    if str(db) == ":memory:":
        yield
        return
    path = lock_path(private_dir(Path(db).parent).resolve() / Path(db).name)
    key = str(path)
    if key in _held:
        _held[key][1] += 1
        try:
            yield
        finally:
            _held[key][1] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        deadline = time.monotonic() + max(timeout_s, 0)
        announced = False
        while not _try_lock(fd):
            who = describe(holder(db))
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"the warehouse {db} is in use by {who}; waited {timeout_s:g} s. Run again when it has "
                    "finished (or stop it); [warehouse] lock_timeout_seconds sets how long to wait"
                )
            if not announced and on_wait is not None:
                on_wait(f"the warehouse {db} is in use by {who}; waiting up to {timeout_s:g} s for it to finish")
            announced = True
            time.sleep(poll_s)
        info = {"pid": os.getpid(), "command": _command(),
                "started_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode() + b"\n", 0)
        _held[key] = [fd, 1]
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)  # the file stays (deleting it would race a waiter); its content goes
    finally:
        os.close(fd)  # releases the flock
