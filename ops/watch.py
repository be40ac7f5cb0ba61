"""Embedded always-on mode: `readiness watch` runs the pipeline in this process on new exports.

The same watcher as `readiness serve` (stable files, rescans, one announcement per
content), without a Prefect server: a burst of files becomes one run, because each
run loads everything in the inbox and runs happen one after another in this process.
"""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import typer

from flows import progress
from flows.inbox_watcher import InboxWatcher, ledger_hashes, watcher_state_file
from transforms.config import Settings
from transforms.files import private_dir


def watch_inbox(settings: Settings, poll_s: float = 0.5, settle_s: float = 1.0) -> None:
    """Run the pipeline whenever new exports land, until Ctrl-C / SIGTERM."""
    from ops import local_server
    from ops.runner import BUSY_EXIT_CODE, run_pipeline

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    local_server.start_in_background()
    inbox = private_dir(Path(settings.inbox))
    pending = threading.Event()

    def announce(landed) -> None:
        progress.info(f"new export: {landed.name}")
        pending.set()

    watcher = InboxWatcher(
        inbox, watcher_state_file(settings), emit=announce,
        already_loaded=ledger_hashes(Path(settings.db)), poll_s=poll_s,
        on_error=lambda message: progress.warn(f"watcher: {message}"),
    )
    progress.info(f"watching {inbox.resolve()} (Ctrl-C stops)")
    watcher.start()
    try:
        while True:
            if not pending.wait(timeout=1.0):
                continue
            time.sleep(settle_s)  # the rest of a burst lands in the same run
            pending.clear()
            try:
                run_pipeline(settings, trigger="watch")
            except typer.Exit as exc:
                if exc.exit_code == BUSY_EXIT_CODE:
                    pending.set()  # another command held the warehouse: its exports wait in the inbox, try again
                # else a user mistake, already printed in one line: keep watching
            except Exception as exc:  # keep watching; the run record says what failed
                progress.error(f"run failed: {exc}")
    except KeyboardInterrupt:
        progress.info("stopped.")
    finally:
        watcher.stop()
        watcher.join(timeout=5)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
