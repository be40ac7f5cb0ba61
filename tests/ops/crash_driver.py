"""Crash-test driver: imports the pipeline once, then runs each requested run in a fork.

Reads one JSON job per stdin line ({"settings": {...paths}, "crash": spec or null}) and
answers one JSON line per job ({"exit": code} or {"signal": 9}). Forking a process that
has imported Prefect and GX but run nothing saves their import time (seconds per run)
for the 30-odd runs of the crash test; each run is still a real process killed with
SIGKILL by transforms.crashpoints. Prefect: the API in PREFECT_API_URL.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def run_one(job: dict) -> None:
    """In the forked child: arm the hook and run the pipeline the way `readiness run` does."""
    import typer

    from ops.runner import run_pipeline
    from transforms import crashpoints
    from transforms.config import load_settings

    os.umask(0o077)
    crashpoints.arm(job.get("crash"))
    settings = load_settings().with_overrides(**{k: Path(v) for k, v in job["settings"].items()})
    code = 0
    try:
        run_pipeline(settings, trigger="crash-test")
    except typer.Exit as exc:
        code = exc.exit_code
    except BaseException:  # noqa: BLE001 - reported as an exit code; the log has the traceback
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    from ops import runner  # noqa: F401 - import everything a run needs before forking
    from transforms import crashpoints  # noqa: F401

    runner.warm_imports()
    out = sys.stdout
    print(json.dumps({"ready": os.getpid()}), file=out, flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        log = open(job["log"], "ab")
        pid = os.fork()
        if pid == 0:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            run_one(job)
        log.close()
        _, status = os.waitpid(pid, 0)
        answer = {"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {"exit": os.WEXITSTATUS(status)}
        print(json.dumps(answer), file=out, flush=True)


if __name__ == "__main__":
    main()
