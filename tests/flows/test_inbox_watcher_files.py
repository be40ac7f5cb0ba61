"""The watcher's file handling on a real folder (no Prefect); the last tests run the real thread (watchfiles)."""

import hashlib
import os
import stat
import threading

import pytest

from flows.inbox_watcher import InboxWatcher, Landed


def test_announces_from_disk_keeps_state_owner_only_and_survives_restart(tmp_path):
    inbox, state_file = tmp_path / "inbox", tmp_path / "data" / "watcher" / "announced.json"
    inbox.mkdir()
    (inbox / "people_2026-10-31.csv").write_bytes(b"employee_id,name\nE1,Ada\n")
    sha = hashlib.sha256(b"employee_id,name\nE1,Ada\n").hexdigest()
    emitted = []

    first = InboxWatcher(inbox, state_file, emit=emitted.append)
    assert first.poll_once() == []  # first sight
    assert first.poll_once() == [Landed("people_2026-10-31.csv", sha)]
    assert emitted == [Landed("people_2026-10-31.csv", sha)]
    assert stat.S_IMODE(os.stat(state_file).st_mode) == 0o600  # HR file names and hashes: owner only

    # a restarted watcher reads the state file: the same file is not announced again
    again = InboxWatcher(inbox, state_file, emit=emitted.append)
    again.poll_once()
    again.poll_once()
    assert len(emitted) == 1


def test_bytes_already_in_the_ledger_are_not_announced(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "skills.csv").write_bytes(b"x")
    emitted = []
    watcher = InboxWatcher(
        inbox, tmp_path / "state.json", emit=emitted.append, already_loaded={hashlib.sha256(b"x").hexdigest()}
    )
    watcher.poll_once()
    watcher.poll_once()
    assert emitted == []


def test_a_failed_announcement_is_retried_on_the_next_poll(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "projects.csv").write_bytes(b"p")
    attempts, errors = [], []

    def flaky_emit(landed):
        attempts.append(landed.name)
        if len(attempts) == 1:
            raise ConnectionError("server down")

    watcher = InboxWatcher(inbox, tmp_path / "state.json", emit=flaky_emit, on_error=errors.append)
    watcher.poll_once()
    watcher.poll_once()  # claimed, emit fails
    watcher.poll_once()  # retried, succeeds
    watcher.poll_once()  # nothing more
    assert attempts == ["projects.csv", "projects.csv"]
    assert errors == ["could not announce projects.csv: server down"]


@pytest.mark.parametrize("polling", ["", "1"], ids=["notifications", "polling"])
def test_watcher_thread_claims_files_present_at_start_and_landed_later(tmp_path, monkeypatch, polling):
    # watchfiles wakes the rescan (inotify, or its polling mode with WATCHFILES_FORCE_POLLING);
    # the claim rules stay the same: rescan on start, stable size, one announcement per content
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", polling)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "people_2026-10-31.csv").write_bytes(b"before")
    emitted, two = [], threading.Event()

    def emit(landed):
        emitted.append(landed)
        if len(emitted) == 2:
            two.set()

    watcher = InboxWatcher(inbox, tmp_path / "state.json", emit=emit, poll_s=0.1)
    watcher.start()
    try:
        (inbox / "skills.csv").write_bytes(b"after")
        (inbox / "skills_copy.csv").write_bytes(b"after")  # the same bytes again: not announced twice
        assert two.wait(60)
    finally:
        watcher.stop()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
    # people is seen first (at start); skills.csv wins over its copy by name order, or by landing first
    assert emitted == [
        Landed("people_2026-10-31.csv", hashlib.sha256(b"before").hexdigest()),
        Landed("skills.csv", hashlib.sha256(b"after").hexdigest()),
    ]


def test_watcher_falls_back_to_polling_when_notifications_fail(tmp_path, monkeypatch):
    import watchfiles

    real_watch = watchfiles.watch
    modes = []

    def watch(*paths, force_polling=None, **kwargs):
        modes.append(force_polling)
        if not force_polling:
            raise OSError("inotify watch limit reached")
        return real_watch(*paths, force_polling=force_polling, **kwargs)

    monkeypatch.setattr(watchfiles, "watch", watch)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    emitted, errors, got = [], [], threading.Event()
    watcher = InboxWatcher(inbox, tmp_path / "state.json", emit=lambda landed: (emitted.append(landed), got.set()),
                           poll_s=0.1, on_error=errors.append)
    watcher.start()
    try:
        (inbox / "projects.csv").write_bytes(b"p")
        assert got.wait(60)
    finally:
        watcher.stop()
        watcher.join(timeout=10)
    assert modes[:2] == [None, True]
    assert errors == ["file-system notifications unavailable (inotify watch limit reached); polling the inbox instead"]
    assert emitted == [Landed("projects.csv", hashlib.sha256(b"p").hexdigest())]
