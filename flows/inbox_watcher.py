"""Inbox watcher: which files to claim and which to announce as `readiness.export.landed`.

The decisions are pure functions of two directory listings and what was already
announced, so each situation is a unit test. The thread at the bottom only lists the
folder, hashes files and calls an `emit` callback: no Prefect import here.

Rules:
- a file is claimed when its size and mtime are equal in two consecutive polls
  (writers that rename a finished file into place are claimed on the next poll;
  partial names such as `.part`/`.tmp` and hidden files are never claimed);
- every poll is a full rescan, so files that landed while nothing watched are seen
  on start and nothing depends on file-system notifications: watchfiles' notifications
  (inotify; its polling mode where notifications are unavailable) only wake the rescan
  early, and a rescan also runs every `poll_s` without one (a stable size needs a second look);
- one announcement per content: the same bytes under another name, or bytes already
  in the ingest ledger, announce nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from transforms.config import Settings
from transforms.files import write_private

EVENT_NAME = "readiness.export.landed"
EXPORT_SUFFIXES = (".csv", ".xlsx", ".parquet")  # the formats ingest reads
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".download")


@dataclass(frozen=True)
class FileStat:
    """What one poll saw of a file: size in bytes and modification time in ns."""

    size_bytes: int
    mtime_ns: int


@dataclass(frozen=True)
class Landed:
    """A file to announce: its name in the inbox and the sha256 of its bytes."""

    name: str
    sha256: str


@dataclass
class WatchState:
    """What the watcher remembers between polls."""

    last_listing: dict[str, FileStat] = field(default_factory=dict)
    announced: set[str] = field(default_factory=set)  # sha256 already emitted (or already loaded)
    hashed: dict[str, tuple[FileStat, str]] = field(default_factory=dict)  # name -> (stat, sha256)


def is_export_name(name: str) -> bool:
    """True for a name ingest would read: not hidden, not partial, csv / xlsx / parquet."""
    lower = name.lower()
    if lower.startswith(".") or lower.startswith("~$") or lower.endswith(PARTIAL_SUFFIXES):
        return False
    return lower.endswith(EXPORT_SUFFIXES)


def stable_names(previous: Mapping[str, FileStat], current: Mapping[str, FileStat]) -> list[str]:
    """Export names present in both polls with the same size and mtime, and not empty."""
    return sorted(
        name
        for name, stat in current.items()
        if is_export_name(name) and stat.size_bytes > 0 and previous.get(name) == stat
    )


def poll(state: WatchState, listing: Mapping[str, FileStat], sha256_of: Callable[[str], str]) -> list[Landed]:
    """One poll: update `state` from the new listing and return the files to announce, in name order.

    `sha256_of(name)` is called only for newly stable files whose stat changed since
    they were last hashed. Announced hashes are added to `state.announced`.
    """
    to_announce: list[Landed] = []
    for name in stable_names(state.last_listing, listing):
        stat = listing[name]
        known = state.hashed.get(name)
        if known is not None and known[0] == stat:
            continue  # already decided for these bytes
        digest = sha256_of(name)
        state.hashed[name] = (stat, digest)
        if digest not in state.announced:
            state.announced.add(digest)
            to_announce.append(Landed(name, digest))
    state.hashed = {n: v for n, v in state.hashed.items() if n in listing}
    state.last_listing = dict(listing)
    return to_announce


def is_coalesced_event(trigger: str, waiting_files: list, latest_run_outcome: str | None) -> bool:
    """True when an event-triggered run has nothing to do: the inbox is empty and the last run completed.

    A burst of N files emits N events and queues N runs (one at a time); the first run
    loads every file in the inbox (ingest empties it), so the others find nothing and
    end at once instead of re-scoring the same inputs ('unchanged': the last run found
    nothing new, the run before it completed). A failed, cancelled or crashed last run
    ('failed', 'running') is not coalesced: the next event re-runs it.
    """
    return trigger == "event" and not waiting_files and latest_run_outcome in ("completed", "unchanged")


# ---- I/O around the pure rules -------------------------------------------------


def list_inbox(inbox: Path) -> dict[str, FileStat]:
    """Size and mtime of every regular file directly in the inbox (empty if it is missing)."""
    listing: dict[str, FileStat] = {}
    try:
        entries = list(os.scandir(inbox))
    except FileNotFoundError:
        return listing
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                listing[entry.name] = FileStat(st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            continue  # moved away between listing and stat
    return listing


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_announced(state_file: Path) -> set[str]:
    """Hashes announced by earlier watcher runs (empty when the file is missing or unreadable)."""
    try:
        return set(json.loads(Path(state_file).read_text())["announced_sha256"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return set()


def save_announced(state_file: Path, hashes: set[str]) -> None:
    """Write the announced hashes atomically (temp file + rename), owner-only."""
    state_file = Path(state_file)
    tmp = state_file.with_name(state_file.name + ".tmp")
    write_private(tmp, json.dumps({"announced_sha256": sorted(hashes)}, indent=0))
    os.replace(tmp, state_file)


class InboxWatcher(threading.Thread):
    """Rescans the inbox on start, on every change watchfiles reports and at least every `poll_s` seconds;
    calls `emit(landed)` once per new content."""

    def __init__(
        self,
        inbox: Path,
        state_file: Path,
        emit: Callable[[Landed], None],
        already_loaded: set[str] = frozenset(),
        poll_s: float = 0.5,
        on_error: Callable[[str], None] = lambda message: None,
    ):
        super().__init__(name="readiness-inbox-watcher", daemon=True)
        self.inbox = Path(inbox)
        self.state_file = Path(state_file)
        self.emit = emit
        self.poll_s = poll_s
        self.on_error = on_error
        self.state = WatchState(announced=load_announced(self.state_file) | set(already_loaded))
        self._stop_requested = threading.Event()

    def stop(self) -> None:
        self._stop_requested.set()

    def poll_once(self) -> list[Landed]:
        landed = poll(self.state, list_inbox(self.inbox), lambda name: sha256_file(self.inbox / name))
        for item in landed:
            try:
                self.emit(item)
            except Exception as exc:  # keep watching; the next start re-announces it
                self.state.announced.discard(item.sha256)
                self.state.hashed.pop(item.name, None)
                self.on_error(f"could not announce {item.name}: {exc}")
                continue
            # emitted first, recorded second: a crash in between re-announces (a cheap
            # run that loads nothing new) rather than losing the file
            save_announced(self.state_file, self.state.announced)
        return landed

    def rescan(self) -> None:
        try:
            self.poll_once()
        except OSError as exc:
            self.on_error(f"inbox {self.inbox}: {exc}")

    def run(self) -> None:
        self.rescan()  # files that landed while nothing watched
        force_polling = None  # watchfiles decides (WATCHFILES_FORCE_POLLING); True once notifications failed
        while not self._stop_requested.is_set():
            try:
                for _changes in self._wake_ups(force_polling):
                    self.rescan()
            except (OSError, RuntimeError) as exc:  # no inotify (watch limit, some network file systems)
                if force_polling:
                    self.on_error(f"inbox {self.inbox}: {exc}")
                    self._stop_requested.wait(self.poll_s)
                else:
                    self.on_error(f"file-system notifications unavailable ({exc}); polling the inbox instead")
                force_polling = True

    def _wake_ups(self, force_polling: bool | None):
        """watchfiles' change sets for the inbox, and an empty set after `poll_s` without a change."""
        from watchfiles import watch

        period_ms = max(1, int(self.poll_s * 1000))
        return watch(
            self.inbox, watch_filter=None, debounce=period_ms, rust_timeout=period_ms, yield_on_timeout=True,
            stop_event=self._stop_requested, raise_interrupt=False, recursive=False,
            force_polling=force_polling, poll_delay_ms=period_ms,
        )


def data_dir(settings: Settings) -> Path:
    """The folder beside the warehouse: watcher state and a locally started server's home."""
    return Path(settings.db).resolve().parent


def watcher_state_file(settings: Settings) -> Path:
    """Where the watcher keeps the hashes it has announced (beside the warehouse)."""
    return data_dir(settings) / "watcher" / "announced.json"


def ledger_hashes(db: Path) -> set[str]:
    """sha256 of every file already loaded, when the warehouse can be read now (else empty)."""
    import duckdb

    if not Path(db).exists():
        return set()
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return {row[0] for row in con.execute("select file_sha256 from ingest_files").fetchall()}
        finally:
            con.close()
    except duckdb.Error:
        return set()  # locked by a writer or not initialised: the state file still dedupes
