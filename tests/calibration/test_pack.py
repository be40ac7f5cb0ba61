"""The committee pack end to end on a hand-written warehouse: parts, CSV layout, escaping, privacy, file modes."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date

import pytest

from tests.calibration.conftest import RUN, Person, build_warehouse
from transforms.calibration.pack import PACK_CSV, PACK_HTML, PackError, write_pack
from transforms.config import load_settings

SALARY_CANARY = 987654.32
GENDER_CANARIES = ("gx-alpha", "gx-beta")
SCRIPT_NAME = "<script>alert('pwned')</script>"
FORMULA_NAME = "=cmd|'/C calc'!A0"
CYCLE = date(2026, 11, 15)


@pytest.fixture
def warehouse(con, rubric):
    people = [Person("M", None, level="engineering_manager", status="not_scored", name="Ari Lead")]
    for i in range(1, 7):  # six ready mids, one of them with a script for a name
        people.append(Person(f"R{i}", "M", status="ready", score=90.0, rating=4, name=SCRIPT_NAME if i == 1 else f"Ready {i}"))
    people.append(Person("S1", "M", level="junior", status="stuck", score=20.0, rating=3, name=FORMULA_NAME))
    people.append(Person("S2", "M", level="junior", status="stuck", score=30.0, rating=3, team="nlp"))
    for p in people:
        p.salary, p.currency = SALARY_CANARY, "USD"
        p.gender = GENDER_CANARIES[len(p.employee_id) % 2]
        p.location = "Berlin"
    build_warehouse(con, rubric, people)
    con.execute(
        "insert into readiness_criteria (run_id, employee_id, criterion_id, target_level, title, measured, target, weight, "
        "contribution, is_measured, met) values (?, 'S1', 'leads', 'mid', 'Leads small projects', 0, 1, 2, 0, true, false)",
        [RUN],
    )
    return con


def test_pack_parts_provenance_and_csv(warehouse, rubric, tmp_path):
    settings = load_settings().calibration
    pack, folder = write_pack(warehouse, rubric, CYCLE, tmp_path / "reports", settings)
    html = (folder / PACK_HTML).read_text(encoding="utf-8")
    # one section per part, in the committee's order, each starting a printed page
    order = [html.index(f'<section class="part" id="{part}">') for part in
             ("nominations", "borderline", "stuck", "fairness", "timelines")]
    assert order == sorted(order)
    assert "section.part { break-before: page;" in html
    # provenance and the human-review notice
    assert f"Calibration cycle {CYCLE}" in html and "Evidence as of 2026-10-31" in html
    assert f"version {rubric.version}" in html and rubric.sha256 in html
    assert "A recommendation for human review, not a decision." in html
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    # nominations: the six ready engineers; stuck: S1 and S2 with S1's gap in the evidence line
    # stuck: equally far past the ceiling, so by id
    assert len(pack.nominations) == 6 and [e.employee_id for e in pack.stuck] == ["S1", "S2"]
    assert pack.stuck[1].evidence_summary == "0 of 0 measured criteria met"  # S2 has no criterion rows

    rows = list(csv.reader(io.StringIO((folder / PACK_CSV).read_text(encoding="utf-8"))))
    assert rows[0] == ["employee_id", "name", "manager_id", "level", "next_level", "recommended_status", "score",
                       "evidence_summary"]
    s1 = next(r for r in rows if r[0] == "S1")
    assert s1 == ["S1", "'" + FORMULA_NAME, "M", "junior", "mid", "stuck", "20.0",
                  "0 of 1 measured criteria met; short on Leads small projects (0 of 1)"]
    assert len(rows) == 1 + 8  # the 8 scored engineers, not the manager


def test_salary_and_demographic_canaries_appear_in_no_output(warehouse, rubric, tmp_path):
    _, folder = write_pack(warehouse, rubric, CYCLE, tmp_path / "reports", load_settings().calibration)
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "987654" not in text and "987,654" not in text, path.name
    # demographic values appear only as group labels of the fairness part, never beside a person
    html = (folder / PACK_HTML).read_text(encoding="utf-8")
    fairness = html[html.index('id="fairness"'):html.index('id="timelines"')]
    assert html.count(GENDER_CANARIES[0]) == fairness.count(GENDER_CANARIES[0]) > 0
    assert GENDER_CANARIES[1] not in html  # only the manager, who is not scored, has it
    assert GENDER_CANARIES[0] not in (folder / PACK_CSV).read_text(encoding="utf-8")


def test_files_are_owner_only(warehouse, rubric, tmp_path):
    _, folder = write_pack(warehouse, rubric, CYCLE, tmp_path / "reports", load_settings().calibration)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_no_completed_run_by_the_cycle_date_is_a_one_line_error(warehouse, rubric, tmp_path):
    with pytest.raises(PackError, match="no completed run as of 2026-01-01 or earlier.*readiness run"):
        write_pack(warehouse, rubric, date(2026, 1, 1), tmp_path / "reports", load_settings().calibration)


def test_cli_pack_without_a_warehouse_says_so_in_one_line(tmp_path):
    import subprocess
    import sys

    missing = tmp_path / "none.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "ops.cli", "pack", "--cycle", "2027-03-15", "--db", str(missing), "--reports", str(tmp_path / "r")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: {missing}: no warehouse here; run `readiness run` first or pass --db\n"
    assert not missing.exists()  # asking for a pack never creates an empty warehouse
