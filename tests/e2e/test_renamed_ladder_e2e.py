"""End to end without Prefect: the fixture org scored against a company's own copy of the
default ladder, whose level ids, track ids, titles, name and version are all renamed (the
aliases kept), gives exactly the hand-written table (tests/fixtures/org/expected_readiness.csv)
with the ids renamed, whether the roster names the new tracks or has no track column at all."""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURE_ORG, copy_fixture_org
from transforms.config import DEFAULT_RUBRIC, load_settings
from transforms.ingest import ingest_inbox
from transforms.model import build_model
from transforms.report import write_reports
from transforms.rubric import load_rubric
from transforms.runs import finish_run, record_inputs, start_run
from transforms.score import score
from transforms.validate import validate
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)  # the fixture org's export date
LEVELS = {"junior": "ic1", "mid": "ic2", "senior": "ic3", "staff": "ic4",
          "engineering_manager": "m1", "director": "m2", "vp": "m3"}
TRACKS = {"ic": "individual", "management": "people"}
COLUMNS = ("level", "next_level", "track", "level_start_source", "level_start_date", "status", "accelerated",
           "not_scored_reason", "symptoms", "criteria_measured", "criteria_total")


def renamed_ladder(folder: Path) -> Path:
    """The default ladder with every level and track id and title, its name and version renamed."""
    doc = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    doc["name"], doc["version"] = "Acme engineering ladder", "acme-7"
    for t in doc["tracks"]:
        t["id"], t["title"] = TRACKS[t["id"]], f"Acme {TRACKS[t['id']]} track"
    for lv in doc["levels"]:
        lv["id"], lv["title"], lv["track"] = LEVELS[lv["id"]], f"Acme grade {LEVELS[lv['id']].upper()}", TRACKS[lv["track"]]
    for p in doc["promotions"]:
        p["from"], p["to"] = LEVELS[p["from"]], LEVELS[p["to"]]
    for s in doc["symptoms"]:
        s["level"] = LEVELS[s["level"]]
    path = folder / "acme-ladder.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def rewrite_roster(inbox: Path, track_column: bool) -> None:
    """The fixture roster naming the renamed tracks, or without its track column."""
    path = next(inbox.glob("people_*.csv"))
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in rows[0] if track_column or f != "track"]
    with path.open("w", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        out.writeheader()
        for row in rows:
            out.writerow({**row, "track": TRACKS[row["track"]]})


def run_steps(root: Path, rubric_path: Path) -> Path:
    """ingest -> validate -> score -> report over the fixture org; the report folder."""
    settings = load_settings().with_overrides(
        inbox=root / "inbox", db=root / "warehouse.duckdb", archive=root / "archive",
        rejected=root / "rejected", reports=root / "reports", rubric=rubric_path,
    )
    rubric = load_rubric(settings.rubric)
    con = connect(settings.db)
    try:
        start_run(con, "acme-1", "test", datetime(2026, 11, 1, tzinfo=timezone.utc))
        assert {o.status for o in ingest_inbox(con, settings)} == {"loaded"}
        summary = validate(con, rubric, settings, "acme-1", AS_OF)
        assert (summary.snapshot_as_of, summary.quarantined_total) == (AS_OF, 0)
        build_model(con, rubric, AS_OF)
        score(con, rubric, "acme-1", AS_OF)
        record_inputs(con, "acme-1", as_of=AS_OF, snapshot_as_of=AS_OF, rubric=rubric)
        folder = write_reports(con, "acme-1", settings.reports, rubric)
        finish_run(con, "acme-1", outcome="completed", finished_at=datetime(2026, 11, 1, 0, 1, tzinfo=timezone.utc),
                   as_of=AS_OF, snapshot_as_of=AS_OF, rubric=rubric, counts={}, report_dir=str(folder))
        return folder
    finally:
        con.close()


def expected_table() -> dict[str, dict]:
    """expected_readiness.csv with the level ids renamed and each level's (renamed) track."""
    default = load_rubric(DEFAULT_RUBRIC)
    with (FIXTURE_ORG / "expected_readiness.csv").open(newline="") as fh:
        rows = {r["employee_id"]: r for r in csv.DictReader(fh)}
    for r in rows.values():
        r["track"] = TRACKS[default.level(r["level"]).track]
        r["level"], r["next_level"] = LEVELS[r["level"]], LEVELS.get(r["next_level"], "")
    return rows


@pytest.mark.parametrize("track_column", [True, False], ids=["roster names the new tracks", "roster without track"])
def test_renamed_ladder_scores_the_fixture_org_exactly_as_the_hand_written_table(tmp_path, track_column):
    rubric_path = renamed_ladder(tmp_path)
    (tmp_path / "inbox").mkdir()
    copy_fixture_org(tmp_path / "inbox")
    rewrite_roster(tmp_path / "inbox", track_column)
    folder = run_steps(tmp_path, rubric_path)
    with (folder / "readiness.csv").open(newline="") as fh:
        got = {r["employee_id"]: r for r in csv.DictReader(fh)}
    expected = expected_table()
    assert sorted(got) == sorted(expected)  # E16 is terminated: in the roster, not in the report
    for eid, exp in expected.items():
        row = got[eid]
        assert {c: row[c] for c in COLUMNS} == {c: exp[c] for c in COLUMNS}, (eid, exp["why"])
        assert float(row["years_in_level"]) == pytest.approx(float(exp["years_in_level"]), abs=1e-3), eid
        assert (float(row["readiness_score"]) if row["readiness_score"] else None) == (
            pytest.approx(float(exp["readiness_score"]), abs=0.01) if exp["readiness_score"] else None), eid
