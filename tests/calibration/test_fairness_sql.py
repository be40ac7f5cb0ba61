"""Demographic group counts straight from the warehouse: one column, pairs, not-recorded values, configured columns."""

from __future__ import annotations

from tests.calibration.conftest import RUN, Person, build_warehouse
from transforms.calibration.fairness import demographic_columns, fairness_tables, group_counts


def _org(con, rubric):
    people = [Person("M", None, level="engineering_manager", status="not_scored", gender="F", location="Berlin")]
    # 6 F in Berlin (3 ready), 6 M in Berlin (1 ready, 2 stuck), 2 M in Lisbon (stuck), 1 with no gender in Lisbon
    people += [Person(f"F{i}", "M", gender="F", location="Berlin", status="ready" if i <= 3 else "on_track") for i in range(1, 7)]
    people += [Person(f"B{i}", "M", gender="M", location="Berlin", status={1: "ready", 2: "stuck", 3: "stuck"}.get(i, "on_track"))
               for i in range(1, 7)]
    people += [Person(f"L{i}", "M", gender="M", location="Lisbon", status="stuck") for i in range(1, 3)]
    people += [Person("N1", "M", gender=" ", location="Lisbon")]
    build_warehouse(con, rubric, people)


def test_group_counts_per_column_and_pair(con, rubric):
    _org(con, rubric)
    columns, absent = demographic_columns(con, ("gender", "ethnicity"))
    assert columns == ["gender", "location"] and absent == ["ethnicity"]
    counts = group_counts(con, RUN, columns)
    # the manager is not scored and never counted; a blank gender is "not recorded"
    by_gender = {g.values: (g.scored, g.ready, g.stuck) for g in counts[("gender",)]}
    assert by_gender == {("F",): (6, 3, 0), ("M",): (8, 1, 4), (None,): (1, 0, 0)}
    by_location = {g.values: (g.scored, g.ready, g.stuck) for g in counts[("location",)]}
    assert by_location == {("Berlin",): (12, 4, 2), ("Lisbon",): (3, 0, 2)}
    pairs = {g.values: g.scored for g in counts[("gender", "location")]}
    assert pairs == {("F", "Berlin"): 6, ("M", "Berlin"): 6, ("M", "Lisbon"): 2, (None, "Lisbon"): 1}


def test_tables_suppress_small_cells_and_count_missing(con, rubric):
    _org(con, rubric)
    tables = {(t.dimension, t.outcome): t for t in fairness_tables(con, RUN, ["gender", "location"], min_group=5, min_ratio=0.8)}
    gender_ready = tables[("gender", "ready")]
    assert gender_ready.missing == 1
    # F 3/6 = 50 % is the reference; M 1/8 = 12.5 % -> ratio 0.25, flagged
    m = next(g for g in gender_ready.groups if g.label == "M")
    assert m.ratio == 0.25 and m.flagged
    # Lisbon (3) is under 5 and alone in its table: Berlin is hidden with it, nothing is shown
    assert tables[("location", "ready")].groups == [] and tables[("location", "ready")].suppressed_groups == 2
    # pairs: (M, Lisbon) 2 is hidden; row M then hides (M, Berlin); column Berlin hides (F, Berlin)
    assert tables[("gender × location", "stuck")].groups == []
