"""Fixtures for the defect corpus: committed text files, and binary ones built once per session."""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.defects.workbooks import hostile_workbooks, workbook_bytes

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "defects"
BASE_ROSTER = CORPUS / "people_2026-09-30.csv"


@dataclass(frozen=True)
class Case:
    """One row of tests/fixtures/defects/expected_outcomes.csv."""

    file: str
    status: str         # what ingest does with the file: loaded | rejected
    served: str         # the snapshot validation serves afterwards ('' = not validated: refused at ingest)
    clean: str          # 'E1.name=Ann Lee | E2.team=ML' on the served clean_people ('\n' is a line break)
    quarantined: str    # 'E60: hire_date_is_date+...' (employee_id: its failed checks)
    reason: str         # the start of the rejection reason, after '<file>: '
    why: str


def corpus_cases() -> list[Case]:
    with open(CORPUS / "expected_outcomes.csv", encoding="utf-8", newline="") as fh:
        return [Case(**row) for row in csv.DictReader(fh)]


def _serial_rows() -> list[list]:
    """The base roster plus Excel serial dates 59, 60 and 61 as date cells."""
    with open(BASE_ROSTER, encoding="utf-8") as fh:
        base = [line.rstrip("\n").split(",") for line in fh][1:]
    return [[e, n, m or None, lvl, t, d] for e, n, m, lvl, t, d in base] + [
        [f"E{n}", f"Serial {n}", "E1", "Mid", "ML", n] for n in (59, 60, 61)
    ]


def generated_files(folder: Path) -> None:
    """Write the corpus files that are built from code (workbooks, random bytes) into `folder`."""
    hostile_workbooks(folder)
    built = {
        "people_excel_serials_2026-10-31.xlsx": workbook_bytes(rows=_serial_rows(), number_format="yyyy-mm-dd"),
        "people_1904_dates_2026-10-31.xlsx": workbook_bytes(rows=_serial_rows(), date_1904=True, number_format="yyyy-mm-dd"),
        "people_random_bytes_2026-10-31.csv": random.Random(10).randbytes(4096),
        "people_random_bytes_2026-10-31.xlsx": random.Random(11).randbytes(4096),
    }
    for name, data in built.items():
        (folder / name).write_bytes(data)


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    """A folder holding every hostile workbook (copied into an inbox by each test that needs one)."""
    folder = tmp_path_factory.mktemp("hostile")
    hostile_workbooks(folder)
    return folder


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    """Every corpus file, committed or generated, in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("people_*"):
        shutil.copy(path, folder / path.name)
    generated_files(folder)
    return folder
