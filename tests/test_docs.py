"""Everything user-facing is documented in the README: a test fails when it is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms.config import DEFAULT_RUBRIC
from transforms.contract import ACTIVITY_TYPES, KINDS
from transforms.rubric import load_rubric

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
RUBRIC = load_rubric(DEFAULT_RUBRIC)


def test_every_cli_command_is_in_the_readme():
    from flows.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names, "the CLI has no commands"
    missing = [n for n in names if f"readiness {n}" not in README]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_contract_column_is_in_the_data_contract_table(kind):
    row = next(line for line in README.splitlines() if line.startswith(f"| `{kind}` |"))
    missing = [c for c in KINDS[kind].names if not re.search(rf"\b{c}\b", row)]
    assert missing == []


def test_every_activity_type_is_listed():
    assert [t for t in ACTIVITY_TYPES if t not in README] == []


def test_every_rubric_criterion_and_symptom_is_documented():
    ids = [c.id for p in RUBRIC.promotions for c in p.criteria]
    ids += [s.id for level in RUBRIC.level_ids for s in RUBRIC.symptoms_for(level)]
    assert [i for i in ids if f"`{i}`" not in README] == []


def test_every_report_csv_column_is_documented():
    from transforms.report.tables import (
        CHANGES_COLUMNS, CRITERIA_COLUMNS, EVIDENCE_COLUMNS, QUARANTINE_COLUMNS, READINESS_COLUMNS, STUCK_COLUMNS)

    for columns in (READINESS_COLUMNS, STUCK_COLUMNS, QUARANTINE_COLUMNS, CHANGES_COLUMNS):
        assert [name for name, _ in columns if name not in README] == []
    for columns in (CRITERIA_COLUMNS, EVIDENCE_COLUMNS):
        assert [name for name in columns if name not in README] == []
