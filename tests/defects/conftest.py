"""Fixtures for the defect corpus: the hostile workbooks, built once per session from code."""

from __future__ import annotations

import pytest

from tests.defects.workbooks import hostile_workbooks


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    """A folder holding every hostile workbook (copied into an inbox by each test that needs one)."""
    folder = tmp_path_factory.mktemp("hostile")
    hostile_workbooks(folder)
    return folder
