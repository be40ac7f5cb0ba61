"""The fixture org scored against the default ladder, compared with a hand-written table.

Every engineer is a named story; tests/fixtures/org/expected_readiness.csv gives the
expected row and, in its `why` column, how it was computed by hand.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from transforms.model import build_model
from transforms.score import score


AS_OF = date(2026, 10, 31)  # the fixture org's export date
ORG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "org"


def expected_rows() -> dict[str, dict]:
    with (ORG_DIR / "expected_readiness.csv").open(newline="") as fh:
        return {r["employee_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture
def scored(org_con, ladder):
    build_model(org_con, ladder, AS_OF)
    summary = score(org_con, ladder, "run-1", AS_OF)
    return org_con, summary


def test_every_story_matches_the_hand_written_row(scored):
    con, _ = scored
    got = {
        r[0]: r
        for r in con.execute(
            "select employee_id, level, next_level, level_start_source, level_start_date, years_in_level,"
            " readiness_score, status, accelerated, not_scored_reason, symptoms, criteria_measured, criteria_total"
            " from readiness where run_id = 'run-1'"
        ).fetchall()
    }
    expected = expected_rows()
    assert sorted(got) == sorted(expected)
    for eid, exp in expected.items():
        row = got[eid]
        assert row[1] == exp["level"], eid
        assert (row[2] or "") == exp["next_level"], eid
        assert row[3] == exp["level_start_source"], eid
        assert row[4].isoformat() == exp["level_start_date"], eid
        assert row[5] == pytest.approx(float(exp["years_in_level"]), abs=1e-4), eid
        if exp["readiness_score"]:
            assert row[6] == pytest.approx(float(exp["readiness_score"]), abs=1e-3), eid
        else:
            assert row[6] is None, eid
        assert row[7] == exp["status"], eid
        assert row[8] == (exp["accelerated"] == "true"), eid
        assert (row[9] or "") == exp["not_scored_reason"], eid
        assert row[10] == [s for s in exp["symptoms"].split("|") if s], eid
        assert (row[11], row[12]) == (
            int(exp["criteria_measured"]) if exp["criteria_measured"] else None,
            int(exp["criteria_total"]) if exp["criteria_total"] else None,
        ), eid


def test_terminated_engineer_is_left_out(scored):
    con, summary = scored
    # Quinn (E16) is terminated: in the roster, not in readiness; 17 people - 1 = 16 rows.
    assert con.execute("select count(*) from readiness where employee_id = 'E16'").fetchone()[0] == 0
    assert summary.employees == 16
    assert summary.by_status == {"ready": 3, "watch": 2, "stuck": 3, "on_track": 4, "not_scored": 4}


def test_criteria_rows_explain_the_score(scored):
    con, _ = scored
    # Rhea (E20): 4 counted projects, PR-501 ended before her Mid run started.
    rows = dict(
        con.execute(
            "select criterion_id, (measured, contribution, met, evidence_row_ids) from readiness_criteria"
            " where run_id = 'run-1' and employee_id = 'E20'"
        ).fetchall()
    )
    assert rows["cross_functional"] == (1.0, 10.0, True, ["projects:14"])  # PR-505 is line 14
    assert rows["domain_depth"] == (3.0, 10.0, True, ["projects:11", "projects:12", "projects:13"])
    assert rows["mlops_depth"] == (3.0, 7.5, False, ["skills:6"])
    assert rows["system_design"] == (0.0, 0.0, False, [])
    # contributions add up to the score
    total = con.execute(
        "select sum(contribution) from readiness_criteria where run_id = 'run-1' and employee_id = 'E20'"
    ).fetchone()[0]
    assert total == pytest.approx(27.5)


def test_rerunning_a_run_id_replaces_its_rows(scored, ladder):
    con, _ = scored
    score(con, ladder, "run-1", AS_OF)
    assert con.execute("select count(*) from readiness where run_id = 'run-1'").fetchone()[0] == 16
