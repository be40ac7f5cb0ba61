"""Writing a run's reports atomically: a hidden temp folder, renamed into place when complete."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Callable

import duckdb

from transforms.calibration.sensitivity import Flip, status_flips
from transforms.config import CalibrationSettings, ReportSettings
from transforms.files import private_dir, write_private
from transforms.report.facts import ReportError, load_facts
from transforms.report.pages import TEMPLATES_DIR, environment, render_pages
from transforms.report.queries import table_columns
from transforms.report.tables import define_macros, use_changes, use_windows, write_manifest, write_tables
from transforms.rubric import Rubric

Progress = Callable[[str, int, int], None]  # (step, done, total)
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$")


def _fsync_tree(root: Path) -> None:
    """Flush every file and folder under `root` to disk before it becomes visible."""
    for folder, _dirs, names in os.walk(root, topdown=False):
        for name in names:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(folder))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def point_latest(reports_dir: Path, run_dir: Path) -> None:
    """Make reports_dir/latest a relative symlink to `run_dir`, replaced atomically."""
    latest = reports_dir / "latest"
    if latest.exists() and not latest.is_symlink():
        raise ReportError(f"{latest}: exists and is not a symlink; move it away so it can point at the newest run")
    tmp = reports_dir / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(run_dir, reports_dir), tmp)
    os.replace(tmp, latest)
    _fsync_dir(reports_dir)


def no_progress(step: str, done: int, total: int) -> None:
    """A progress callback that shows nothing (tests, benchmarks)."""


def borderline_flips(con: duckdb.DuckDBPyConnection, run_id: str, rubric: Rubric, sensitivity: CalibrationSettings,
                     employee_ids: list[str]) -> dict[str, list[Flip]]:
    """Of `employee_ids`, the borderline ones -> each single rubric change that flips their status ([sensitivity])."""
    if not employee_ids or not table_columns(con, "rubric_levels"):
        return {}
    return status_flips(con, run_id, rubric.statuses, sensitivity.weight_change, sensitivity.target_step,
                        only=employee_ids)


def write_reports(
    con: duckdb.DuckDBPyConnection, run_id: str, reports_dir: Path, rubric: Rubric, templates_dir: Path = TEMPLATES_DIR,
    limits: ReportSettings = ReportSettings(), progress: Progress = no_progress,
    calibration: CalibrationSettings = CalibrationSettings(),
) -> Path:
    """Render the run folder reports_dir/runs/<run_id>/ and point reports_dir/latest at it.

    Every engineer's packet is on their direct manager's page; `limits` ([report] in the configuration)
    caps the people a page lists. The org-wide index marks its listed ready and stuck engineers who are
    borderline under `calibration` ([sensitivity]; [fairness] for fairness.html); manager pages never do. `progress(step, done, total)`
    is called as the work advances.
    """
    if not _RUN_ID.match(run_id):
        raise ReportError(f"run id {run_id!r} cannot name a folder; use letters, digits, '.', '_' and '-'")
    for key in ("max_people_per_page", "max_listed", "search_rows"):
        if getattr(limits, key) < 1:
            raise ReportError(f"report.{key} is {getattr(limits, key)}; use a whole number of at least 1")
    reports_dir = private_dir(Path(reports_dir))
    runs = private_dir(reports_dir / "runs")
    final, tmp = runs / run_id, runs / f".tmp-{run_id}"
    if tmp.exists():
        shutil.rmtree(tmp)  # left by a crashed earlier attempt; never visible as a run
    private_dir(tmp)
    try:
        facts = load_facts(con, run_id, rubric)
        env = environment(templates_dir)
        define_macros(con)
        use_windows(con, facts)
        use_changes(con, facts)
        progress("tables", 0, 1)
        rows = write_tables(con, facts, tmp)
        write_manifest(tmp / "run.json", facts, rows, dict(Counter(e.status for e in facts.engineers)))
        progress("tables", 1, 1)
        pages_progress = lambda done, total: progress("manager pages", done, total)  # noqa: E731
        borderline = lambda ids: borderline_flips(con, run_id, rubric, calibration, ids)  # noqa: E731
        write = lambda rel, text: write_private(tmp / rel, text)  # noqa: E731 - also by forked renderers
        for rel, text in render_pages(con, facts, env, rubric, limits, pages_progress, borderline, calibration, write):
            write(rel, text)
        _fsync_tree(tmp)
        if final.exists():  # the same run rendered again: swap the old folder out
            old = runs / f".old-{run_id}"
            shutil.rmtree(old, ignore_errors=True)
            os.rename(final, old)
            os.rename(tmp, final)
            shutil.rmtree(old)
        else:
            os.rename(tmp, final)
        _fsync_dir(runs)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    point_latest(reports_dir, final)
    return final
