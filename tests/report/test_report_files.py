"""The run folder on disk: owner-only modes, atomic appearance, and the `latest` link."""

from __future__ import annotations

import os
import stat

import pytest

import transforms.report.writer as writer
from transforms.report import write_reports


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_modes_are_owner_only_under_umask_022(story, rubric, tmp_path, umask_022):
    reports = tmp_path / "reports"
    write_reports(story, "r2", reports, rubric)
    paths = [reports, *reports.rglob("*")]
    assert len([p for p in paths if p.is_file() and not p.is_symlink()]) == 16  # 8 pages, 4 CSV, 3 Parquet, run.json
    for p in paths:
        if p.is_symlink():
            continue
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))


def test_latest_points_at_the_newest_complete_run(story, rubric, tmp_path):
    reports = tmp_path / "reports"
    write_reports(story, "r1", reports, rubric)
    assert os.readlink(reports / "latest") == os.path.join("runs", "r1")
    out = write_reports(story, "r2", reports, rubric)
    assert out == reports / "runs" / "r2"
    assert os.readlink(reports / "latest") == os.path.join("runs", "r2")  # relative: the folder can move
    assert (reports / "latest" / "index.html").read_text() == (out / "index.html").read_text()
    assert sorted(p.name for p in (reports / "runs").iterdir()) == ["r1", "r2"]
    # rendering the same run again replaces its folder in place
    write_reports(story, "r2", reports, rubric)
    assert sorted(p.name for p in (reports / "runs").iterdir()) == ["r1", "r2"]
    assert sorted(p.name for p in reports.iterdir()) == ["latest", "runs"]


def test_a_crash_while_rendering_leaves_no_visible_half_run(story, rubric, tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    write_reports(story, "r1", reports, rubric)
    real = writer.render_pages

    def crash_after_two_pages(*args):
        for n, item in enumerate(real(*args)):
            if n == 2:
                raise RuntimeError("disk on fire")
            yield item

    monkeypatch.setattr(writer, "render_pages", crash_after_two_pages)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_reports(story, "r2", reports, rubric)
    # no r2 folder, no leftover temp folder, and latest still shows the last complete run
    assert sorted(p.name for p in (reports / "runs").iterdir()) == ["r1"]
    assert os.readlink(reports / "latest") == os.path.join("runs", "r1")


def test_a_leftover_temp_folder_from_a_killed_run_is_replaced(story, rubric, tmp_path):
    runs = tmp_path / "reports" / "runs"
    (runs / ".tmp-r2" / "managers").mkdir(parents=True)
    (runs / ".tmp-r2" / "stale.html").write_text("half")
    out = write_reports(story, "r2", tmp_path / "reports", rubric)
    assert not (out / "stale.html").exists() and not (runs / ".tmp-r2").exists()


def test_unsafe_run_id_is_refused(story, rubric, tmp_path):
    with pytest.raises(ValueError, match="cannot name a folder"):
        write_reports(story, "../escape", tmp_path / "reports", rubric)
