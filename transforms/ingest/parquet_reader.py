"""Parquet exports into the staging view: every typed column cast to text, no row can be malformed."""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.ingest.errors import FileRejected
from transforms.sql_files import sql_literal, sql_text


def _as_text(column: str, type_: str) -> str:
    """SQL rendering one column as text the way a CSV export would show it."""
    col = '"' + column.replace('"', '""') + '"'
    t = type_.upper()
    if t == "DATE":
        return f"strftime({col}, '%Y-%m-%d')"
    if t.startswith("TIMESTAMP"):
        return (
            f"case when {col}::time = time '00:00:00' then strftime({col}::date, '%Y-%m-%d') "
            f"else cast({col}::timestamp as varchar) end"
        )
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return f"case when {col} = trunc({col}) and abs({col}) < 1e15 then cast({col}::bigint as varchar) else cast({col} as varchar) end"
    return f"cast({col} as varchar)"


def parquet_columns(con, path: Path) -> list[tuple[str, str]]:
    """(name, DuckDB type) of every column of the file; rejects a file DuckDB cannot open."""
    try:
        return [(r[0], r[1]) for r in con.execute("describe select * from read_parquet($path)", {"path": str(path)}).fetchall()]
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise FileRejected(f"is not a readable Parquet file ({first})", "export it again") from None


def stage_parquet(con, path: Path, columns: list[tuple[str, str]]) -> int:
    """Define `_ingest_stage` over the file; returns its row count (all rows are records)."""
    fields = ", ".join(f"nullif({_as_text(name, type_)}, '') as c{i}" for i, (name, type_) in enumerate(columns))
    # A view cannot take parameters: the path goes in as an escaped literal.
    con.execute(sql_text("transforms.ingest", "sql/parquet_stage", fields=fields).replace("$path", sql_literal(path)))
    return con.execute("select count(*) from _ingest_stage").fetchone()[0]
