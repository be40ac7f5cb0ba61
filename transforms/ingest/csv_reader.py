"""CSV exports into the staging tables: DuckDB's reader when its result is proven whole, else an
exact record-by-record parse.

Fast path: DuckDB's read_csv (all text, strict quoting). Its result is trusted only when the
proof holds: no record rejected, and parsed records plus the line breaks inside their quoted
fields account for every physical line of the file. Then source lines are a running sum
(set-based, no Python per row). Anything else (malformed records, blank lines, an unterminated
quote that makes DuckDB lose rows silently) takes the exact path: Python's csv module with
physical line numbers, which rejects malformed records one by one and reopens parsing on the
line after a quote that never closes. Both paths fill `_ingest_stage` (source_line, c0..cN)
and `_ingest_stage_rejects` (source_line, raw_text, reason).
"""

from __future__ import annotations

import csv
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from transforms.ingest.bytescan import ByteScan
from transforms.sql_files import sql_text

DELIMITERS = (",", ";", "\t", "|")
EXACT_CHUNK_ROWS = 200_000
# A quoted field this long means a quote that never closed, not a real HR value.
MAX_FIELD_CHARS = 131_072


@dataclass(frozen=True)
class CsvParse:
    records: int        # data records (loaded + rejected); blank lines are not records
    blank_lines: int    # empty lines skipped between or after records
    method: str         # duckdb | exact


def field_names(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def read_header(path: Path) -> tuple[list[str], str]:
    """The first record of a UTF-8 CSV and its delimiter (the candidate most frequent in line 1)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        first_line = fh.readline()
        delim = max(DELIMITERS, key=first_line.count) if first_line.strip() else ","
        fh.seek(0)
        row = next(csv.reader(fh, delimiter=delim), [])
    if row and row[0].startswith("\ufeff"):
        row[0] = row[0][1:]
    return row, delim


def _newlines_expr(width: int) -> str:
    parts = [
        f"(case when contains(c{i}, chr(10)) then length(c{i}) - length(replace(c{i}, chr(10), '')) else 0 end)"
        for i in range(width)
    ]
    return " + ".join(parts) if parts else "0"


def _drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    for name in ("_ingest_stage",):
        con.execute(f"drop view if exists {name}")
    for name in ("_ingest_parsed", "_ingest_csv_errors", "_ingest_csv_scans"):
        con.execute(f"drop table if exists {name}")


def _duckdb_parse(con, path: Path, delim: str, width: int, scan: ByteScan) -> CsvParse | None:
    """Stage with DuckDB's reader; None when the line proof fails (the caller goes exact)."""
    _drop_temp(con)
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in field_names(width)) + "}"
    try:
        con.execute(sql_text("transforms.ingest", "sql/csv_parsed", columns=columns), {"path": str(path), "delim": delim})
    except duckdb.Error:
        return None  # e.g. a record over DuckDB's line-size limit: the exact path reports it
    errors = con.execute("select count(*) from _ingest_csv_errors").fetchone()[0]
    if scan.has_quote:
        records, embedded = con.execute(sql_text("transforms.ingest", "sql/csv_line_counts", newlines_in_record=_newlines_expr(width))).fetchone()
    else:  # no quote in the file, so no field holds a line break: skip the scan of every field
        records, embedded = con.execute("select count(*) from _ingest_parsed").fetchone()[0], 0
    data_lines = scan.physical_lines - 1 - scan.trailing_blank_lines  # minus the header line
    if errors or records + embedded != data_lines:
        return None
    fields = ", ".join(field_names(width))
    model = "sql/csv_stage" if embedded else "sql/csv_stage_simple"
    con.execute(sql_text("transforms.ingest", model, newlines_in_record=_newlines_expr(width), fields=fields))
    return CsvParse(records=records, blank_lines=scan.trailing_blank_lines, method="duckdb")


class _LineSource:
    """Lines fed to csv.reader one at a time, remembering those of the record being read."""

    def __init__(self, fh):
        self._fh = fh
        self.pending: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.pending.popleft() if self.pending else next(self._fh)
        self.taken.append(line)
        return line


def _exact_parse(con, path: Path, delim: str, width: int, scan: ByteScan) -> CsvParse:
    """Stage record by record with Python's csv module, every physical line accounted for."""
    _drop_temp(con)
    names = field_names(width)
    con.execute(
        "create or replace temp table _ingest_parsed as select null::bigint as source_line, "
        + ", ".join(f"null::varchar as {n}" for n in names)
        + " limit 0"
    )
    rows: list[list[str]] = []
    lines_seen: list[int] = []
    rejects: list[tuple[int, str, str]] = []
    records = blank = 0
    line_no = 2  # physical line the next record starts on; the header is line 1

    def flush() -> None:
        if not rows:
            return
        table = pa.table(
            {"source_line": pa.array(lines_seen, pa.int64()), **{n: pa.array([r[i] for r in rows], pa.string()) for i, n in enumerate(names)}}
        )
        con.register("_ingest_chunk", table)
        con.execute("insert into _ingest_parsed select * from _ingest_chunk")
        con.unregister("_ingest_chunk")
        rows.clear()
        lines_seen.clear()

    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS))
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            source = _LineSource(fh)
            next(source)  # the header line; read_header parsed it already
            source.taken.clear()
            reader = csv.reader(source, delimiter=delim, strict=True)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    row, error = None, str(exc)
                taken = source.taken
                if row is not None and not row and len(taken) == 1:
                    blank += 1
                    line_no += 1
                elif row is not None and len(row) == width:
                    rows.append(row)
                    lines_seen.append(line_no)
                    records += 1
                    line_no += len(taken)
                elif row is not None:
                    rejects.append((line_no, "".join(taken), f"has {len(row)} fields where the header has {width}"))
                    records += 1
                    line_no += len(taken)
                elif error.startswith(("unexpected end of data", "field larger than field limit")):
                    # A quote that never closes: only its own line is the bad record; the lines
                    # it swallowed are parsed again from the next line on.
                    rejects.append((line_no, taken[0], "a quote opened on this line is never closed"))
                    records += 1
                    line_no += 1
                    source.pending.extendleft(reversed(taken[1:]))
                    reader = csv.reader(source, delimiter=delim, strict=True)
                else:
                    rejects.append((line_no, "".join(taken), f"malformed quoting ({error})"))
                    records += 1
                    line_no += len(taken)
                source.taken = []
                if len(rows) >= EXACT_CHUNK_ROWS:
                    flush()
            flush()
    finally:
        csv.field_size_limit(limit)
    # Line proof: the header, every record's lines and the blank lines are all the file's lines.
    if line_no - 1 != scan.physical_lines:
        raise RuntimeError(f"{path.name}: parsed {line_no - 1} of {scan.physical_lines} physical lines")
    if rejects:
        con.executemany("insert into _ingest_stage_rejects values (?, ?, ?)", rejects)
    con.execute("create or replace temp view _ingest_stage as select * from _ingest_parsed")
    return CsvParse(records=records, blank_lines=blank, method="exact")


def stage_csv(con, path: Path, width: int, delim: str, scan: ByteScan, force_exact: bool = False) -> CsvParse:
    """Fill `_ingest_stage` / `_ingest_stage_rejects` from a UTF-8 CSV whose header has `width` fields."""
    parsed = None if force_exact else _duckdb_parse(con, path, delim, width, scan)
    if parsed is None:
        parsed = _exact_parse(con, path, delim, width, scan)
    return parsed
