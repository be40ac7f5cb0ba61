"""Planted bad rows: every kind present exactly as planned, and nothing else is bad."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from transforms.contract import KINDS
from demo import generate_demo

from .conftest import read_rows

AS_OF = "2026-10-31"
NEWEST = "people_2026-10-31.csv"
HISTORY_HEADER = {"employee_id": "Employee ID", "effective_date": "Effective Date", "level": "Job Level"}


def _parses(text: str, formats) -> bool:
    for fmt in formats:
        try:
            datetime.strptime(text, fmt)
            return True
        except ValueError:
            continue
    return False


def _key(kind: str, row: dict, header: dict | None = None) -> str:
    return "|".join(row[(header or {}).get(c, c)] for c in KINDS[kind].natural_key)


def _faults(files: dict, rubric, formats) -> dict[tuple[str, str], set[str]]:
    """Every row failing each check, found independently of the generator."""
    found: dict[tuple[str, str], set[str]] = {}

    def add(kind, check, key):
        found.setdefault((kind, check), set()).add(key)

    def dates(row, cols, kind, key):
        for c in cols:
            value = row[c]
            if not value:
                continue
            if not _parses(value, formats):
                add(kind, "unparseable_date", key)
            elif value > AS_OF:
                add(kind, "date_after_as_of", key)

    people = files[NEWEST]
    ids = [r["employee_id"] for r in people]
    known = set(ids)
    manager = {r["employee_id"]: r["manager_id"] for r in people}
    for r in people:
        eid = r["employee_id"]
        if ids.count(eid) > 1:
            add("people", "duplicate_employee_id", eid)
        if r["manager_id"] and r["manager_id"] not in known:
            add("people", "manager_not_found", eid)
        seen, at = set(), eid
        while at and at not in seen:
            seen.add(at)
            at = manager.get(at)
        if at == eid:
            add("people", "management_cycle", eid)
        if rubric.resolve_level(r["level"]) is None:
            add("people", "unknown_level", eid)
        dates(r, ("hire_date", "level_start_date", "as_of"), "people", eid)
        if r["level_start_date"] and r["level_start_date"] < r["hire_date"] and _parses(r["hire_date"], formats):
            add("people", "level_start_before_hire", eid)
    for r in files["job_history_2026-10-31.csv"]:
        key = _key("job_history", r, HISTORY_HEADER)
        if rubric.resolve_level(r["Job Level"]) is None:
            add("job_history", "unknown_level", key)
        dates(r, ("Effective Date",), "job_history", key)
    for r in files["projects_2026-10-31.csv"]:
        key = _key("projects", r)
        if any(r[c.name] and r[c.name] not in c.values for c in KINDS["projects"].columns if c.values):
            add("projects", "invalid_enum", key)
        if r["employee_id"] not in known:
            add("projects", "unknown_employee", key)
        if r["end_date"] and r["end_date"] < r["start_date"] and _parses(r["start_date"], formats):
            add("projects", "end_before_start", key)
        dates(r, ("start_date", "end_date"), "projects", key)
    for r in files["activities_2026-10-31.csv"]:
        key = _key("activities", r)
        if any(r[c.name] and r[c.name] not in c.values for c in KINDS["activities"].columns if c.values):
            add("activities", "invalid_enum", key)
        if r["employee_id"] not in known or (r["counterpart_id"] and r["counterpart_id"] not in known):
            add("activities", "unknown_employee", key)
        dates(r, ("date",), "activities", key)
    for r in files["skills_2026-10-31.csv"]:
        key = _key("skills", r)
        if not 1 <= int(r["proficiency"]) <= 5:
            add("skills", "proficiency_out_of_range", key)
        dates(r, ("assessed_on",), "skills", key)
    return found


def test_every_planted_row_fails_its_check_and_nothing_else_does(small_org, rubric, settings):
    manifest, files = small_org
    planned = {(b.kind, b.check): set(b.keys) for b in manifest.bad_rows}
    # 40-engineer org: max(1, round(0.0025 * rows)) = 1 row per check, 2 for the cycle pair
    assert {k: len(v) for k, v in planned.items()} == {
        ("people", "duplicate_employee_id"): 1, ("people", "manager_not_found"): 1,
        ("people", "management_cycle"): 2, ("people", "level_start_before_hire"): 1,
        ("people", "date_after_as_of"): 1, ("people", "unknown_level"): 1, ("people", "unparseable_date"): 1,
        ("job_history", "unknown_level"): 1, ("job_history", "unparseable_date"): 1,
        ("projects", "invalid_enum"): 1, ("projects", "end_before_start"): 1, ("projects", "unknown_employee"): 1,
        ("projects", "unparseable_date"): 1, ("projects", "date_after_as_of"): 1,
        ("activities", "invalid_enum"): 1, ("activities", "unknown_employee"): 1,
        ("skills", "proficiency_out_of_range"): 1,
    }
    # no date after the as-of date except the planted ones, and so on for every check
    assert _faults(files, rubric, settings.date_formats) == planned


def test_without_bad_rows_every_check_passes(tmp_path, rubric, settings):
    manifest = generate_demo(tmp_path, engineers=40, seed=7, bad_rows=False, rubric=rubric)
    files = {f.name: read_rows(tmp_path / f.name) for f in manifest.files}
    assert manifest.bad_rows == ()
    assert _faults(files, rubric, settings.date_formats) == {}


@pytest.mark.parametrize("engineers", [40, 2000])
def test_bad_people_rows_stay_well_under_the_gate(tmp_path, rubric, settings, engineers):
    manifest = generate_demo(tmp_path, engineers=engineers, seed=3, rubric=rubric)
    bad = sum(b.count for b in manifest.bad_rows if b.kind == "people")
    share = bad / manifest.file("people").rows
    # 40: 8 of 57 = 14%. 2000: 1988 generated ICs -> 249 + 3 teams -> 252 EMs -> 32 + 4 directors;
    # 1 + 36 + 252 + 12 + 1988 = 2289 good rows -> round(5.7) = 6 per check -> 48 of 2337 = 2%
    assert share < settings.max_bad_row_share
    if engineers == 2000:
        assert bad == 48


def test_formula_and_markup_values_are_planted(small_org):
    manifest, files = small_org
    names = {r["employee_id"]: r["name"] for r in files[NEWEST]}
    assert [names[e] for e in manifest.escaping_ids] == [
        '=HYPERLINK("http://example.invalid","click me")', "<script>alert(1)</script>"]
    assert any(p["project_name"] == "@SUM(1)" for p in files["projects_2026-10-31.csv"])
