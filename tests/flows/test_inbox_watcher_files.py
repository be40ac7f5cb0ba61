"""The watcher thread's file handling on a real folder (no Prefect, no thread started)."""

import hashlib
import os
import stat

from flows.watcher import InboxWatcher, Landed


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
