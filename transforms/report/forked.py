"""Pages rendered on every core: forked children render and write their share of a batch.

Rendering is Python (Jinja), so one process uses one core while DuckDB, whose read speed the
report stage is measured against, uses all of them. After a batch's queries, the report
process forks one child per rendering process; each child inherits the batch's rows
(copy-on-write, nothing is pickled), renders its share of the pages, writes them and exits,
while the parent goes on with the next batch's queries. Children never touch the DuckDB
connection, Prefect or the terminal.

Only on Linux, where fork is the platform's own way to start a process; elsewhere, and with
`processes = 1`, everything is rendered in this process.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")

_ERROR_BYTES = 4000  # under PIPE_BUF: a child's error text never blocks it
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class RenderWorkerError(RuntimeError):
    """A forked child failed to render or write its share of pages."""


def can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")


def process_count(setting: int) -> int:
    """Processes for rendering: `setting` ([report] processes), 0 meaning one per core this process may use."""
    if not can_fork():
        return 1
    return setting if setting > 0 else max(1, len(os.sched_getaffinity(0)))


def shares(items: Sequence[T], processes: int) -> list[list[T]]:
    """`items` dealt round-robin into `processes` shares (pages of a batch vary in size; dealing evens them out)."""
    return [list(items[k::processes]) for k in range(processes)]


@dataclass
class _Child:
    pid: int
    errors_fd: int


def _die_with(parent_pid: int) -> None:
    """Have the kernel kill this child when its parent dies, even by SIGKILL (no orphan keeps writing)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def _start(items: Iterable[T], work: Callable[[T], None]) -> _Child:
    read_fd, write_fd = os.pipe()
    parent_pid = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: render, write, leave without running the parent's exit handlers
        code = 0
        try:
            _die_with(parent_pid)
            os.close(read_fd)
            gc.disable()  # a collection would touch every inherited object and copy the parent's memory
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C or a stop ends the child at once
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            for item in items:
                work(item)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the parent
            code = 1
            os.write(write_fd, f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")[:_ERROR_BYTES])
        finally:
            os._exit(code)
    os.close(write_fd)
    return _Child(pid, read_fd)


def _reap(child: _Child) -> str | None:
    """Wait for `child`; its error text, or None when it succeeded."""
    _, status = os.waitpid(child.pid, 0)
    with os.fdopen(child.errors_fd, "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return None
    return text or (f"stopped by signal {-code}" if code < 0 else f"exit status {code}")


class ForkedShares:
    """Children that each run `work` over one share of items; `wait()` raises if any failed.

    Used as a context manager: leaving it by an exception kills and reaps the children still
    running, so none outlives the parent's failure or interrupt.
    """

    def __init__(self, item_shares: Iterable[Sequence[T]], work: Callable[[T], None]):
        self._children: list[_Child] = []
        sys.stdout.flush()
        sys.stderr.flush()
        for items in item_shares:
            self._children.append(_start(items, work))

    @property
    def pids(self) -> list[int]:
        """The children still to be waited for."""
        return [c.pid for c in self._children]

    def wait(self) -> None:
        errors = []
        while self._children:
            error = _reap(self._children.pop(0))
            if error:
                errors.append(error)
        if errors:
            raise RenderWorkerError(f"a page-rendering process failed: {errors[0]}")

    def __enter__(self) -> "ForkedShares":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.wait()
        else:
            self.stop()

    def stop(self) -> None:
        """Kill and reap the children not yet waited for."""
        for child in self._children:
            try:
                os.kill(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for child in self._children:
            _reap(child)
        self._children.clear()
