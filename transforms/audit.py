"""The audit log: one JSON line per run, appended to `audit.jsonl` beside the warehouse.

A line says what went in (the sha256 of every input file), with which rubric and which
code (package version and `git describe` when the code is a git checkout), and what came
out (the report folder and its file count). It holds no values from the exports, no
machine paths (report folders are named relative to the reports folder) and is never
rewritten: opened for append only, owner-only, synced after each line.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from functools import cache
from importlib import metadata
from pathlib import Path

from transforms.config import PROJECT_ROOT
from transforms.files import FILE_MODE, private_dir

PACKAGE = "promotion-readiness"


def audit_path(db: Path) -> Path:
    """`audit.jsonl` beside the warehouse file."""
    return Path(db).parent / "audit.jsonl"


@cache
def code_version() -> dict:
    """{'package': version, 'git': describe} of the running code; None for what cannot be told."""
    try:
        package = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        package = None
    git = None
    if (PROJECT_ROOT / ".git").exists():  # a checkout; an installed package's folder may sit inside some other repository
        try:
            out = subprocess.run(
                ["git", "describe", "--always", "--dirty", "--tags"], cwd=PROJECT_ROOT, capture_output=True,
                text=True, timeout=5, check=True,
            )
            git = out.stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            pass
    return {"package": package, "git": git}


def report_outputs(reports_dir: Path, report_dir: Path | None) -> dict | None:
    """The report folder, named relative to the reports folder, and how many files it holds."""
    if report_dir is None or not Path(report_dir).is_dir():
        return None
    files = sum(1 for p in Path(report_dir).rglob("*") if p.is_file())
    try:
        name = Path(report_dir).resolve().relative_to(Path(reports_dir).resolve()).as_posix()
    except ValueError:
        name = Path(report_dir).name
    return {"report_folder": name, "files": files}


def run_record(*, run_id: str, trigger: str, started_at: datetime, finished_at: datetime, outcome: str,
               as_of, input_hashes: list[str], loaded_hashes: list[str], rubric, outputs: dict | None) -> dict:
    """One audit line: the run, its inputs by hash, rubric and code versions, its outputs."""
    return {
        "run_id": run_id,
        "trigger": trigger,
        "started_at": started_at.isoformat(),
        "finished_at": finished_at.isoformat(),
        "outcome": outcome,
        "as_of": as_of.isoformat() if as_of else None,
        "inputs": {"sha256": input_hashes, "loaded_by_this_run": loaded_hashes},
        "rubric": {k: getattr(rubric, k, None) for k in ("name", "version", "sha256")},
        "code": code_version(),
        "outputs": outputs,
    }


def append(db: Path, record: dict) -> Path:
    """Append one line to the audit log (created owner-only); never rewrites earlier lines."""
    path = audit_path(db)
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        os.write(fd, (json.dumps(record, sort_keys=True, default=str) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def record_run(con, db: Path, run_id: str, reports_dir: Path, rubric, loaded_hashes: list[str]) -> Path | None:
    """Append the audit line of a finished run from its run record in `pipeline_runs`."""
    if str(db) == ":memory:":
        return None
    trigger, started_at, finished_at, outcome, as_of, hashes, report_dir = con.execute(
        "select trigger, started_at, finished_at, outcome, as_of, input_hashes, report_dir "
        "from pipeline_runs where run_id = ?", [run_id]).fetchone()
    # an 'unchanged' run names the earlier run's folder, which it did not write
    outputs = report_outputs(reports_dir, Path(report_dir)) if report_dir and outcome == "completed" else None
    return append(db, run_record(
        run_id=run_id, trigger=trigger, started_at=started_at, finished_at=finished_at or started_at,
        outcome=outcome, as_of=as_of, input_hashes=list(hashes or []), loaded_hashes=loaded_hashes,
        rubric=rubric, outputs=outputs,
    ))
