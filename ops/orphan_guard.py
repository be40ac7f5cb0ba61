"""Run a Python module that dies with the process that started it, SIGKILL included.

`python -m ops.orphan_guard PARENT_PID MODULE ARGS...` runs `python -m MODULE ARGS...`
in this process after two guards, so a server started for a run never outlives it:
- Linux: prctl(PR_SET_PDEATHSIG, SIGTERM), the kernel signals us when the parent dies;
- everywhere: a watchdog thread that sees the parent pid change (we were re-parented),
  sends SIGTERM to this process, and exits hard if that has not ended it in 10 s.
Servers shut down cleanly on SIGTERM (uvicorn and `prefect server start` both do).
Stdlib only: it runs before Prefect is imported.
"""

from __future__ import annotations

import ctypes
import os
import runpy
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
GRACE_S = 10.0


def guarded_command(module: str, *args: str) -> list[str]:
    """The argv that runs `python -m module args` guarded against outliving this process."""
    return [sys.executable, "-m", "ops.orphan_guard", str(os.getpid()), module, *args]


def _die_with_parent_linux() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # the watchdog still does it, within a poll


def _watch_parent(parent_pid: int, poll_s: float = 0.5) -> None:
    while os.getppid() == parent_pid:
        time.sleep(poll_s)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_S)
    os._exit(1)


def main(argv: list[str]) -> None:
    parent_pid, module, *args = argv
    _die_with_parent_linux()
    if os.getppid() != int(parent_pid):
        sys.exit(1)  # the parent died before the guard was set
    threading.Thread(target=_watch_parent, args=(int(parent_pid),), daemon=True, name="orphan-guard").start()
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
