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


def stage(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run sql/<name>.sql once into the temp table report_<name> (its rows in the file's order)."""
    con.execute(f"create or replace temp table report_{name} as {sql_text('transforms.report', f'sql/{name}')}", params)


def staged_batch(con: duckdb.DuckDBPyConnection, name: str, batch_no: int) -> list[dict]:
    """The rows of report_<name> (see `stage`) of one batch, in their staged order, as dicts.

    A staged query orders its rows by batch_no first, so a batch is a few contiguous row groups
    that DuckDB finds by their min/max statistics instead of scanning the whole table.
    """
    cur = con.execute(f"select * exclude (batch_no) from report_{name} where batch_no = ?", [batch_no])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def drop_staged(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    for name in names:
        con.execute(f"drop table if exists report_{name}")
