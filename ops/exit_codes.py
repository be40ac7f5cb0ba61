"""Exit codes of the `readiness` command line (documented in the README; one table, used everywhere)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # reports written for a served snapshot (or nothing new: the latest report is still valid)
    RUN_FAILED = 1  # the run could not serve a snapshot, or failed unexpectedly; reports/latest unchanged
    USER_ERROR = 2  # bad option, path, configuration or rubric: fix it and run again
    BUSY = 3  # another process is writing the warehouse
    INTERRUPTED = 130  # Ctrl-C / SIGTERM during a run
