"""Reading the warehouse for the reports: every query is a .sql file beside this module."""

from __future__ import annotations

import duckdb

from transforms.sql_files import sql_text


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    """Rows of sql/<name>.sql run with named parameters, as dicts."""
    cur = con.execute(sql_text("transforms.report", f"sql/{name}"), params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Column names of a table or view in the main schema; empty when it does not exist."""
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main'",
        [table],
    ).fetchall()
    return {r[0] for r in rows}
