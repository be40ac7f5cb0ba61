"""The DuckDB warehouse: opening it owner-only and creating the shared tables."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import duckdb

from transforms.contract import KINDS
from transforms.files import make_private, private_dir


def raw_table_ddl(kind: str) -> str:
    """DDL of raw_<kind>: lineage columns plus every contract column as text."""
    lineage = [
        "row_id varchar primary key",
        "file_sha256 varchar not null",
        "source_file varchar not null",
        "source_line bigint not null",
    ]
    if kind == "people":
        lineage.append("snapshot_as_of date")
    cols = lineage + [f'"{c}" varchar' for c in KINDS[kind].names]
    return f"create table if not exists raw_{kind} (\n    " + ",\n    ".join(cols) + "\n)"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every shared table that does not exist yet (idempotent)."""
    con.execute(files("transforms.sql").joinpath("schema.sql").read_text())
    for kind in KINDS:
        con.execute(raw_table_ddl(kind))


def connect(db_path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file, owner-only, with the schema in place."""
    if str(db_path) == ":memory:":
        con = duckdb.connect(":memory:")
        ensure_schema(con)
        return con
    path = Path(db_path)
    private_dir(path.parent)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        ensure_schema(con)
        make_private(path)
    return con
