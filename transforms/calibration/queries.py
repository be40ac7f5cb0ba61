"""Reading the warehouse for the committee pack: every query is a .sql file in transforms/calibration/sql."""

from __future__ import annotations

import duckdb

from transforms.sql_files import sql_text


def rows(con: duckdb.DuckDBPyConnection, name: str, parts: dict[str, str] | None = None, **params) -> list[dict]:
    """Rows of sql/<name>.sql (placeholders filled from `parts`) run with named parameters, as dicts."""
    text = sql_text("transforms.calibration", f"sql/{name}", **(parts or {}))
    cur = con.execute(text, {k: v for k, v in params.items() if f"${k}" in text})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a main-schema table or view in order; empty when it does not exist."""
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main' order by ordinal_position",
        [table],
    ).fetchall()]


def quote_ident(name: str) -> str:
    """A double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
