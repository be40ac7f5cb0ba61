"""Fisher's exact test and Spearman's rank correlation against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from transforms.calibration.stats import (
    average_ranks,
    fisher_exact_integers,
    fisher_exact_two_sided,
    fisher_log_space,
    spearman_rho,
)


def test_fisher_tea_tasting_table():
    # [[3, 1], [1, 3]]: margins 4/4/4 of 8. P(x) = C(4,x) C(4,4-x) / C(8,4) = (1, 16, 36, 16, 1) / 70.
    # Observed x = 3 has weight 16; as or less likely: 1 + 16 + 16 + 1 = 34 -> p = 34/70.
    assert fisher_exact_two_sided(3, 1, 1, 3) == pytest.approx(34 / 70, abs=1e-15)


def test_fisher_one_possible_table_is_p_one():
    # nobody has the outcome: every table with these margins is the observed one
    assert fisher_exact_two_sided(0, 7, 0, 70) == 1.0


def test_zero_of_seven_is_weak_evidence_and_zero_of_seven_hundred_is_not():
    # The old fairness view flagged both alike. Against a 35 of 70 reference group,
    # 0 of 7: P(x=0) = C(7,0) C(70,35) / C(77,35); the two-sided sum gives p ~ 0.014
    # 0 of 700 against 350 of 700: p ~ 1.6e-131
    small = fisher_exact_two_sided(0, 7, 35, 35)
    large = fisher_exact_two_sided(0, 700, 350, 350)
    assert small == pytest.approx(0.0140148, rel=1e-5)
    assert large < 1e-100


def test_log_space_agrees_with_exact_integers_on_a_large_table():
    # 2,500 people: above the exact limit, so the public function takes the log-space path
    exact = fisher_exact_integers(700, 550, 620, 630)
    assert fisher_log_space(700, 550, 620, 630) == pytest.approx(exact, rel=1e-9)
    assert fisher_exact_two_sided(700, 550, 620, 630) == pytest.approx(exact, rel=1e-9)


def test_fisher_rejects_negative_counts():
    with pytest.raises(ValueError, match="negative"):
        fisher_exact_two_sided(-1, 2, 3, 4)


def test_average_ranks_share_ties():
    assert average_ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]


def test_spearman_with_ties():
    # ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4), both with mean 2.5
    # sum dx*dy = 2.25 + 0 + 0 + 2.25 = 4.5; sum dx^2 = 4.5; sum dy^2 = 2.25 + .25 + .25 + 2.25 = 5
    # rho = 4.5 / sqrt(4.5 * 5) = 0.948683...
    assert spearman_rho([1, 2, 2, 3], [1, 3, 2, 4]) == pytest.approx(4.5 / math.sqrt(22.5))


def test_spearman_perfect_and_reversed_order():
    assert spearman_rho([1, 2, 3, 4, 5], [10, 40, 50, 70, 99]) == pytest.approx(1.0)
    assert spearman_rho([1, 2, 3, 4, 5], [99, 70, 50, 40, 10]) == pytest.approx(-1.0)


def test_spearman_undefined_for_constant_ratings_or_too_few_pairs():
    # a manager who rates everyone 5: the ratings carry no order to correlate
    assert spearman_rho([5, 5, 5, 5, 5], [20, 35, 40, 55, 90]) is None
    assert spearman_rho([1, 2], [3, 4]) is None
