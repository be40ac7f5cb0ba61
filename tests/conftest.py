"""Shared fixtures. Prefect-level tests are few and share one session-scoped harness."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURE_ORG = Path(__file__).parent / "fixtures" / "org"


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API (SQLite) for every flow test of the session, heartbeat off."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    # a loaded 2-core machine can need more than 60 s to start it
    with prefect_test_harness(server_startup_timeout=180):
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield


@pytest.fixture(scope="session")
def test_artifacts(tmp_path_factory) -> Path:
    """One folder per session for screenshots a person may want to look at; never inside the repository."""
    return tmp_path_factory.mktemp("test-artifacts")


@pytest.fixture
def workspace(tmp_path):
    """A fresh inbox / warehouse / reports layout, as settings pointing into tmp_path."""
    from transforms.config import load_settings

    settings = load_settings().with_overrides(
        inbox=tmp_path / "inbox",
        db=tmp_path / "warehouse.duckdb",
        archive=tmp_path / "archive",
        rejected=tmp_path / "rejected",
        reports=tmp_path / "reports",
    )
    settings.inbox.mkdir()
    return settings


def copy_fixture_org(inbox: Path) -> list[Path]:
    """Drop the hand-written story org's export files into an inbox."""
    out = []
    for src in sorted(FIXTURE_ORG.glob("*")):
        if src.name.startswith("expected"):
            continue
        out.append(Path(shutil.copy(src, inbox / src.name)))
    return out
