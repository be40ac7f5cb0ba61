"""Hostile workbooks are refused alone, before any parser sees them; the other inbox files load.

Defects 3 and 4 of issue 10: a sheet declaring entities crashed the whole run with a
python_calamine.XmlError traceback, and a sheet inflating to 1 GiB kept the run busy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.defects.conftest import corpus_cases
from tests.defects.workbooks import HOSTILE_WORKBOOKS, SHEET, members_of, workbook_bytes, zip_bytes
from transforms.config import load_settings
from transforms.ingest import ingest_inbox
from transforms.warehouse import connect

PROJECT = Path(__file__).resolve().parents[2]
GOOD_PROJECTS = "project_id,employee_id,role,scope,start_date\nP1,E1,lead,project,2025-01-10\n"

# Each hostile workbook of the corpus table, and the start of its one-line reason.
REFUSED = {case.file: case.reason for case in corpus_cases() if case.file in HOSTILE_WORKBOOKS}


@pytest.fixture
def settings(tmp_path):
    settings = load_settings().with_overrides(
        inbox=tmp_path / "inbox", archive=tmp_path / "archive", rejected=tmp_path / "rejected",
        db=tmp_path / "warehouse.duckdb", reports=tmp_path / "reports",
    )
    settings.inbox.mkdir()
    return settings


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_workbook_is_refused_alone_and_the_run_goes_on(name, hostile_dir, settings):
    shutil.copy(hostile_dir / name, settings.inbox / name)
    (settings.inbox / "projects_2026-10-31.csv").write_text(GOOD_PROJECTS)
    con = connect(":memory:")
    outcomes = {o.path.name: o for o in ingest_inbox(con, settings)}
    assert outcomes[name].status == "rejected"
    assert outcomes[name].reason.startswith(f"{name}: {REFUSED[name]}")
    assert (settings.rejected / f"{name}.reason.txt").read_text().strip() == outcomes[name].reason
    # The project file beside it is loaded as if the hostile file were not there.
    assert outcomes["projects_2026-10-31.csv"].status == "loaded"
    assert con.execute("select project_id, employee_id from raw_projects").fetchall() == [("P1", "E1")]


def test_a_reader_error_on_a_damaged_sheet_rejects_that_file_only(settings):
    # Passes the pre-parse check (no DOCTYPE, small) but its XML never closes: calamine raises.
    broken = zip_bytes({**members_of(workbook_bytes()), SHEET: b"<worksheet><sheetData><row><c><v>1"})
    (settings.inbox / "people_2026-10-31.xlsx").write_bytes(broken)
    (settings.inbox / "projects_2026-10-31.csv").write_text(GOOD_PROJECTS)
    outcomes = {o.path.name: o for o in ingest_inbox(connect(":memory:"), settings)}
    assert outcomes["people_2026-10-31.xlsx"].status == "rejected"
    assert outcomes["people_2026-10-31.xlsx"].reason.startswith("people_2026-10-31.xlsx: could not be read (")
    assert outcomes["projects_2026-10-31.csv"].status == "loaded"


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from transforms.config import load_settings
from transforms.ingest import ingest_file
from transforms.warehouse import connect
root = Path(sys.argv[1])
settings = load_settings().with_overrides(inbox=root, archive=root / "archive", rejected=root / "rejected")
con = connect(":memory:")
out = {}
for path in sorted(p for p in root.iterdir() if p.is_file()):
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    status = ingest_file(con, path, settings).status
    out[path.name] = [status, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_kib]
print(json.dumps(out))
"""


def test_each_hostile_workbook_is_refused_within_5_s_and_256_mb(hostile_dir, tmp_path):
    """The issue's bound, measured in a fresh process: seconds and peak-RSS growth per file."""
    inbox = tmp_path / "inbox"
    shutil.copytree(hostile_dir, inbox)
    run = subprocess.run([sys.executable, "-c", MEASURE, str(inbox)], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    measured = json.loads(run.stdout)
    assert sorted(measured) == sorted(REFUSED)
    for name, (status, seconds, extra_kib) in measured.items():
        assert status == "rejected", name
        assert seconds < 5, f"{name}: {seconds:.2f} s"
        assert extra_kib < 256 * 1024, f"{name}: {extra_kib / 1024:.0f} MB more peak memory"
