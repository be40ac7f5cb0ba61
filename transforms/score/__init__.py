"""The score stage: readiness per engineer against the rubric, explained by its evidence.

`score(con, rubric, run_id, as_of)` writes the rows of `run_id` into readiness,
readiness_criteria and readiness_symptoms (replacing any earlier rows of that run).
It reads the model tables; the caller builds them first (transforms.model.build_model) and score
refuses a model built for another as-of date or rubric.
All work is set-based SQL over the whole org: one compiled query per rubric criterion
and per symptom, never a loop over engineers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from transforms.contract import EVIDENCE_KINDS, KINDS, STATUSES
from transforms.model import model_is_current
from transforms.rubric import Condition, Rubric, Signal
from transforms.score.signals import ZERO_WHEN_ABSENT, compile_signal
from transforms.sql_files import sql_literal, sql_text

@dataclass(frozen=True)
class ScoreSummary:
    """What one scoring run produced."""

    run_id: str
    as_of: date
    employees: int  # rows written to readiness (terminated employees excluded)
    by_status: dict[str, int]
    criteria_rows: int
    symptom_rows: int
    kinds_measured: tuple[str, ...]  # evidence kinds with clean rows (others: "not measured")


SIGNAL_LABELS = {
    "count_projects": "counted projects",
    "count_activities": "activities since level start",
    "distinct_counterparts": "distinct counterparts",
    "max_projects_in_one_domain": "most projects in one domain",
    "distinct_project_domains": "project domains",
    "max_proficiency": "best proficiency",
    "last_rating": "last rating",
    "others_promoted_instead": "teammates promoted out of this level first",
}


def _describe_filters(filters: dict) -> str:
    parts = []
    for key, value in filters.items():
        if key.endswith("_at_least"):
            parts.append(f"{key.removesuffix('_at_least')} >= {value}")
        elif isinstance(value, list):
            parts.append(f"{key} {'/'.join(value)}")
        else:
            parts.append(key if value else f"not {key}")
    return ", ".join(parts)


def describe_signal(signal: Signal) -> str:
    """A short human label of a signal, e.g. 'counted projects (role lead/owner, scope >= project)'."""
    detail = _describe_filters(signal.filters)
    if signal.any_of:
        alternatives = " or ".join(_describe_filters(g) for g in signal.any_of)
        detail = f"{detail}, {alternatives}" if detail else alternatives
    if signal.skills:
        detail = "/".join(signal.skills)
    label = SIGNAL_LABELS[signal.kind]
    return f"{label} ({detail})" if detail else label


def _write_rubric_tables(con: duckdb.DuckDBPyConnection, rubric: Rubric) -> None:
    con.execute(sql_text("transforms.score", "rubric_tables"))
    con.executemany(
        "insert into rubric_tracks values (?, ?, ?)",
        [(t.id, t.scored, t.not_scored_reason) for t in rubric.tracks],
    )
    criteria = [
        (p.from_level, p.to_level, c.id, i, c.title, c.target, c.weight, c.remedy, c.signal.source_kind)
        for p in rubric.promotions
        for i, c in enumerate(p.criteria)
    ]
    if criteria:
        con.executemany("insert into rubric_criteria values (?, ?, ?, ?, ?, ?, ?, ?, ?)", criteria)
    symptoms = [(s.level, s.id, i, s.title, list(s.remedies)) for i, s in enumerate(rubric.symptoms)]
    if symptoms:
        con.executemany("insert into rubric_symptoms values (?, ?, ?, ?, ?)", symptoms)


CRITERION_MEASURES_SHAPE = ("select ''::varchar as employee_id, ''::varchar as criterion_id, 0::double as measured, "
                            "[]::varchar[] as evidence_row_ids where false")
SYMPTOM_HITS_SHAPE = "select ''::varchar as employee_id, ''::varchar as symptom_id, ''::varchar as evidence where false"


def criterion_measure_queries(rubric: Rubric) -> list[str]:
    """One query per criterion of every promotion, each measuring it for every engineer it applies to."""
    return [
        sql_text("transforms.score", "criterion_measure", criterion_id=sql_literal(c.id),
                 from_level=sql_literal(p.from_level), signal=compile_signal(c.signal))
        for p in rubric.promotions
        for c in p.criteria
    ]


def _condition_sql(alias: str, cond: Condition) -> str:
    value = f"coalesce({alias}.value, 0)" if cond.signal.kind in ZERO_WHEN_ABSENT else f"{alias}.value"
    checks = []
    if cond.at_least is not None:
        checks.append(f"{value} >= {float(cond.at_least)!r}")
    if cond.at_most is not None:
        checks.append(f"{value} <= {float(cond.at_most)!r}")
    return " and ".join(checks)


def symptom_hit_queries(rubric: Rubric, kinds_loaded: set[str]) -> list[str]:
    """One query per symptom whose source exports were loaded, finding the engineers who show it."""
    parts = []
    for s in rubric.symptoms:
        if any(c.signal.source_kind not in kinds_loaded for c in s.when):
            continue  # not measurable: never raise a symptom on missing data
        joins, conditions, evidence = [], [], []
        for i, cond in enumerate(s.when, start=1):
            alias = f"c{i}"
            joins.append(f"left join ({compile_signal(cond.signal)}) as {alias} using (employee_id)")
            conditions.append(_condition_sql(alias, cond))
            value = f"coalesce({alias}.value, 0)" if cond.signal.kind in ZERO_WHEN_ABSENT else f"{alias}.value"
            evidence.append(f"{sql_literal(describe_signal(cond.signal) + ' = ')} || cast({value} as bigint)")
        parts.append(
            sql_text(
                "transforms.score", "symptom_hit",
                symptom_id=sql_literal(s.id),
                level=sql_literal(s.level),
                joins="\n".join(joins),
                conditions="\n  and ".join(conditions),
                evidence=" || '; ' || ".join(evidence),
            )
        )
    return parts


def materialize(con: duckdb.DuckDBPyConnection, table: str, shape: str, queries: list[str], params: dict) -> None:
    """Temp table `table` (columns of `shape`) holding the rows of every query, inserted one query at a time.

    One statement per query, not one UNION ALL: DuckDB runs a union's aggregates side by side and
    their list states do not spill, so the union needs memory for all of them at once (at 1,000,000
    engineers it failed under a 2 GB limit; at 100,000 it needs over 200 MB, one at a time under 100 MB).
    """
    con.execute(f"create or replace temp table {table} as\n{shape}")
    for query in queries:
        con.execute(f"insert into {table}\n{query}", {k: v for k, v in params.items() if f"${k}" in query} or None)


def _kinds_loaded(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Temp table kinds_loaded(kind, loaded): export kinds with any clean rows (the others are "not measured")."""
    rows = [(k, con.execute(f"select exists (select 1 from clean_{k})").fetchone()[0]) for k in KINDS]
    con.execute("create or replace temp table kinds_loaded (kind varchar, loaded boolean)")
    con.executemany("insert into kinds_loaded values (?, ?)", rows)
    return {k for k, loaded in rows if loaded}


