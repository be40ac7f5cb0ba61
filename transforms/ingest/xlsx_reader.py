"""XLSX exports into the staging tables through python-calamine (DuckDB's Excel extension
would need the network). Cells become text the way a person reads them: real date cells as
ISO dates (1900 and 1904 systems; Excel's non-existent 1900-02-29 stays that text, see
excel_dates), whole numbers without '.0'. The sheet row number is the source line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pyarrow as pa
from python_calamine import CalamineWorkbook

from transforms.ingest.errors import FileRejected
from transforms.ingest.excel_dates import FICTITIOUS_LEAP_DAY, reads_as_serial_59_or_60, serial_60_cells


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    header_row: int                              # 1-based sheet row of the header
    rows: list[tuple[int, list[str | None]]]     # (sheet row, cells) of every non-empty row after it
    blank_rows: int


def cell_text(value) -> str | None:
    """One cell as text: None for empty, ISO for dates, '1001' for 1001.0, 'true'/'false' for booleans."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in order."""
    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception as exc:  # calamine raises its own types for zip/xml damage
        raise FileRejected(f"is not a readable XLSX workbook ({exc})", "open it in Excel and save it again as .xlsx") from None


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The named sheet (else the first): its header row (the first non-empty row) and the rows after it."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for zip/xml damage
        raise FileRejected(f"is not a readable XLSX workbook ({exc})", "open it in Excel and save it again as .xlsx") from None
    names = workbook.sheet_names
    if sheet is not None and sheet not in names:
        raise FileRejected(f"has no sheet named {sheet!r} (sheets: {', '.join(names)})", "name one of those sheets")
    if not names:
        raise FileRejected("has no sheets", "export the data again")
    cells = (workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)).to_python(skip_empty_area=False)
    texts = [[cell_text(v) for v in row] for row in cells]
    if any(reads_as_serial_59_or_60(v) for row in cells for v in row):
        for r, c in serial_60_cells(path, sheet or names[0]):
            if r < len(cells) and c < len(cells[r]) and reads_as_serial_59_or_60(cells[r][c]):
                texts[r][c] = FICTITIOUS_LEAP_DAY
    nonempty = [i for i, row in enumerate(texts) if any(v is not None for v in row)]
    if not nonempty:
        raise FileRejected("is empty (no cells in the sheet)", "export the data again")
    first = nonempty[0]
    header = [v or "" for v in texts[first]]
    while header and header[-1] == "":
        header.pop()
    rows, blank = [], 0
    for index in range(first + 1, len(texts)):
        row = texts[index]
        if any(v is not None for v in row):
            rows.append((index + 1, row))
        else:
            blank += 1
    return Sheet(header, first + 1, rows, blank)


def _raw_text(cells: list[str | None]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if v is None else v for v in cells])
    return out.getvalue()


def stage_sheet(con, sheet: Sheet) -> int:
    """Fill `_ingest_stage` / `_ingest_stage_rejects`; returns the data records (non-empty rows)."""
    width = len(sheet.header)
    good, rejects = [], []
    for row_number, cells in sheet.rows:
        extra = [v for v in cells[width:] if v is not None]
        if extra:
            rejects.append((row_number, _raw_text(cells), f"has {len(extra)} value(s) in columns without a header"))
        else:
            good.append((row_number, cells[:width] + [None] * (width - len(cells))))
    columns = {"source_line": pa.array([r for r, _ in good], pa.int64())}
    for i in range(width):
        columns[f"c{i}"] = pa.array([cells[i] for _, cells in good], pa.string())
    con.register("_ingest_chunk", pa.table(columns))
    con.execute("create or replace temp table _ingest_parsed as select * from _ingest_chunk")
    con.unregister("_ingest_chunk")
    con.execute("create or replace temp view _ingest_stage as select * from _ingest_parsed")
    if rejects:
        con.executemany("insert into _ingest_stage_rejects values (?, ?, ?)", rejects)
    return len(sheet.rows)
