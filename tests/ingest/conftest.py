"""Fixtures for the ingestion tests: a tmp inbox/archive/rejected layout and an in-memory warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.config import load_settings
from transforms.warehouse import connect


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings().with_overrides(
        inbox=tmp_path / "inbox",
        archive=tmp_path / "archive",
        rejected=tmp_path / "rejected",
        db=tmp_path / "warehouse.duckdb",
        reports=tmp_path / "reports",
    )


@pytest.fixture
def con():
    connection = connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def drop(settings):
    """Put a file into the inbox: text (written as UTF-8 unless `encoding` says otherwise) or bytes."""

    def _drop(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        settings.inbox.mkdir(parents=True, exist_ok=True)
        path = settings.inbox / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _drop


def rows(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchall()
