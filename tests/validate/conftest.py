"""Validation fixtures: an in-memory warehouse with hand-written raw rows and ledger entries."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import pytest

from transforms.config import DEFAULT_RUBRIC, load_settings
from transforms.contract import KINDS
from transforms.rubric import load_rubric
from transforms.warehouse import connect

@pytest.fixture(scope="session")
def rubric():
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture
def con():
    con = connect(":memory:")
    yield con
    con.close()


class Inbox:
    """Writes a 'file' straight into the ledger and raw_<kind>, the way ingestion leaves it."""

    def __init__(self, con):
        self.con = con
        self.loaded = 0

    def load(self, kind: str, name: str, rows: list[dict], snapshot: date | None = None) -> str:
        sha = hashlib.sha256(name.encode()).hexdigest()
        self.loaded += 1  # later calls are later loads (supersession goes by loaded_at)
        loaded_at = datetime(2026, 11, 1, 9, 0) + timedelta(minutes=self.loaded)
        self.con.execute(
            "insert into ingest_files values (?, ?, ?, ?, 'csv', ?, ?, ?, ?, 0, [], ?)",
            [sha, kind, name, f"archive/{sha}.csv", snapshot, "file_name" if snapshot else None,
             len(rows), len(rows), loaded_at],
        )
        names = KINDS[kind].names
        lineage = ["row_id", "file_sha256", "source_file", "source_line"] + (["snapshot_as_of"] if kind == "people" else [])
        cols = ", ".join(lineage + [f'"{c}"' for c in names])
        marks = ", ".join("?" for _ in lineage + list(names))
        for i, row in enumerate(rows):
            line = i + 2  # line 1 is the header
            values = [f"{sha[:16]}:{line}", sha, name, line] + ([snapshot] if kind == "people" else [])
            self.con.execute(f"insert into raw_{kind} ({cols}) values ({marks})", values + [row.get(c) for c in names])
        return sha


@pytest.fixture
def inbox(con):
    return Inbox(con)