def score(con: duckdb.DuckDBPyConnection, rubric: Rubric, run_id: str, as_of: date) -> ScoreSummary:
    """Score every active employee for `run_id` and store readiness, criteria and symptoms."""
    if not model_is_current(con, rubric, as_of):  # a model of another date or rubric would score silently wrong
        raise RuntimeError(f"the model tables were not built for {as_of} and this rubric: run build_model first")
    _write_rubric_tables(con, rubric)
    loaded = _kinds_loaded(con)
    con.execute("create or replace temp table score_population as\n" + sql_text("transforms.score", "score_population"))
    params = {"as_of": as_of}
    materialize(con, "criterion_measures", CRITERION_MEASURES_SHAPE, criterion_measure_queries(rubric), params)
    materialize(con, "symptom_hits", SYMPTOM_HITS_SHAPE, symptom_hit_queries(rubric, loaded), params)

    for table in ("readiness", "readiness_criteria", "readiness_symptoms"):
        con.execute(f"delete from {table} where run_id = ?", [run_id])
    con.execute(f"insert into readiness_criteria by name\n{sql_text('transforms.score', 'readiness_criteria')}", {"run_id": run_id})
    con.execute(f"insert into readiness_symptoms by name\n{sql_text('transforms.score', 'readiness_symptoms')}", {"run_id": run_id})
    st = rubric.statuses
    con.execute(sql_text("transforms.score", "status_rule"))
    con.execute(
        f"insert into readiness by name\n{sql_text('transforms.score', 'readiness')}",
        {
            "run_id": run_id,
            "ready_score": st.ready_score,
            "watch_months_before_ceiling": st.watch_months_before_ceiling,
            "watch_low_score": st.watch_low_score,
        },
    )
    by_status = dict(con.execute("select status, count(*) from readiness where run_id = ? group by status", [run_id]).fetchall())
    counts = con.execute(
        "select (select count(*) from readiness where run_id = $r), (select count(*) from readiness_criteria where run_id = $r),"
        " (select count(*) from readiness_symptoms where run_id = $r)",
        {"r": run_id},
    ).fetchall()[0]
    return ScoreSummary(
        run_id=run_id,
        as_of=as_of,
        employees=counts[0],
        by_status={s: by_status.get(s, 0) for s in STATUSES},
        criteria_rows=counts[1],
        symptom_rows=counts[2],
        kinds_measured=tuple(k for k in EVIDENCE_KINDS if k in loaded),
    )
