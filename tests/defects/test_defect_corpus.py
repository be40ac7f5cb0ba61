"""The defect corpus: every hostile export file of tests/fixtures/defects/expected_outcomes.csv
is loaded exactly as expected, or quarantined or rejected with a named reason; none is loaded
silently with different values, and a rejected later roster never wipes the org.

Each case: the base roster people_2026-09-30.csv (five people), then the case file as the
2026-10-31 snapshot, then validation at 2026-10-31.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from tests.defects.conftest import BASE_ROSTER, Case, corpus_cases
from transforms.config import DEFAULT_RUBRIC, load_settings
from transforms.ingest import ingest_file
from transforms.rubric import load_rubric
from transforms.validate import validate
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)


def _expected_values(case: Case) -> dict[tuple[str, str], str]:
    """{(employee_id, column): value} from 'E1.name=Ann Lee | E2.team=ML\\nPlatform'."""
    out = {}
    for item in filter(None, (part.strip() for part in case.clean.split(" | "))):
        key, value = item.split("=", 1)
        employee_id, column = key.split(".", 1)
        out[(employee_id, column)] = value.replace("\\n", "\n")
    return out


def _expected_quarantine(case: Case) -> list[tuple[str, list[str]]]:
    return [
        (employee_id.strip(), checks.strip().split("+"))
        for employee_id, checks in (item.split(":") for item in filter(None, case.quarantined.split(" | ")))
    ]


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(DEFAULT_RUBRIC)


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda c: c.file)
def test_defect_corpus_file_has_its_expected_outcome(case: Case, corpus_dir, rubric, tmp_path):
    settings = load_settings().with_overrides(
        inbox=tmp_path / "inbox", archive=tmp_path / "archive", rejected=tmp_path / "rejected",
        db=tmp_path / "warehouse.duckdb", reports=tmp_path / "reports",
    )
    settings.inbox.mkdir()
    con = connect(":memory:")
    base = ingest_file(con, shutil.copy(BASE_ROSTER, settings.inbox / BASE_ROSTER.name), settings)
    assert base.status == "loaded"

    outcome = ingest_file(con, shutil.copy(corpus_dir / case.file, settings.inbox / case.file), settings)
    assert outcome.status == case.status, outcome.reason
    if case.status == "rejected":
        assert outcome.reason.startswith(f"{case.file}: {case.reason}")

    if not case.served:
        # refused at ingest: nothing of the file reached the raw table (served rosters are checked
        # for the empty and header-only later rosters, which must not wipe the org)
        assert con.execute("select distinct source_file from raw_people").fetchall() == [(BASE_ROSTER.name,)]
        return
    summary = validate(con, rubric, settings, "corpus", AS_OF)
    assert summary.snapshot_as_of == date.fromisoformat(case.served)
    for (employee_id, column), value in _expected_values(case).items():
        got = con.execute(
            f'select "{column}" from clean_people where employee_id = ? and snapshot_as_of = ?',
            [employee_id, summary.snapshot_as_of],
        ).fetchall()
        assert got and str("" if got[0][0] is None else got[0][0]) == value, (employee_id, column, got)
    quarantine = con.execute("select employee_id, checks from quarantine where run_id = 'corpus' order by source_line").fetchall()
    assert [(e, list(c)) for e, c in quarantine] == _expected_quarantine(case)
    if case.status == "rejected":
        # the earlier roster is served whole: nobody was wiped
        assert con.execute("select count(*) from clean_people").fetchone() == (5,)
