"""CSV files written by DuckDB from Arrow batches: streamed, quoted only where needed, owner-only."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from transforms.files import make_private

# The job history export uses Workday's headers, so header mapping is exercised.
WORKDAY_JOB_HISTORY = {
    "employee_id": "Employee ID",
    "effective_date": "Effective Date",
    "level": "Job Level",
    "manager_id": "Worker's Manager ID",
    "job_title": "Business Title",
    "change_reason": "Reason",
}


def write_csv(path: Path, tables: Iterable[pa.Table], header: dict[str, str] | None = None) -> int:
    """Stream `tables` (same columns) into a UTF-8 CSV at `path`; returns the data rows written.

    The file appears under its name only when complete (written as a hidden .part, then renamed).
    """
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    counted = [0]
    stream = iter(tables)
    first = _renamed(next(stream), header)

    def batches() -> Iterator[pa.RecordBatch]:
        for table in _chain(first, (_renamed(t, header) for t in stream)):
            counted[0] += len(table)
            yield from table.cast(first.schema).to_batches(max_chunksize=256_000)

    reader = pa.RecordBatchReader.from_batches(first.schema, batches())
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")
        con.execute("set preserve_insertion_order = true")  # rows in generation order: byte-identical reruns
        con.register("demo_rows", reader)
        target = str(part).replace("'", "''")
        con.execute(f"copy demo_rows to '{target}' (format csv, header true)")
    finally:
        con.close()
    make_private(part)
    os.replace(part, path)
    return counted[0]


def _renamed(table: pa.Table, header: dict[str, str] | None) -> pa.Table:
    return table.rename_columns([header.get(c, c) for c in table.column_names]) if header else table


def _chain(first: pa.Table, rest: Iterator[pa.Table]) -> Iterator[pa.Table]:
    yield first
    yield from rest
