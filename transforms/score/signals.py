"""Compile a rubric Signal (whitelisted vocabulary) to a SQL query over the evidence tables.

Every compiled query returns `employee_id, value double, row_ids varchar[]`, one row per
engineer it found something for. Filter values are checked against the contract's value
sets when the rubric is loaded; they are quoted here all the same.
"""

from __future__ import annotations


from transforms.contract import AUDIENCES, IMPACTS, SCOPES
from transforms.rubric import Signal
from transforms.sql_files import sql_literal, sql_text

# `*_at_least` filter -> (column, ordered scale from the contract)
AT_LEAST = {
    "scope_at_least": ("scope", SCOPES),
    "impact_at_least": ("impact", IMPACTS),
    "visibility_at_least": ("visibility", AUDIENCES),
    "audience_at_least": ("audience", AUDIENCES),
}
# list filter -> column
IN_LIST = {"role": "role", "status": "status", "type": "activity_type"}

# Signal kinds whose value is 0 when nothing was found; the others stay unknown (NULL).
ZERO_WHEN_ABSENT = frozenset(
    {"count_projects", "count_activities", "distinct_counterparts", "max_projects_in_one_domain",
     "distinct_project_domains", "max_proficiency", "others_promoted_instead"}
)


def _in(column: str, values) -> str:
    return f"{column} in ({', '.join(sql_literal(v) for v in values)})"


def filter_condition(filters: dict) -> str:
    """The AND of one filter group, as a SQL boolean expression ('true' when empty)."""
    parts = []
    for key, value in filters.items():
        if key in AT_LEAST:
            column, scale = AT_LEAST[key]
            parts.append(_in(column, scale[scale.index(value):]))
        elif key in IN_LIST:
            parts.append(_in(IN_LIST[key], value))
        elif key == "cross_team":
            parts.append("cross_team" if value else "not cross_team")
        else:
            raise ValueError(f"unknown signal filter {key!r}")
    return " and ".join(parts) or "true"


def signal_where(signal: Signal) -> str:
    """The full row filter of a signal: its filters AND (any of its any_of groups)."""
    where = filter_condition(signal.filters)
    if signal.any_of:
        where += " and (" + " or ".join(f"({filter_condition(g)})" for g in signal.any_of) + ")"
    return where


def compile_signal(signal: Signal) -> str:
    """The SQL query for one signal (see the module docstring for its columns)."""
    return sql_text("transforms.score", f"signal_sql/{signal.kind}", where=signal_where(signal),
                    skills=", ".join(sql_literal(s.strip().lower()) for s in signal.skills))
