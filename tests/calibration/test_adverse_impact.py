"""Adverse-impact tables: the published four-fifths example, Fisher p-values, complementary suppression."""

from __future__ import annotations

import pytest

from transforms.calibration.adverse_impact import GroupCount, adverse_impact, suppressed


FOUR_FIFTHS = {"min_group": 5, "min_ratio": 0.8}  # the shipped [fairness] min_group and min_ratio


def _by_label(table):
    return {g.label: g for g in table.groups}


def test_uniform_guidelines_four_fifths_example():
    """The worked example of the four-fifths rule in the agencies' Questions and Answers on the
    Uniform Guidelines on Employee Selection Procedures (29 CFR 1607.4(D); Q&A adopted in
    44 Fed. Reg. 11996, 2 March 1979, answer on what a "substantially different rate of
    selection" is): hiring rates of 60 % for whites, 45 % for American Indians, 48 % for
    Hispanics and 51 % for Blacks give impact ratios 45/60 = 75 %, 48/60 = 80 % and
    51/60 = 85 %, so adverse impact is indicated for American Indians only.

    Here each group is 100 scored engineers with that many ready.
    """
    counts = [GroupCount((g,), 100, ready, 0) for g, ready in
              (("White", 60), ("American Indian", 45), ("Hispanic", 48), ("Black", 51))]
    ready, _stuck = adverse_impact("ethnicity", counts, **FOUR_FIFTHS)
    groups = _by_label(ready)
    assert ready.reference.label == "White"
    assert groups["American Indian"].ratio == pytest.approx(0.75)
    assert groups["Hispanic"].ratio == pytest.approx(0.80)
    assert groups["Black"].ratio == pytest.approx(0.85)
    # 48/60 is exactly four-fifths: not below it (decided on the counts, not on floats)
    assert {g.label for g in ready.groups if g.flagged} == {"American Indian"}
    # Fisher's exact test of each group against White: [[k, 100-k], [60, 40]], margins
    # row 100/100, column k+60 of 200. P(x) = C(100, x) C(100, k+60-x) / C(200, k+60); p sums
    # every P(x) <= P(k). For k = 45: the tables x <= 45 and x >= 60 (by symmetry of equal rows)
    # give p = 0.0471654853...; k = 48 -> 0.1183881378...; k = 51 -> 0.2549502636...
    # (the same sums as scipy.stats.fisher_exact(..., alternative="two-sided")).
    assert groups["American Indian"].p_value == pytest.approx(0.0471654853830, rel=1e-9)
    assert groups["Hispanic"].p_value == pytest.approx(0.1183881378040, rel=1e-9)
    assert groups["Black"].p_value == pytest.approx(0.2549502636239, rel=1e-9)
    assert groups["White"].p_value is None


def test_the_ratio_is_configuration():
    # the same example under [fairness] min_ratio = 0.9: Hispanic (0.80) and Black (0.85) are flagged too
    counts = [GroupCount((g,), 100, ready, 0) for g, ready in
              (("White", 60), ("American Indian", 45), ("Hispanic", 48), ("Black", 51))]
    ready, _stuck = adverse_impact("ethnicity", counts, min_group=5, min_ratio=0.9)
    assert {g.label for g in ready.groups if g.flagged} == {"American Indian", "Hispanic", "Black"}
    # 54/60 is exactly 0.9: not below it
    ready, _stuck = adverse_impact("ethnicity", [GroupCount(("a",), 100, 60, 0), GroupCount(("b",), 100, 54, 0)],
                                   min_group=5, min_ratio=0.9)
    assert not _by_label(ready)["b"].flagged


def test_stuck_is_judged_on_the_not_stuck_rate():
    # not stuck: a 20 of 50 (40 %), b 72 of 80 (90 %, the most favoured), c 60 of 100 (60 %)
    # ratios 0.40 / 0.90 = 0.444 (flagged) and 0.60 / 0.90 = 0.667 (flagged); d 76 of 100: 0.76 / 0.9 = 0.844 (not)
    counts = [GroupCount(("a",), 50, 0, 30), GroupCount(("b",), 80, 0, 8), GroupCount(("c",), 100, 0, 40),
              GroupCount(("d",), 100, 0, 24)]
    _ready, stuck = adverse_impact("team", counts, **FOUR_FIFTHS)
    groups = _by_label(stuck)
    assert stuck.reference.label == "b"
    assert groups["a"].ratio == pytest.approx(0.4 / 0.9) and groups["a"].flagged
    assert groups["c"].ratio == pytest.approx(0.6 / 0.9) and groups["c"].flagged
    assert groups["d"].ratio == pytest.approx(0.76 / 0.9) and not groups["d"].flagged


def test_nobody_stuck_in_the_reference_group_still_gives_ratios():
    # b has nobody stuck: a's not-stuck rate 45 of 50 = 0.9 against 1.0 -> 0.9, not flagged
    _ready, stuck = adverse_impact("team", [GroupCount(("a",), 50, 0, 5), GroupCount(("b",), 20, 0, 0)], **FOUR_FIFTHS)
    assert _by_label(stuck)["a"].ratio == pytest.approx(0.9) and not _by_label(stuck)["a"].flagged


def test_missing_values_are_counted_not_grouped():
    counts = [GroupCount(("F",), 30, 6, 3), GroupCount(("M",), 40, 10, 4), GroupCount((None,), 7, 1, 0)]
    ready, stuck = adverse_impact("gender", counts, **FOUR_FIFTHS)
    assert ready.missing == stuck.missing == 7
    assert [g.label for g in ready.groups] == ["F", "M"]


def test_one_small_group_hides_the_next_smallest_too():
    # B (3) is under 5; alone it could be worked out from the total, so C (6), the next smallest, goes too
    cells = {("A",): 20, ("B",): 3, ("C",): 6, ("D",): 9}
    assert suppressed(cells, 5) == {("B",), ("C",)}
    ready, _ = adverse_impact("g", [GroupCount(k, n, 1, 0) for k, n in cells.items()], **FOUR_FIFTHS)
    assert [g.label for g in ready.groups] == ["A", "D"] and ready.suppressed_groups == 2


def test_two_small_groups_need_no_complement():
    cells = {("A",): 20, ("B",): 3, ("C",): 4, ("D",): 9}
    assert suppressed(cells, 5) == {("B",), ("C",)}


def test_cross_table_suppression_covers_rows_and_columns():
    # gender x location; (F, Lisbon) = 2 is under 5.
    #            Berlin  Lisbon  Porto
    #   F          12      2       7
    #   M          30      9       8
    # Row F has one hidden cell -> hide its next smallest, (F, Porto) 7.
    # Column Lisbon has one hidden -> hide (M, Lisbon) 9. Column Porto now has one hidden
    # -> hide (M, Porto) 8. Row M now has two hidden; every line has 0 or 2 hidden: stable.
    cells = {("F", "Berlin"): 12, ("F", "Lisbon"): 2, ("F", "Porto"): 7,
             ("M", "Berlin"): 30, ("M", "Lisbon"): 9, ("M", "Porto"): 8}
    assert suppressed(cells, 5) == {("F", "Lisbon"), ("F", "Porto"), ("M", "Lisbon"), ("M", "Porto")}


def test_nothing_small_nothing_hidden():
    assert suppressed({("A",): 5, ("B",): 6}, 5) == set()
