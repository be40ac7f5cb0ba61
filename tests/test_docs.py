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
    from ops.cli import app

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


def test_the_readme_rubric_table_says_what_the_default_ladder_says():
    # Each row: "| Junior → Mid | 1.5-2 / 2-3 | `id` [weight] target …; … |", one per promotion, in
    # ladder order; the first number after a criterion's weight is its target.
    rows = [line for line in README.splitlines() if re.match(r"\| \S.* → .* \| [\d.]+-[\d.]+ / [\d.]+-[\d.]+ \|", line)]
    documented = []
    for row in rows:
        _, levels, windows, criteria, _ = (cell.strip() for cell in row.split("|"))
        frm, to = (RUBRIC.resolve_level(name) for name in levels.split(" → "))
        crits = [(cid, float(weight), float(re.search(r"\d+(?:\.\d+)?", rest).group()))
                 for cid, weight, rest in re.findall(r"`(\w+)` \[([\d.]+)\]([^;]*)", criteria)]
        documented.append((frm, to, windows, crits))
    n = lambda x: f"{x:g}"  # noqa: E731
    expected = [(p.from_level, p.to_level,
                 f"{n(p.accelerated.min)}-{n(p.accelerated.max)} / {n(p.realistic.min)}-{n(p.realistic.max)}",
                 [(c.id, c.weight, c.target) for c in p.criteria]) for p in RUBRIC.promotions]
    assert documented == expected
    st = RUBRIC.statuses
    assert f"| `ready` | s ≥ {n(st.ready_score)} and" in README
    assert f"| `watch` | not ready, within {n(st.watch_months_before_ceiling)} months of the realistic maximum, " \
           f"or past the realistic minimum with s < {n(st.watch_low_score)} |" in README


def test_every_report_csv_column_is_documented():
    from transforms.report.tables import (
        CHANGES_COLUMNS, CRITERIA_COLUMNS, EVIDENCE_COLUMNS, QUARANTINE_COLUMNS, READINESS_COLUMNS, STUCK_COLUMNS)

    for columns in (READINESS_COLUMNS, STUCK_COLUMNS, QUARANTINE_COLUMNS, CHANGES_COLUMNS):
        assert [name for name, _ in columns if name not in README] == []
    for columns in (CRITERIA_COLUMNS, EVIDENCE_COLUMNS):
        assert [name for name in columns if name not in README] == []
