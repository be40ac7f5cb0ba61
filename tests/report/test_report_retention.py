"""Old run folders are pruned beyond [report] keep_runs: never the one `latest` points at, never one being written."""

from __future__ import annotations

import os

from transforms.report.retention import prune_runs, runs_to_remove


def test_the_oldest_beyond_keep_runs_go_and_latest_stays():
    folders = [("r1", 1.0), ("r2", 2.0), ("r3", 3.0), ("r4", 4.0), ("r5", 5.0)]
    # keep 3: latest (r2) counts as one of them, then the newest r5 and r4; r3 and r1 go, newest first
    assert runs_to_remove(folders, "r2", 3) == ["r3", "r1"]
    # latest is the newest: the three newest stay
    assert runs_to_remove(folders, "r5", 3) == ["r2", "r1"]
    assert runs_to_remove(folders, None, 10) == []


def _run_folder(runs, name: str, size: int, finished: float) -> None:
    (runs / name).mkdir(parents=True)
    (runs / name / "index.html").write_bytes(b"x" * size)
    os.utime(runs / name, (finished, finished))


def test_prune_keeps_latest_and_runs_in_progress_and_says_what_it_freed(tmp_path):
    reports = tmp_path / "reports"
    runs = reports / "runs"
    for i in (1, 2, 3, 4):
        _run_folder(runs, f"r{i}", 100 * i, 1_000_000 + i)  # r1 oldest (100 bytes) ... r4 newest (400 bytes)
    _run_folder(runs, ".tmp-r5", 500, 1_000_005)  # a run still writing its folder
    os.symlink(os.path.join("runs", "r1"), reports / "latest")  # latest points at the oldest (e.g. a re-render)
    pruned = prune_runs(reports, keep_runs=2)
    # kept: r1 (latest) and r4 (newest); removed r3 and r2: 300 + 200 bytes
    assert pruned.runs == ["r3", "r2"] and pruned.bytes_freed == 500
    assert sorted(p.name for p in runs.iterdir()) == [".tmp-r5", "r1", "r4"]
    assert (reports / "latest" / "index.html").read_bytes() == b"x" * 100
    assert prune_runs(reports, keep_runs=2).runs == []  # nothing more to do
