"""Manager pages rendered by several processes: the same bytes as one process, and failures that stay loud.

The story org (conftest.py) has four manager pages (M0, M1, M2, E1), all in one batch: with
three processes they are dealt round-robin to three forked children (M0 and E1, M1, M2), each
writing its own pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transforms.config import ReportSettings
from transforms.report import write_reports
from transforms.report.forked import ForkedShares, RenderWorkerError, can_fork, shares

pytestmark = pytest.mark.skipif(not can_fork(), reason="pages are rendered by forked processes on Linux only")


def _files(run_dir) -> dict[str, bytes]:
    return {str(p.relative_to(run_dir)): p.read_bytes() for p in sorted(run_dir.rglob("*")) if p.is_file()}


def test_three_processes_write_the_same_files_as_one(story, rubric, tmp_path):
    one = _files(write_reports(story, "r2", tmp_path / "one", rubric, limits=ReportSettings(processes=1)))
    three = _files(write_reports(story, "r2", tmp_path / "three", rubric, limits=ReportSettings(processes=3)))
    assert sorted(k for k in three if k.startswith("managers/")) == [
        "managers/E1.html", "managers/M0.html", "managers/M1.html", "managers/M2.html"]
    assert three == one


def test_pages_are_dealt_round_robin():
    assert shares(["M0", "M1", "M2", "E1", "E2"], 2) == [["M0", "M2", "E2"], ["M1", "E1"]]
    assert shares(["M0"], 3) == [["M0"], [], []]


def test_a_failing_process_fails_the_batch_with_its_reason():
    def work(page):
        if page == "M2":
            raise OSError("No space left on device: managers/M2.html")

    with pytest.raises(RenderWorkerError) as err:
        with ForkedShares([["M1"], ["M2"]], work) as children:
            pids = children.pids
            children.wait()
    assert str(err.value) == "a page-rendering process failed: OSError: No space left on device: managers/M2.html"
    for pid in pids:  # both children were waited for: nothing left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_children_are_stopped_when_this_process_fails():
    with pytest.raises(KeyboardInterrupt):
        with ForkedShares([["M1"]], lambda _page: time.sleep(120)) as children:
            [pid] = children.pids
            raise KeyboardInterrupt  # Ctrl-C while this process renders its own share
    with pytest.raises(ProcessLookupError):  # killed and waited for, not left running for two minutes
        os.kill(pid, 0)


def test_children_die_with_a_killed_report_process(tmp_path):
    """SIGKILL of the report process (a crash, the OOM killer) takes its rendering children with it."""
    script = tmp_path / "report_process.py"
    script.write_text(
        "import time\n"
        "from transforms.report.forked import ForkedShares\n"
        "children = ForkedShares([['M1'], ['M2']], lambda _page: time.sleep(120))\n"
        "print(*children.pids, flush=True)\n"
        "time.sleep(120)\n"
    )
    report_process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                                      cwd=Path(__file__).resolve().parents[2])
    try:
        pids = [int(p) for p in report_process.stdout.readline().split()]
        assert len(pids) == 2
    finally:
        report_process.kill()  # SIGKILL: nothing of ours runs in it any more
        report_process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    assert [pid for pid in pids if _alive(pid)] == []


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for init to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
