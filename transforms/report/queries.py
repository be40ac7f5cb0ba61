"""Reading the warehouse for the reports: every query is a .sql file beside this module."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    """Rows of sql/<name>.sql run with named parameters, as dicts."""
    cur = con.execute((SQL_DIR / f"{name}.sql").read_text(), params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Column names of a table or view in the main schema; empty when it does not exist."""
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main'",
        [table],
    ).fetchall()
    return {r[0] for r in rows}
