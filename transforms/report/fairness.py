"""Adverse impact of the ready status by gender group and level for fairness.html (people team only).

A thin adapter over transforms.calibration.adverse_impact, the statistics the committee pack
uses too: per group the ready rate, its ratio to the most favoured group (four-fifths rule),
Fisher's exact test of that comparison, groups under min_group hidden with complementary
suppression, and engineers without a recorded gender counted, never grouped.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.calibration.adverse_impact import GroupCount
from transforms.calibration.adverse_impact import ImpactTable as OutcomeTable
from transforms.calibration.adverse_impact import adverse_impact as outcome_tables

@dataclass
class ImpactTable:
    level: str  # '*' for the whole org
    ready: OutcomeTable  # groups shown with rate, ratio, p-value and flag; suppressed and missing counts


def adverse_impact(rows: list[dict], min_group: int, min_ratio: float) -> list[ImpactTable]:
    """One table per level ('*' first) from per-group counts (level, gender_group, engineers, ready)."""
    by_level: dict[str, list[GroupCount]] = {}
    for r in rows:
        by_level.setdefault(r["level"], []).append(GroupCount((r["gender_group"],), int(r["engineers"]), int(r["ready"]), 0))
    return [
        ImpactTable(level, outcome_tables("gender", by_level[level], min_group, min_ratio)[0])
        for level in sorted(by_level, key=lambda lv: (lv != "*", lv))
    ]
