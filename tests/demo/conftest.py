"""A small demo org generated once per session, read back with the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from transforms.config import DEFAULT_RUBRIC, load_settings
from demo import generate_demo
from transforms.rubric import load_rubric

SMALL = 40  # engineers in the hand-counted org


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def rubric():
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def small_org(tmp_path_factory, rubric):
    """(manifest, {file name: rows}) for the 40-engineer org, seed 7."""
    out = tmp_path_factory.mktemp("demo40")
    manifest = generate_demo(out, engineers=SMALL, seed=7, rubric=rubric)
    return manifest, {f.name: read_rows(out / f.name) for f in manifest.files}
