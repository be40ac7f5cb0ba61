"""How the text dates of one file are read: ISO or an unambiguous form, or a format pinned in
the configuration for its source; day-first and month-first are never guessed.

At ingest, before anything is written: a file whose date columns hold values that only read
under an unpinned format (01/03/2020) is rejected, naming the column, an example and the key
to set. Values in a pinned format are loaded as ISO text, so validation reads every file of a
kind with the same unambiguous formats. A value no format reads ('soon') is left as it is, for
validation to quarantine.
"""

from __future__ import annotations

from pathlib import Path

from transforms.config import Settings
from transforms.contract import KINDS, UNAMBIGUOUS_DATE_FORMATS
from transforms.ingest.errors import FileRejected
from transforms.ingest.headers import HeaderMap
from transforms.sql_files import sql_literal

# Day-first / month-first pairs: what an unreadable value is matched against to explain the fix.
AMBIGUOUS_PAIRS = tuple(
    (f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}") for year in ("%Y", "%y") for sep in "/.-"
)


def _list(formats: tuple[str, ...]) -> str:
    return "[" + ", ".join(sql_literal(f) for f in formats) + "]"


def iso_date_sql(value_sql: str, formats: tuple[str, ...]) -> str:
    """SQL: the value as YYYY-MM-DD when one of `formats` reads it with a year from 1000 on
    (DuckDB's %Y takes '20' as the year 20), else NULL."""
    parsed = f"try_strptime({value_sql}, {_list(formats)})"
    return f"case when year({parsed}) >= 1000 then strftime({parsed}, '%Y-%m-%d') end"


def read_date_sql(value_sql: str, pinned: tuple[str, ...]) -> str:
    """SQL: the value as YYYY-MM-DD in an unambiguous format, else in a pinned one, else NULL."""
    unambiguous = iso_date_sql(value_sql, UNAMBIGUOUS_DATE_FORMATS)
    return f"coalesce({unambiguous}, {iso_date_sql(value_sql, pinned)})" if pinned else unambiguous


def raw_date_sql(column: str, pinned: tuple[str, ...]) -> str:
    """SQL for a staged date column: as delivered, or ISO when the file has pinned formats."""
    if not pinned:
        return f"nullif({column}, '')"
    return f"coalesce({read_date_sql(f'trim({column})', pinned)}, nullif({column}, ''))"


def date_columns(header: HeaderMap) -> dict[int, str]:
    """Source column index -> canonical name, for the kind's date columns present in the file."""
    dates = {c.name for c in KINDS[header.kind].columns if c.type == "date"}
    return {i: name for i, name in sorted(header.columns.items()) if name in dates}


def _pin_advice(key: str, kind_or_pattern: str, formats: tuple[str, ...]) -> str:
    choices = " or ".join(f'{kind_or_pattern} = ["{f}"]' for f in formats)
    return f"set {key} {choices} in the config (whichever your source writes), or export ISO dates (YYYY-MM-DD)"


def _unread_sql(value_sql: str, pinned: tuple[str, ...]) -> str:
    """SQL: a non-empty value that no unambiguous and no pinned format reads. A value shaped like
    an ISO date is read by ISO or by nothing (every day/month format starts with one or two
    digits and a separator), so a cheap pattern test spares it the date parsers."""
    iso_shaped = f"regexp_full_match({value_sql}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"
    return (f"case when {iso_shaped} then false "
            f"else nullif({value_sql}, '') is not null and {read_date_sql(value_sql, pinned)} is null end")


def _first_misread(con, column: int, unread: str) -> tuple[str, tuple[str, ...]] | None:
    """The first value of the column that an unpinned day/month format reads, and those formats."""
    value = f"trim(c{column})"
    readers = [fmt for pair in AMBIGUOUS_PAIRS for fmt in pair]
    flags = ", ".join(f"{iso_date_sql(value, (fmt,))} is not null" for fmt in readers)
    row = con.execute(
        f"select {value}, {flags} from _ingest_stage where {unread} "
        f"and ({' or '.join(f'{iso_date_sql(value, (fmt,))} is not null' for fmt in readers)}) "
        "order by source_line limit 1"
    ).fetchone()
    if row is None:
        return None
    return row[0], tuple(fmt for fmt, reads in zip(readers, row[1:]) if reads)


def check_text_dates(con, header: HeaderMap, path: Path, settings: Settings) -> dict[int, tuple[str, ...]]:
    """Source column index -> the pinned formats to load it with; raises FileRejected when a date
    column holds values that only an unpinned format reads."""
    columns = date_columns(header)
    if not columns:
        return {}
    pinned, key, pin_name = settings.pinned_date_formats_for(path.name, header.kind)
    unread = {i: _unread_sql(f"trim(c{i})", pinned) for i in columns}
    # One pass over the file for every date column; the slower search runs only where needed.
    counts = con.execute(
        "select " + ", ".join(f"count(*) filter (where {cond})" for cond in unread.values()) + " from _ingest_stage"
    ).fetchone()
    for (i, cond), count in zip(unread.items(), counts):
        misread = _first_misread(con, i, cond) if count else None
        if misread is None:
            continue  # nothing, or only values no date format reads: validation quarantines those rows
        example, readers = misread
        if pinned:
            why = f"are not in the format pinned for it ({', '.join(pinned)})"
        elif len(readers) > 1:
            why = "could be day-first or month-first, which is never guessed"
        else:
            why = f"are in a format that is not pinned ({readers[0]})"
        problem = f"has dates in column {columns[i]} like {example!r} that {why}"
        raise FileRejected(problem, _pin_advice(key, pin_name, readers))
    return {i: pinned for i in columns} if pinned else {}
