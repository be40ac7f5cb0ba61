"""The DuckDB warehouse: opening it owner-only and creating the shared tables."""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.contract import KINDS
from transforms.files import make_private, private_dir
from transforms.sql_files import sql_text


def raw_table_ddl(kind: str) -> str:
    """DDL of raw_<kind>: lineage columns plus every contract column as text."""
    lineage = [
        # Unique by construction ('<sha256 prefix>:<line>', each file loaded once by the ledger); no
        # PRIMARY KEY: its index costs a third of ingest and memory that grows with the org.
        "row_id varchar not null",
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
    con.execute(sql_text("transforms", "sql/schema"))
    for kind in KINDS:
        con.execute(raw_table_ddl(kind))


def apply_limits(con: duckdb.DuckDBPyConnection, limits, db_path: Path) -> None:
    """DuckDB's memory limit, threads and spill folder from [warehouse] (transforms.config.WarehouseLimits)."""
    if limits.memory_limit:
        con.execute(f"set memory_limit = '{limits.memory_limit}'")
    if limits.threads:
        con.execute(f"set threads = {int(limits.threads)}")
    temp = limits.temp_directory or Path(f"{db_path}.tmp")
    con.execute("set temp_directory = ?", [str(temp)])


def connect(db_path: Path | str, read_only: bool = False, limits=None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file, owner-only, with the schema in place.

    `limits` (a transforms.config.WarehouseLimits) bounds DuckDB's memory and threads.
    """
    if str(db_path) == ":memory:":
        con = duckdb.connect(":memory:")
        ensure_schema(con)
        return con
    path = Path(db_path)
    private_dir(path.parent)
    con = duckdb.connect(str(path), read_only=read_only)
    if limits is not None:
        apply_limits(con, limits, path)
    if not read_only:
        ensure_schema(con)
        make_private(path)
    return con
