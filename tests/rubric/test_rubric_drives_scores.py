"""The rubric is data: a custom ladder scores with no code change, and editing a weight or a
target in the file changes the scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from transforms.config import DEFAULT_RUBRIC
from transforms.contract import clean_tables_ddl
from transforms.model import build_model
from transforms.rubric import load_rubric
from transforms.score import score
from transforms.warehouse import connect

AS_OF = date(2026, 10, 31)
D = date.fromisoformat
TINY = Path(__file__).resolve().parents[1] / "score" / "tiny-ladder.yaml"


@pytest.fixture
def con():
    c = connect(":memory:")
    c.execute(clean_tables_ddl())
    yield c
    c.close()


def people(con, rows):
    for eid, level, start in rows:
        con.execute(
            "insert into clean_people (snapshot_as_of, employee_id, name, level, team, hire_date, level_start_date, row_id)"
            " values (?, ?, ?, ?, 't', ?, ?, ?)",
            [AS_OF, eid, eid, level, D("2018-01-01"), D(start), f"p:{eid}"],
        )


def test_custom_ladder_scores_without_code_change(con):
    tiny = load_rubric(TINY)
    # Ada: associate 2.5 years, 1 done project of 2 and a blog post; Bo: practitioner; Cy: expert; Di: team lead
    people(con, [("ADA", "associate", "2024-05-01"), ("BO", "practitioner", "2025-10-31"),
                 ("CY", "expert", "2020-01-01"), ("DI", "lead", "2020-01-01")])
    con.execute("insert into clean_projects (project_id, employee_id, role, scope, start_date, status, row_id)"
                " values ('P', 'ADA', 'contributor', 'task', '2025-01-01', 'done', 'pr:1')")
    con.execute("insert into clean_activities (employee_id, activity_type, activity_date, row_id)"
                " values ('ADA', 'blog_post', '2025-02-01', 'ac:1')")
    build_model(con, tiny, AS_OF)
    summary = score(con, tiny, "r", AS_OF)
    got = {r[0]: r[1:] for r in con.execute(
        "select employee_id, next_level, readiness_score, status, not_scored_reason from readiness").fetchall()}
    # ships 1/2 (weight 1) + writes 1/1 (weight 1) = 1.5/2 = 75 >= the tiny ready_score 75; 2.5 y >= 1
    assert got["ADA"] == ("practitioner", 75.0, "ready", None)
    # BO: no mentees, 1 year in: on track (realistic min 3)
    assert got["BO"] == ("expert", 0.0, "on_track", None)
    assert got["CY"] == (None, None, "not_scored", "nobody above experts")
    assert got["DI"] == (None, None, "not_scored", "people leads are calibrated elsewhere")
    assert summary.by_status["ready"] == 1


def edited(tmp_path, path: Path, edit) -> Path:
    doc = yaml.safe_load(path.read_text())
    edit(doc)
    out = tmp_path / "edited.yaml"
    out.write_text(yaml.safe_dump(doc, sort_keys=False))
    return out


def criterion(doc, cid):
    return next(c for p in doc["promotions"] for c in p["criteria"] if c["id"] == cid)


def test_weight_and_target_in_the_file_change_the_score(con, tmp_path):
    people(con, [("ADA", "associate", "2024-05-01")])
    con.execute("insert into clean_projects (project_id, employee_id, role, scope, start_date, status, row_id)"
                " values ('P', 'ADA', 'contributor', 'task', '2025-01-01', 'done', 'pr:1')")
    con.execute("insert into clean_activities (employee_id, activity_type, activity_date, row_id)"
                " values ('ADA', 'blog_post', '2025-02-01', 'ac:1')")

    def ada_score(rubric_path, run_id):
        rubric = load_rubric(rubric_path)
        build_model(con, rubric, AS_OF)
        score(con, rubric, run_id, AS_OF)
        return con.execute("select readiness_score from readiness where run_id = ? and employee_id = 'ADA'", [run_id]).fetchall()[0][0]

    assert ada_score(TINY, "base") == 75.0
    # ships weight 1 -> 3: (3 * 1/2 + 1 * 1) / 4 = 62.5
    heavier = edited(tmp_path, TINY, lambda d: criterion(d, "ships").update(weight=3))
    assert ada_score(heavier, "weight") == 62.5
    # ships target 2 -> 1: (1 + 1) / 2 = 100
    easier = edited(tmp_path, TINY, lambda d: criterion(d, "ships").update(target=1))
    assert ada_score(easier, "target") == 100.0


def test_criteria_without_source_data_are_not_measured(con):
    tiny = load_rubric(TINY)
    people(con, [("ADA", "associate", "2024-05-01")])
    # only activities delivered: "ships" (projects) is not measured and leaves the denominator
    con.execute("insert into clean_activities (employee_id, activity_type, activity_date, row_id)"
                " values ('ADA', 'blog_post', '2025-02-01', 'ac:1')")
    build_model(con, tiny, AS_OF)
    score(con, tiny, "r", AS_OF)
    assert con.execute("select readiness_score, criteria_measured, criteria_total from readiness").fetchall() == [(100.0, 1, 2)]
    assert con.execute("select criterion_id, is_measured, measured, contribution from readiness_criteria order by 1").fetchall() == [
        ("ships", False, None, None), ("writes", True, 1.0, 100.0)]


def test_default_ladder_weights_come_from_the_file():
    rubric = load_rubric(DEFAULT_RUBRIC)
    doc = yaml.safe_load(DEFAULT_RUBRIC.read_text())
    assert [c.weight for p in rubric.promotions for c in p.criteria] == [c["weight"] for p in doc["promotions"] for c in p["criteria"]]
