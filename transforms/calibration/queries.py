"""Reading the warehouse for the committee pack: every query is a .sql file in transforms/calibration/sql."""

from __future__ import annotations

from importlib.resources import files

import duckdb


def calibration_sql(name: str, **parts: str) -> str:
    """The text of sql/<name>.sql with its double-brace placeholders filled from `parts`."""
    text = files("transforms.calibration").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")
    for key, value in parts.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def rows(con: duckdb.DuckDBPyConnection, name: str, parts: dict[str, str] | None = None, **params) -> list[dict]:
    """Rows of sql/<name>.sql (placeholders filled from `parts`) run with named parameters, as dicts."""
    text = calibration_sql(name, **(parts or {}))
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
