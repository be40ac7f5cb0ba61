"""Trigger rules of the inbox watcher, one named case per situation (pure functions, no Prefect)."""

from flows.inbox_watcher import FileStat, Landed, WatchState, poll, stable_names

# Hand-made hashes: what sha256_of returns for each name in a story.
SHA_A = "a" * 64
SHA_B = "b" * 64


def hasher(table):
    calls = []

    def sha256_of(name):
        calls.append(name)
        return table[name]

    return sha256_of, calls


def test_new_file_emits_once():
    state = WatchState()
    listing = {"people_2026-10-31.csv": FileStat(1200, 1_000)}
    sha, calls = hasher({"people_2026-10-31.csv": SHA_A})
    # first sight: not yet known to be complete, nothing to announce
    assert poll(state, listing, sha) == []
    # same size and mtime one poll later: claimed and announced
    assert poll(state, listing, sha) == [Landed("people_2026-10-31.csv", SHA_A)]
    # further polls of the unchanged file announce nothing and do not re-hash it
    assert poll(state, listing, sha) == []
    assert poll(state, listing, sha) == []
    assert calls == ["people_2026-10-31.csv"]


def test_same_bytes_new_name_emits_nothing():
    state = WatchState()
    first = {"people.csv": FileStat(1200, 1_000)}
    sha, _ = hasher({"people.csv": SHA_A, "people (copy).csv": SHA_A})
    poll(state, first, sha)
    assert poll(state, first, sha) == [Landed("people.csv", SHA_A)]
    # a copy of the same bytes under another name: stable, hashed, but already announced
    both = {**first, "people (copy).csv": FileStat(1200, 5_000)}
    assert poll(state, both, sha) == []
    assert poll(state, both, sha) == []


def test_same_bytes_twice_in_one_poll_emit_once():
    state = WatchState()
    listing = {"a_people.csv": FileStat(10, 1), "b_people.csv": FileStat(10, 2)}
    sha, _ = hasher({"a_people.csv": SHA_A, "b_people.csv": SHA_A})
    poll(state, listing, sha)
    # name order decides which name is announced: a_ before b_
    assert poll(state, listing, sha) == [Landed("a_people.csv", SHA_A)]


def test_file_still_growing_is_not_claimed():
    state = WatchState()
    sha, calls = hasher({"projects.csv": SHA_B})
    poll(state, {"projects.csv": FileStat(4_096, 1_000)}, sha)
    # grew between polls: not claimed, not even hashed
    assert poll(state, {"projects.csv": FileStat(8_192, 2_000)}, sha) == []
    # same size but touched again (writer still appending in place): not claimed
    assert poll(state, {"projects.csv": FileStat(8_192, 3_000)}, sha) == []
    assert calls == []
    # finally unchanged across two polls: claimed
    assert poll(state, {"projects.csv": FileStat(8_192, 3_000)}, sha) == [Landed("projects.csv", SHA_B)]


def test_partial_hidden_and_empty_files_are_never_claimed():
    # a writer that renames into place writes under a partial or hidden name first
    previous = {
        "people.csv.part": FileStat(10, 1),
        ".people.csv": FileStat(10, 1),
        "~$people.xlsx": FileStat(10, 1),
        "people.csv": FileStat(0, 1),  # created, nothing written yet
        "notes.txt": FileStat(10, 1),  # not a format ingest reads
        "skills.PARQUET": FileStat(10, 1),
    }
    assert stable_names(previous, dict(previous)) == ["skills.PARQUET"]


def test_restart_rescans_inbox():
    # Before the restart: A was announced (kept in the state file). While nothing
    # watched, B landed. A new watcher starts from the saved hashes only.
    restarted = WatchState(announced={SHA_A})
    listing = {"people.csv": FileStat(100, 1), "projects.csv": FileStat(300, 9)}
    sha, _ = hasher({"people.csv": SHA_A, "projects.csv": SHA_B})
    assert poll(restarted, listing, sha) == []  # first scan: nothing yet known stable
    # second scan: B is announced, A is not announced again
    assert poll(restarted, listing, sha) == [Landed("projects.csv", SHA_B)]
    assert restarted.announced == {SHA_A, SHA_B}


def test_changed_bytes_under_the_same_name_emit_again():
    state = WatchState()
    sha, _ = hasher({"people.csv": SHA_A})
    poll(state, {"people.csv": FileStat(100, 1)}, sha)
    assert poll(state, {"people.csv": FileStat(100, 1)}, sha) == [Landed("people.csv", SHA_A)]
    # overwritten with a new export of the same name: new bytes, new announcement
    sha2, _ = hasher({"people.csv": SHA_B})
    poll(state, {"people.csv": FileStat(140, 2)}, sha2)
    assert poll(state, {"people.csv": FileStat(140, 2)}, sha2) == [Landed("people.csv", SHA_B)]


def test_burst_of_events_is_coalesced_after_a_completed_run():
    from flows.inbox_watcher import is_coalesced_event

    # 3 files, 3 events, 3 queued runs: run 1 emptied the inbox and completed
    assert is_coalesced_event("event", [], "completed") is True
    # the last run found nothing new (its reports are the completed run's before it): nothing to do either
    assert is_coalesced_event("event", [], "unchanged") is True
    # a file is still waiting: run
    assert is_coalesced_event("event", ["people.csv"], "completed") is False
    # the last run failed or never finished (crash, Ctrl-C): run again
    assert is_coalesced_event("event", [], "failed") is False
    assert is_coalesced_event("event", [], "running") is False
    # first run ever, and schedules always run (fresh reports before calibration)
    assert is_coalesced_event("event", [], None) is False
    assert is_coalesced_event("schedule", [], "completed") is False
