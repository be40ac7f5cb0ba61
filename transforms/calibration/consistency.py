"""Manager consistency: does a manager's org get ready or stuck more often than the rest, and do their ratings follow the evidence?

Per manager with at least `min_engineers` scored engineers in their org (from
sql/manager_consistency.sql): the ready and stuck shares against the rest of the org with
Fisher's exact test, and the manager's own ratings of their direct reports (last_rating)
against the evidence scores of the same people. Every flag carries the rule that raised it
and the numbers behind it; the thresholds are configuration ([consistency]).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from transforms.calibration.queries import rows
from transforms.calibration.stats import fisher_exact_two_sided


@dataclass(frozen=True)
class ConsistencyRules:
    """Thresholds from [consistency] (and the p-value threshold from [fairness]) in the configuration."""

    min_engineers: int  # scored engineers in a manager's org before it is compared
    min_rated: int  # rated and scored direct reports before the ratings are compared
    rating_margin: float  # mean rating this far above / below the org's mean rating ...
    score_margin: float  # ... while the mean score is not more than this many points above / below the org's
    min_rank_correlation: float  # ratings whose rank correlation with scores is below this do not follow the evidence
    alpha: float  # a share differs from the rest of the org when Fisher's p is below this

    @classmethod
    def from_settings(cls, calibration) -> "ConsistencyRules":
        """The rules of a CalibrationSettings value (transforms.config)."""
        c = calibration
        return cls(c.min_engineers, c.min_rated, c.rating_margin, c.score_margin, c.min_rank_correlation, c.alpha)


@dataclass
class Share:
    """One outcome's share in a manager's org against the rest of the org."""

    outcome: str  # ready | stuck
    hits: int
    scored: int
    rest_hits: int
    rest_scored: int
    p_value: float

    @property
    def rate(self) -> float:
        return self.hits / self.scored

    @property
    def rest_rate(self) -> float | None:
        return self.rest_hits / self.rest_scored if self.rest_scored else None


@dataclass
class ManagerConsistency:
    manager_id: str
    manager_name: str | None
    scored: int
    ready: Share
    stuck: Share
    rated: int
    mean_rating: float | None
    mean_score: float | None
    rank_correlation: float | None
    org_mean_rating: float | None
    org_mean_score: float | None
    flags: list[str] = field(default_factory=list)  # each: the finding, its numbers and the rule

    @property
    def lenient(self) -> bool:
        return any(f.startswith("lenient") for f in self.flags)

    @property
    def harsh(self) -> bool:
        return any(f.startswith("harsh") for f in self.flags)


def _share(outcome: str, hits: int, scored: int, org_hits: int, org_scored: int) -> Share:
    rest_hits, rest_scored = org_hits - hits, org_scored - scored
    p = fisher_exact_two_sided(hits, scored - hits, rest_hits, rest_scored - rest_hits)
    return Share(outcome, hits, scored, rest_hits, rest_scored, p)


def _flags(m: ManagerConsistency, rules: ConsistencyRules) -> list[str]:
    flags = []
    for share in (m.ready, m.stuck):
        if share.rest_rate is not None and share.p_value < rules.alpha and share.rate != share.rest_rate:
            direction = "more" if share.rate > share.rest_rate else "fewer"
            flags.append(
                f"{direction} {share.outcome} than the rest of the org: {share.hits} of {share.scored} "
                f"({100 * share.rate:.0f} %) against {share.rest_hits} of {share.rest_scored} "
                f"({100 * share.rest_rate:.0f} %), Fisher p = {share.p_value:.3g} (rule: p < {rules.alpha:g})"
            )
    if m.rated >= rules.min_rated and m.mean_rating is not None and m.org_mean_rating is not None:
        rating_gap = m.mean_rating - m.org_mean_rating
        score_gap = m.mean_score - m.org_mean_score
        numbers = (f"mean rating {m.mean_rating:.2f} against the org's {m.org_mean_rating:.2f}, mean evidence score "
                   f"{m.mean_score:.1f} against the org's {m.org_mean_score:.1f} ({m.rated} rated direct reports)")
        if rating_gap >= rules.rating_margin and score_gap <= rules.score_margin:
            flags.append(f"lenient ratings: {numbers} (rule: rating at least {rules.rating_margin:g} above the org's "
                         f"while the score is at most {rules.score_margin:g} points above it)")
        elif rating_gap <= -rules.rating_margin and score_gap >= -rules.score_margin:
            flags.append(f"harsh ratings: {numbers} (rule: rating at least {rules.rating_margin:g} below the org's "
                         f"while the score is at most {rules.score_margin:g} points below it)")
        if m.rank_correlation is not None and m.rank_correlation < rules.min_rank_correlation:
            flags.append(f"ratings do not follow the evidence: rank correlation {m.rank_correlation:.2f} between rating and "
                         f"score of {m.rated} direct reports (rule: below {rules.min_rank_correlation:g})")
    return flags


def manager_consistency(con: duckdb.DuckDBPyConnection, run_id: str, rules: ConsistencyRules) -> list[ManagerConsistency]:
    """Every eligible manager with their shares, rating comparison and flags (flagged managers first)."""
    out = []
    for r in rows(con, "manager_consistency", run_id=run_id, min_engineers=rules.min_engineers):
        m = ManagerConsistency(
            manager_id=r["manager_id"], manager_name=r["manager_name"], scored=r["scored"],
            ready=_share("ready", r["ready"], r["scored"], r["org_ready"], r["org_scored"]),
            stuck=_share("stuck", r["stuck"], r["scored"], r["org_stuck"], r["org_scored"]),
            rated=r["rated"], mean_rating=r["mean_rating"], mean_score=r["mean_score"],
            rank_correlation=r["rank_correlation"], org_mean_rating=r["org_mean_rating"],
            org_mean_score=r["org_mean_score"],
        )
        m.flags = _flags(m, rules)
        out.append(m)
    return sorted(out, key=lambda m: (not m.flags, m.manager_id))
