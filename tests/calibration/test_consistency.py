"""Manager consistency stories: a manager who rates everyone 5 against the evidence is flagged, one whose ratings follow it is not."""

from __future__ import annotations

import pytest

from tests.calibration.conftest import RUN, Person, build_warehouse
from transforms.calibration.consistency import ConsistencyRules, manager_consistency
from transforms.calibration.stats import spearman_rho
from transforms.config import load_settings

# B's 20 reports, the baseline: ratings 1..5 four times each, scores 5, 10, ..., 100 rising with them
BASELINE = [(r, 5 * (4 * (r - 1) + k)) for r in range(1, 6) for k in range(1, 5)]
# L rates all 5 reports 5 while their evidence scores are 20..40
LENIENT = [(5, 20), (5, 25), (5, 30), (5, 35), (5, 40)]
# F's ratings follow the evidence: 1..5 for scores 15..95
FOLLOWS = [(1, 15), (2, 35), (3, 55), (4, 75), (5, 95)]


def _reports(prefix, manager, pairs):
    return [Person(f"{prefix}{i}", manager, rating=r, score=s, status="ready" if s >= 80 else "on_track")
            for i, (r, s) in enumerate(pairs, start=1)]


@pytest.fixture
def findings(con, rubric):
    managers = [Person("V", None, level="director", status="not_scored")] + [
        Person(m, "V", level="engineering_manager", status="not_scored") for m in ("B", "L", "F")]
    people = managers + _reports("B", "B", BASELINE) + _reports("L", "L", LENIENT) + _reports("F", "F", FOLLOWS)
    build_warehouse(con, rubric, people)
    return {m.manager_id: m for m in manager_consistency(con, RUN, ConsistencyRules.from_settings(load_settings().calibration))}


def test_manager_who_rates_everyone_five_against_the_evidence_is_flagged_lenient(findings):
    lenient = findings["L"]
    # org: 30 rated engineers, ratings 60 (B) + 25 (L) + 15 (F) = 100 -> mean 3.333;
    # scores 1050 (B: 5+10+...+100) + 150 (L) + 275 (F) = 1475 -> mean 49.17
    assert lenient.org_mean_rating == pytest.approx(100 / 30)
    assert lenient.org_mean_score == pytest.approx(1475 / 30)
    # L: mean rating 5 (+1.67 over the org, >= 0.5) with mean score 30 (-19.2, not above the org's by 5): lenient
    assert (lenient.mean_rating, lenient.mean_score, lenient.rated) == (5.0, 30.0, 5)
    assert lenient.lenient and not lenient.harsh
    flag = next(f for f in lenient.flags if f.startswith("lenient"))
    assert "mean rating 5.00 against the org's 3.33" in flag and "mean evidence score 30.0 against the org's 49.2" in flag
    assert "rule: rating at least 0.5 above" in flag
    # everyone rated 5: there is no order to correlate
    assert lenient.rank_correlation is None


def test_manager_whose_ratings_follow_the_evidence_is_not_flagged(findings):
    follows = findings["F"]
    # F: mean rating 3 (-0.33 against the org: within 0.5), ratings in the same order as the scores
    assert follows.mean_rating == 3.0 and follows.mean_score == 55.0
    assert follows.rank_correlation == pytest.approx(1.0)
    assert follows.flags == []


def test_ready_share_against_the_rest_of_the_org_with_fisher_p(findings):
    # L: 0 of 5 ready; the rest of the org 6 of 25 (B's scores 80..100 and F's 95).
    # Table [[0, 5], [6, 19]], margins 5 / 25 / 6 of 30: P(x) = C(5,x) C(25,6-x) / C(30,6);
    # weights C(5,x) C(25,6-x) for x = 0..5: 177100, 265650, 126500, 23000, 1500, 25 (sum 593775).
    # As or less likely than x = 0: 177100 + 126500 + 23000 + 1500 + 25 = 328125 -> p = 0.5526: no flag.
    share = findings["L"].ready
    assert (share.hits, share.scored, share.rest_hits, share.rest_scored) == (0, 5, 6, 25)
    assert share.p_value == pytest.approx(328125 / 593775)
    assert not any(f.startswith(("more", "fewer")) for f in findings["L"].flags)


def test_rank_correlation_in_sql_matches_the_python_definition(findings):
    # B's ratings tie in fours; SQL average ranks and Pearson's r must equal Spearman's rho with ties
    assert findings["B"].rank_correlation == pytest.approx(spearman_rho([r for r, _ in BASELINE], [s for _, s in BASELINE]))


def test_the_top_manager_has_no_rest_of_org_to_compare(findings):
    top = findings["V"]
    assert top.scored == 30 and top.ready.rest_scored == 0 and top.ready.rest_rate is None
