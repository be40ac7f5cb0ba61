"""The model stage: roster, org tree, time in level and the evidence that counts.

`build_model(con, rubric, as_of)` rebuilds these tables from the clean_* tables:
rubric_levels, roster, level_tenure, org_tree, evidence_projects, evidence_activities,
evidence_skills, and model_info (the as-of date and rubric they were built for).
"""

from __future__ import annotations

from datetime import date

import duckdb

from transforms.contract import clean_tables_ddl
from transforms.rubric import Rubric
from transforms.sql_files import sql_text

# Built in this order: each reads only the tables before it.
MODELS = ("roster", "level_tenure", "org_tree", "evidence_projects", "evidence_activities", "evidence_skills")


def rubric_level_rows(rubric: Rubric) -> list[tuple]:
    """One row per rubric level, in the column order of rubric_levels.sql."""
    rows = []
    for lv in rubric.levels:
        promo = rubric.promotion(lv.id) if lv.scored else None
        reason = lv.not_scored_reason if not lv.scored else (None if promo else "no next level in the ladder")
        rows.append((
            lv.id, lv.title, lv.track, lv.rank, promo is not None, reason,
            promo.to_level if promo else None,
            promo.accelerated.min if promo else None, promo.accelerated.max if promo else None,
            promo.realistic.min if promo else None, promo.realistic.max if promo else None,
        ))
    return rows


def build_model(con: duckdb.DuckDBPyConnection, rubric: Rubric, as_of: date) -> None:
    """Rebuild the model tables for `as_of` from the clean_* tables and the rubric."""
    con.execute(clean_tables_ddl())
    con.execute(sql_text("transforms.model", "rubric_levels"))
    con.executemany("insert into rubric_levels values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rubric_level_rows(rubric))
    values = {"as_of": as_of, "project_statuses": list(rubric.evidence.project_statuses),
              "skill_sources": list(rubric.evidence.skill_sources)}
    for name in MODELS:
        text = sql_text("transforms.model", name)
        params = {k: v for k, v in values.items() if f"${k}" in text} or None
        con.execute(f"create or replace table {name} as\n{text}", params)
    con.execute("create or replace table model_info as select ?::date as as_of, ? as rubric_sha256", [as_of, rubric.sha256])


def model_is_current(con: duckdb.DuckDBPyConnection, rubric: Rubric, as_of: date) -> bool:
    """Whether model_info says the model tables were built for this as-of date and rubric."""
    try:
        rows = con.execute("select as_of, rubric_sha256 from model_info").fetchall()
    except duckdb.CatalogException:
        return False
    return len(rows) == 1 and rows[0][0] == as_of and rows[0][1] == rubric.sha256
