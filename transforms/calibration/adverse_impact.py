"""Adverse impact of the ready and stuck statuses per demographic group, for the people team only.

Per demographic column (and per pair of columns): each group's rate of an outcome among its
scored engineers, the ratio to the most favoured group (four-fifths rule on the favourable
side: a ready rate, or a not-stuck rate, under 4/5 of the best is flagged) and Fisher's exact test
of that comparison, so a small group's ratio is read with its p-value. Groups under
`min_group` people are suppressed, and more are hidden until no row or column of a table has
exactly one hidden group (complementary suppression: a hidden size cannot be worked out from
totals). Only counts reach this module; no individual's value does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from transforms.calibration.stats import below_ratio, fisher_exact_two_sided

OUTCOMES = ("ready", "stuck")  # ready is favourable (higher is better), stuck adverse (lower is better)


@dataclass(frozen=True)
class GroupCount:
    """Scored engineers of one group (values per column of the dimension) and their outcomes."""

    values: tuple[str | None, ...]
    scored: int
    ready: int
    stuck: int

    @property
    def label(self) -> str:
        return " × ".join(str(v) for v in self.values)


@dataclass
class GroupImpact:
    label: str
    scored: int
    hits: int  # engineers with the outcome
    rate: float
    ratio: float | None = None  # ready: rate / best rate; stuck: not-stuck rate / best not-stuck rate
    p_value: float | None = None  # Fisher's exact test against the reference group
    flagged: bool = False  # outside the four-fifths rule
    is_reference: bool = False


@dataclass
class ImpactTable:
    dimension: str  # e.g. "gender" or "gender × location"
    outcome: str  # ready | stuck
    groups: list[GroupImpact] = field(default_factory=list)  # shown groups, by label
    suppressed_groups: int = 0
    missing: int = 0  # scored engineers with no recorded value in a column of the dimension

    @property
    def reference(self) -> GroupImpact | None:
        return next((g for g in self.groups if g.is_reference), None)


def suppressed(cells: dict[tuple, int], min_group: int) -> set[tuple]:
    """Keys hidden: every cell under min_group, then complementary cells until no line has exactly one hidden.

    A line is every cell sharing all values but one (for a single column: the whole table),
    because each line's total can be published elsewhere.
    """
    hidden = {k for k, n in cells.items() if n < min_group}
    width = len(next(iter(cells), ()))
    lines: list[list[tuple]] = []
    for free in range(width):
        by_rest: dict[tuple, list[tuple]] = {}
        for k in cells:
            by_rest.setdefault(k[:free] + k[free + 1:], []).append(k)
        lines.extend(by_rest.values())
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(k in hidden for k in line) == 1:
                shown = sorted((k for k in line if k not in hidden), key=lambda k: (cells[k], [str(v) for v in k]))
                if shown:
                    hidden.add(shown[0])
                    changed = True
    return hidden


def _impact(dimension: str, outcome: str, groups: list[GroupCount], missing: int, min_group: int,
            min_ratio: Fraction) -> ImpactTable:
    cells = {g.values: g.scored for g in groups}
    hidden = suppressed(cells, min_group) if cells else set()
    shown = [g for g in groups if g.values not in hidden]
    table = ImpactTable(dimension, outcome, suppressed_groups=len(hidden), missing=missing)
    hits = {g.values: getattr(g, outcome) for g in shown}
    if shown:
        # the most favoured group: highest ready rate / lowest stuck rate (ties: the larger group, then by label)
        sign = -1 if outcome == "ready" else 1
        ref = min(shown, key=lambda g: (sign * Fraction(hits[g.values], g.scored), -g.scored, g.label))
        ref_hits = hits[ref.values]
    for g in sorted(shown, key=lambda g: g.label):
        k = hits[g.values]
        item = GroupImpact(g.label, g.scored, k, k / g.scored, is_reference=g is ref)
        if outcome == "ready":
            item.ratio = item.rate / (ref_hits / ref.scored) if ref_hits else None
            item.flagged = below_ratio(k, g.scored, ref_hits, ref.scored, min_ratio)
        else:
            # the rule on the favourable side: not-stuck rate / the highest not-stuck rate
            kept, ref_kept = g.scored - k, ref.scored - ref_hits
            item.ratio = (kept / g.scored) / (ref_kept / ref.scored) if ref_kept else None
            item.flagged = below_ratio(kept, g.scored, ref_kept, ref.scored, min_ratio)
        if not item.is_reference:
            item.p_value = fisher_exact_two_sided(k, g.scored - k, ref_hits, ref.scored - ref_hits)
        table.groups.append(item)
    return table


def adverse_impact(dimension: str, counts: list[GroupCount], min_group: int, min_ratio: float) -> list[ImpactTable]:
    """The ready and stuck tables of one dimension from its group counts (a None value = not recorded).

    A group is flagged when its favourable rate is under `min_ratio` of the most favoured group's
    ([fairness] min_ratio, 0.8 = the four-fifths rule), decided exactly on the counts.
    """
    recorded = [g for g in counts if all(v is not None for v in g.values)]
    missing = sum(g.scored for g in counts if any(v is None for v in g.values))
    ratio = Fraction(str(min_ratio))  # 0.8 -> exactly 4/5: 48/60 is not below it
    return [_impact(dimension, outcome, recorded, missing, min_group, ratio) for outcome in OUTCOMES]
