"""Sensitivity of every recommendation to the rubric: which single small change would flip a status.

The work is one set-based query (sql/sensitivity.sql) over the whole org; this module passes
the rubric's thresholds and the configured size of a change, and groups the flips per engineer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb

from transforms.calibration.queries import rows
from transforms.sql_files import sql_text


@dataclass(frozen=True)
class Flip:
    """One change of one criterion that flips an engineer's status."""

    criterion_id: str
    title: str
    change_kind: str  # weight | target
    changed_from: float
    changed_to: float
    base_score: float
    new_score: float
    base_status: str
    new_status: str

    @property
    def change(self) -> str:
        """e.g. 'weight 3 -> 2.4' or 'target 2 -> 3'."""
        return f"{self.change_kind} {self.changed_from:g} → {self.changed_to:g}"

    @property
    def summary(self) -> str:
        return (f"{self.title}: {self.change} gives {self.new_score:.1f} ({self.new_status.replace('_', ' ')} "
                f"instead of {self.base_status.replace('_', ' ')})")


def status_flips(
    con: duckdb.DuckDBPyConnection, run_id: str, statuses, weight_change: float, target_step: float,
    only: list[str] | None = None,
) -> dict[str, list[Flip]]:
    """Employee id -> the single changes that flip their status (borderline engineers only).

    `statuses` is the rubric's status thresholds (ready_score, watch_months_before_ceiling, watch_low_score);
    `only` limits the analysis to those engineers (a page's listed rows), None analyses everyone.
    """
    con.execute(sql_text("transforms.score", "status_rule"))
    out: dict[str, list[Flip]] = defaultdict(list)
    for r in rows(
        con, "sensitivity", run_id=run_id, only=None if only is None else list(only), weight_change=weight_change, target_step=float(target_step),
        ready_score=statuses.ready_score, watch_months_before_ceiling=statuses.watch_months_before_ceiling,
        watch_low_score=statuses.watch_low_score,
    ):
        out[r.pop("employee_id")].append(Flip(**r))
    return dict(out)
