"""v_export_dates: the date each loaded file was exported, the limit of the not-after checks.

A row may not be dated after its own file's export date. Comparing with the run's as-of
date instead would quarantine planned work and, on a historical run (`--as-of` before the
newest exports), every later row; scoring ignores evidence dated after the run's as-of date.
"""

from __future__ import annotations

from datetime import date

import duckdb

from transforms.ingest.discover import date_from_name


def export_date(kind: str, original_name: str, snapshot_as_of: date | None, as_of: date) -> date:
    """People: the snapshot's as-of date; other kinds: the date in the file name; else the run's as-of date."""
    if kind == "people" and snapshot_as_of is not None:
        return snapshot_as_of
    if kind != "people":
        return date_from_name(original_name) or as_of
    return as_of


def write_export_dates(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    """Temp table v_export_dates(file_sha256, export_date): one row per file in ingest_files."""
    files = con.execute("select file_sha256, kind, original_name, snapshot_as_of from ingest_files").fetchall()
    con.execute("create or replace temp table v_export_dates (file_sha256 varchar primary key, export_date date not null)")
    if files:  # a few hundred files at most: computed once each, in Python
        con.executemany("insert into v_export_dates values (?, ?)",
                        [(sha, export_date(kind, name, snapshot, as_of)) for sha, kind, name, snapshot in files])
