"""Adverse-impact ratios of the ready status by gender group, for the people team only.

Selection rate of a group = ready / scored engineers in it; its ratio = rate / the highest
rate among shown groups (the four-fifths rule flags ratios below 0.8). Groups smaller than
MIN_GROUP are never shown, and further groups are hidden until the hidden ones add up to at
least MIN_GROUP, so a small group's count cannot be worked out from the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_GROUP = 5
FOUR_FIFTHS = 0.8
NOT_RECORDED = "(not recorded)"


@dataclass
class GroupRate:
    group: str
    engineers: int
    ready: int
    rate: float
    ratio: float | None = None

    @property
    def below_four_fifths(self) -> bool:
        return self.ratio is not None and self.ratio < FOUR_FIFTHS


@dataclass
class ImpactTable:
    level: str  # '*' for the whole org
    shown: list[GroupRate] = field(default_factory=list)
    suppressed_groups: int = 0  # how many groups were hidden (their sizes are not shown)


def adverse_impact(rows: list[dict], min_group: int = MIN_GROUP) -> list[ImpactTable]:
    """One table per level ('*' first) from per-group counts (level, gender_group, engineers, ready)."""
    by_level: dict[str, list[GroupRate]] = {}
    for r in rows:
        group = r["gender_group"] if r["gender_group"] is not None else NOT_RECORDED
        n = int(r["engineers"])
        by_level.setdefault(r["level"], []).append(GroupRate(group, n, int(r["ready"]), r["ready"] / n if n else 0.0))
    tables = []
    for level in sorted(by_level, key=lambda lv: (lv != "*", lv)):
        groups = sorted(by_level[level], key=lambda g: (g.engineers, g.group))
        hidden = [g for g in groups if g.engineers < min_group]
        shown = [g for g in groups if g.engineers >= min_group]
        # complementary suppression: a lone small group could be derived from the level total
        while hidden and sum(g.engineers for g in hidden) < min_group and shown:
            hidden.append(shown.pop(0))
        comparable = [g for g in shown if g.group != NOT_RECORDED]
        best = max((g.rate for g in comparable), default=0.0)
        for g in comparable:
            g.ratio = g.rate / best if best > 0 else None
        shown.sort(key=lambda g: (g.group == NOT_RECORDED, g.group))
        tables.append(ImpactTable(level, shown, len(hidden)))
    return tables
