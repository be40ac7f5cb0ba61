"""End to end: the hand-written story org through the real Prefect flow, compared with
the hand-written expected table (tests/fixtures/org/expected_readiness.csv)."""

from __future__ import annotations

import csv

import duckdb
import pytest

from tests.conftest import FIXTURE_ORG, copy_fixture_org

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def fixture_run(prefect_harness, tmp_path_factory):
    """One real pipeline run over the fixture org, shared by the tests of this module."""
    from flows.pipeline import readiness_pipeline
    from transforms.config import load_settings

    root = tmp_path_factory.mktemp("e2e")
    settings = load_settings().with_overrides(
        inbox=root / "inbox", db=root / "warehouse.duckdb", archive=root / "archive",
        rejected=root / "rejected", reports=root / "reports",
    )
    settings.inbox.mkdir()
    copy_fixture_org(settings.inbox)
    result = readiness_pipeline(settings, trigger="test")
    return settings, result


def expected_rows() -> dict[str, dict]:
    with open(FIXTURE_ORG / "expected_readiness.csv", newline="") as fh:
        return {r["employee_id"]: r for r in csv.DictReader(fh)}


def test_every_story_engineer_gets_the_hand_computed_status_and_score(fixture_run):
    settings, result = fixture_run
    with open(result.report_dir / "readiness.csv", newline="") as fh:
        got = {r["employee_id"]: r for r in csv.DictReader(fh)}
    expected = expected_rows()
    # E16 is terminated: kept in the snapshot, never in the readiness report.
    assert set(got) == set(expected)
    for emp, exp in expected.items():
        row = got[emp]
        assert row["status"] == exp["status"], (emp, exp["why"])
        assert row["next_level"] == exp["next_level"], emp
        assert float(row["years_in_level"]) == pytest.approx(float(exp["years_in_level"]), abs=1e-3), emp
        if exp["readiness_score"]:
            assert float(row["readiness_score"]) == pytest.approx(float(exp["readiness_score"]), abs=0.01), emp
        else:
            assert row["readiness_score"] == "", emp
        assert row["level_start_source"] == exp["level_start_source"], emp
        assert sorted(filter(None, row["symptoms"].split("|"))) == sorted(filter(None, exp["symptoms"].split("|"))), emp


def test_run_record_names_the_inputs_and_the_rubric(fixture_run):
    from transforms import warehouse

    settings, result = fixture_run
    con = warehouse.connect(settings.db, read_only=True)
    try:
        (run,) = con.execute(
            "select outcome, as_of::varchar, rubric_name, len(input_hashes), trigger from pipeline_runs where run_id = ?",
            [result.run_id],
        ).fetchall()
    finally:
        con.close()
    # five export files in tests/fixtures/org (expected_readiness.csv is not an export)
    assert run == ("completed", "2026-10-31", "ML Engineer career ladder", 5, "test")


def test_rerun_with_nothing_new_loads_nothing_and_scores_the_same(fixture_run, prefect_harness):
    from flows.pipeline import readiness_pipeline

    settings, first = fixture_run
    copy_fixture_org(settings.inbox)  # the same bytes land again
    second = readiness_pipeline(settings, trigger="test")
    assert {f.status for f in second.files} == {"duplicate"}
    # nothing new, same rubric and settings: nothing redone, latest still shows the first run's reports
    assert (second.outcome, second.unchanged_since, second.report_dir) == ("unchanged", first.run_id, first.report_dir)
    assert (settings.reports / "latest").resolve() == first.report_dir.resolve()
    strip = lambda run_dir: duckdb.sql(f"select employee_id, status, readiness_score from '{run_dir / 'readiness.parquet'}' "
                                       "order by employee_id").fetchall()
    assert strip(first.report_dir) == strip(second.report_dir)
