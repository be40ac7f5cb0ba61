"""One export file into the warehouse: ledger by sha256, staged rows, one transaction, archive.

Policy (see README.md beside this module):
- The same bytes again, under any name, load nothing ('duplicate').
- A file is loaded in one transaction with its ledger row. Its raw bytes are copied into the
  archive in the same read that hashes them, parsed from that copy (so what loads is exactly
  what was hashed and archived), and the copy is put under its sha256 name before the commit.
  After the commit the inbox file is removed: the archive holds it unchanged, and an inbox
  that only holds new files is what the `watch` trigger needs. A duplicate is removed too (its bytes are in the archive).
- A file that cannot be read is moved to the rejected folder with `<name>.reason.txt` and a
  `rejected_files` row; ingest_file returns status 'rejected' and raises nothing for it. This
  holds for any exception a reader raises on the file's bytes, and workbooks pass a pre-parse
  safety check first (workbook_guard), so a hostile file is refused alone and the run goes on.
- Unexpected failures (disk, database) roll the file back and propagate: nothing is half-loaded
  and the file stays in the inbox for the next run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from transforms import crashpoints
from transforms.config import Settings
from transforms.contract import KINDS
from transforms.ingest import archive as archiving
from transforms.ingest.content_kind import foreign_content, not_a_spreadsheet_problem
from transforms.ingest.bytescan import scan_bytes, text_encoding, transcode_to_utf8
from transforms.ingest.csv_reader import read_header, stage_csv
from transforms.ingest.discover import date_from_name, discover_files, file_format, kind_from_name
from transforms.ingest.errors import FileRejected
from transforms.ingest.headers import HeaderMap, kind_from_header, map_header
from transforms.ingest.parquet_reader import parquet_columns, stage_parquet
from transforms.ingest.text_dates import check_text_dates, raw_date_sql, read_date_sql
from transforms.ingest.workbook_guard import check_workbook
from transforms.ingest.xlsx_reader import Sheet, read_sheet, sheet_names, stage_sheet
from transforms.rebuild import now_utc, write_record
from transforms.sql_files import sql_text

AS_OF_FIX = "add an as_of column, put the date in the file name (people_2026-10-31.csv), or pass --as-of"


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one inbox file."""

    path: Path
    sha256: str | None
    kind: str | None
    status: str                 # loaded | duplicate | rejected
    rows_loaded: int
    rows_rejected: int
    physical_lines: int         # data records in the file (header and blank lines excluded)
    snapshot_as_of: date | None
    reason: str | None          # one line: file, problem, fix
    reason_file: Path | None = None  # a rejected file's <name>.reason.txt beside it in the rejected folder

    def explained(self) -> str:
        """The one console line of a rejected file: name, problem, fix, and where its reason file is."""
        where = f" (reason file: {self.reason_file})" if self.reason_file else ""
        return f"{self.reason}{where}"


@dataclass(frozen=True)
class _Staged:
    kind: str
    header: HeaderMap
    records: int


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _choose_kind(path: Path, headers: list[str], settings: Settings) -> HeaderMap:
    """The kind (file name prefix first, else the header) and the header mapped onto it."""
    if not any(h.strip() for h in headers):
        raise FileRejected("has no header row", "put the column names in the first row")
    kind = kind_from_name(path) or kind_from_header(headers, settings)
    if kind is None:
        raise FileRejected(
            f"is no known export: neither its name nor its header ({', '.join(headers[:8])}) matches one",
            f"start the name with one of {', '.join(k + '_' for k in KINDS)} or add the header variants "
            "under [header_aliases] in the config",
        )
    mapped = map_header(headers, kind, settings)
    if mapped.repeated:
        raise FileRejected(
            f"has the same column twice: {'; '.join(mapped.repeated)}",
            "keep one of them (if they disagree, find out which is right) and export it again",
        )
    if mapped.missing:
        unknown = [h for h in mapped.ignored if h.strip()][:8]
        raise FileRejected(
            f"is a {kind} export without the required column(s) {', '.join(mapped.missing)}"
            + (f" (headers not recognised: {', '.join(unknown)})" if unknown else ""),
            "add them, or map your header names to them under [header_aliases] in the config",
        )
    return mapped


def _export_sheet(path: Path, sheet: str | None, settings: Settings) -> tuple[Sheet, HeaderMap]:
    """The sheet asked for, else the first sheet whose header is a known export (a title page is skipped)."""
    if sheet is not None:
        data = read_sheet(path, sheet)
        return data, _choose_kind(path, data.header, settings)
    names = sheet_names(path)
    problems: list[FileRejected] = []
    for name in names:
        try:
            data = read_sheet(path, name)
            return data, _choose_kind(path, data.header, settings)
        except FileRejected as exc:
            problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    listed = ", ".join(f"'{n}'" for n in names)
    raise FileRejected(
        f"has no sheet that holds a known export (sheets: {listed}; the first {problems[0].problem})",
        f"name the sheet to read with sheet = \"{names[-1]}\" under [ingest] in the config, "
        "or move the export to the first sheet",
    )


def _stage(con, path: Path, fmt: str, scan, settings: Settings, workdir: Path, sheet: str | None) -> _Staged:
    """Parse the file into `_ingest_stage` / `_ingest_stage_rejects`; raises FileRejected."""
    con.execute(
        "create or replace temp table _ingest_stage_rejects (source_line bigint, raw_text varchar, reason varchar)"
    )
    if fmt == "csv":
        encoding = text_encoding(scan, path, settings.fallback_encodings)
        if encoding is None:
            raise FileRejected(
                f"is not text in UTF-8 or any of {', '.join(settings.fallback_encodings)}",
                "save it as CSV UTF-8 or add its encoding to ingest.fallback_encodings",
            )
        text_path, text_scan = path, scan
        if encoding not in ("utf-8", "utf-8-sig"):
            text_path = transcode_to_utf8(path, encoding, workdir / "utf8.csv")
            text_scan = scan_bytes(text_path)
        headers, delim = read_header(text_path)
        if not any(h.strip() for h in headers):
            raise FileRejected("is empty (no header row)", "export the data again")
        mapped = _choose_kind(path, headers, settings)
        parsed = stage_csv(con, text_path, len(headers), delim, text_scan)
        return _Staged(mapped.kind, mapped, parsed.records)
    if fmt == "xlsx":
        check_workbook(path)  # before any XML parser sees the file
        sheet_data, mapped = _export_sheet(path, sheet or settings.sheet or None, settings)
        return _Staged(mapped.kind, mapped, stage_sheet(con, sheet_data))
    columns = parquet_columns(con, path)
    mapped = _choose_kind(path, [name for name, _ in columns], settings)
    return _Staged(mapped.kind, mapped, stage_parquet(con, path, columns))


def _read(con, path: Path, fmt: str, scan, settings: Settings, workdir: Path, sheet: str | None) -> _Staged:
    """_stage, with any failure of a reader on this one file turned into its rejection."""
    try:
        return _stage(con, path, fmt, scan, settings, workdir, sheet)
    except FileRejected:
        raise
    except Exception as exc:  # a parser's own error on hostile or damaged bytes: this file only
        detail = " ".join(str(exc).split())[:200]
        raise FileRejected(
            f"could not be read ({type(exc).__name__}: {detail})", "open it, save it again and put it back in the inbox"
        ) from None


def snapshot_date(con, staged: _Staged, path: Path, as_of: date | None,
                  date_pins: dict[int, tuple[str, ...]]) -> tuple[date, str]:
    """A people file's as-of date and where it came from: column, else file_name, else option."""
    index = next((i for i, c in staged.header.columns.items() if c == "as_of"), None)
    if index is not None:
        value = f"nullif(trim(c{index}), '')"
        values = [
            r[0]
            for r in con.execute(
                f"select distinct coalesce({read_date_sql(value, date_pins.get(index, ()))}, {value}) as v "
                f"from _ingest_stage where {value} is not null order by v limit 3"
            ).fetchall()
        ]
        if len(values) > 1:
            raise FileRejected(
                f"has more than one date in its as_of column ({', '.join(values)})",
                "a snapshot has one as-of date: split the file by date or correct the column",
            )
        if values:
            try:
                return date.fromisoformat(values[0]), "column"
            except ValueError:
                raise FileRejected(f"has an as_of value {values[0]!r} that is not a date", "write it as YYYY-MM-DD") from None
    if (named := date_from_name(path)) is not None:
        return named, "file_name"
    if as_of is not None:
        return as_of, "option"
    raise FileRejected("is a people snapshot without an as-of date", AS_OF_FIX)


def _write(con, path: Path, fmt: str, sha256: str, staged: _Staged, copy: archiving.ArchiveCopy,
           snapshot: tuple[date, str] | None, date_pins: dict[int, tuple[str, ...]],
           loaded_at: datetime) -> tuple[int, int]:
    """Raw rows, rejected records, archive copy and ledger row, in one transaction."""
    columns = ",\n        ".join(
        f"{raw_date_sql(f'c{i}', date_pins.get(i, ()))} as {_quote(canonical)}"
        for i, canonical in sorted(staged.header.columns.items())
    )
    snapshot_sql = "$snapshot_as_of::date as snapshot_as_of,\n        " if staged.kind == "people" else ""
    lineage = {"sha256": sha256, "source_file": path.name}
    raw_params = {**lineage, "sha_prefix": sha256[:16]}
    if snapshot:
        raw_params["snapshot_as_of"] = snapshot[0]
    con.begin()
    try:
        sql = sql_text("transforms.ingest", "sql/raw_rows", kind=staged.kind, snapshot=snapshot_sql, columns=columns)
        loaded = con.execute(sql, raw_params).fetchone()[0]
        crashpoints.reached("ingest.rows_inserted")
        con.execute(sql_text("transforms.ingest", "sql/ingest_rejects"), lineage)
        rejected = con.execute("select count(*) from _ingest_stage_rejects").fetchone()[0]
        # Nothing lost: every data record is loaded or rejected with a reason, never neither.
        if loaded + rejected != staged.records:
            raise RuntimeError(
                f"{path.name}: {staged.records} records but {loaded} loaded + {rejected} rejected; nothing was committed"
            )
        archived = copy.keep(sha256)
        # what a rebuild needs to load it again as it was loaded now (transforms/rebuild.py)
        write_record(archived, original_name=path.name, kind=staged.kind, snapshot_as_of=snapshot and snapshot[0],
                     as_of_source=snapshot and snapshot[1], loaded_at=loaded_at)
        crashpoints.reached("ingest.archived")
        con.execute(
            sql_text("transforms.ingest", "sql/ingest_files"),
            {
                "sha256": sha256,
                "kind": staged.kind,
                "original_name": path.name,
                "archived_path": str(archived),
                "file_format": fmt,
                "snapshot_as_of": snapshot[0] if snapshot else None,
                "as_of_source": snapshot[1] if snapshot else None,
                "physical_lines": staged.records,
                "rows_loaded": loaded,
                "rows_rejected": rejected,
                "ignored_columns": list(staged.header.ignored),
                "loaded_at": loaded_at,
            },
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return loaded, rejected


def _drop_staging(con) -> None:
    con.execute("drop view if exists _ingest_stage")
    for table in ("_ingest_parsed", "_ingest_stage_rejects", "_ingest_csv_errors", "_ingest_csv_scans"):
        con.execute(f"drop table if exists {table}")


def _reject(con, path: Path, sha256: str | None, kind: str | None, settings: Settings, exc: FileRejected) -> FileOutcome:
    reason = " ".join(f"{path.name}: {exc.problem}; {exc.fix}".split())  # one line, whatever the parts held
    target = archiving.rejected_target(path, settings.rejected, sha256)
    # recorded first, then moved: a crash in between leaves the file in the inbox, and the
    # retry finds its row already there (a crash after the move would lose the row)
    con.execute(
        "insert into rejected_files select $sha256, $name, $moved, $reason, current_timestamp "
        "where not exists (select 1 from rejected_files where file_sha256 is not distinct from $sha256 "
        "and original_name = $name)",
        {"sha256": sha256, "name": path.name, "moved": str(target), "reason": reason},
    )
    crashpoints.reached("ingest.rejected")
    moved = archiving.move_aside(path, target, reason)
    return FileOutcome(path, sha256, kind, "rejected", 0, 0, 0, None, reason,
                       moved.with_name(moved.name + ".reason.txt"))


def _duplicate(con, path: Path, sha256: str, copy: archiving.ArchiveCopy) -> FileOutcome | None:
    row = con.execute(
        "select kind, original_name, physical_lines, snapshot_as_of from ingest_files where file_sha256 = $sha256",
        {"sha256": sha256},
    ).fetchone()
    if row is None:
        return None
    kind, original, records, snapshot = row
    copy.keep(sha256)  # the archive's own copy stays; this one is put there only if it was missing
    path.unlink()
    reason = f"{path.name}: same bytes as {original}, already loaded; nothing to do (removed from the inbox)"
    return FileOutcome(path, sha256, kind, "duplicate", 0, 0, records, snapshot, reason)


def ingest_file(con: duckdb.DuckDBPyConnection, path: Path, settings: Settings, as_of: date | None = None,
                sheet: str | None = None, loaded_at: datetime | None = None) -> FileOutcome:
    """Load one export (CSV, XLSX or Parquet; `sheet` names an XLSX sheet, default the first).

    `loaded_at` is the ledger's load time (now, unless a rebuild gives the recorded one).
    """
    path = Path(path)
    fmt = file_format(path)
    copy = archiving.ArchiveCopy(path, settings.archive)
    try:
        try:
            scan = scan_bytes(path, sink=copy.write)
        finally:
            copy.close()
        if (duplicate := _duplicate(con, path, scan.sha256, copy)) is not None:
            return duplicate
        return _load(con, path, fmt, scan, copy, settings, as_of, sheet, loaded_at)
    finally:
        copy.discard()  # nothing is left in the archive's incoming folder, whatever happened


def _load(con, path: Path, fmt: str | None, scan, copy: archiving.ArchiveCopy, settings: Settings,
          as_of: date | None, sheet: str | None, loaded_at: datetime | None) -> FileOutcome:
    """A new file (not a duplicate): parsed from its archive copy, loaded or rejected."""
    kind = kind_from_name(path)
    try:
        if fmt is None:
            raise FileRejected("is not a CSV, XLSX or Parquet file", "export it in one of those formats")
        if scan.size == 0:
            raise FileRejected("is empty (0 bytes)", "export the data again")
        if (what := foreign_content(copy.path, fmt)) is not None:
            raise FileRejected(*not_a_spreadsheet_problem(what, fmt))
        with tempfile.TemporaryDirectory(prefix="ingest-") as workdir:
            # the copy has the file's own name: kinds, dates in names and messages read the same
            staged = _read(con, copy.path, fmt, scan, settings, Path(workdir), sheet)
            kind = staged.kind
            if staged.records == 0:
                raise FileRejected("has a header but no data rows", "export it again with its rows, or delete it")
            date_pins = check_text_dates(con, staged.header, path, settings)
            snapshot = snapshot_date(con, staged, path, as_of, date_pins) if kind == "people" else None
            crashpoints.reached("ingest.parsed")
            loaded, rejected = _write(con, path, fmt, scan.sha256, staged, copy, snapshot, date_pins,
                                      loaded_at or now_utc())
    except FileRejected as exc:
        return _reject(con, path, scan.sha256, kind, settings, exc)
    finally:
        _drop_staging(con)
    crashpoints.reached("ingest.committed")
    path.unlink()  # committed and archived byte for byte: the inbox copy has done its job
    reason = None if not rejected else f"{path.name}: {rejected} record(s) could not be parsed; see ingest_rejects"
    return FileOutcome(path, scan.sha256, kind, "loaded", loaded, rejected, staged.records,
                       snapshot[0] if snapshot else None, reason)


LoadFile = Callable[[duckdb.DuckDBPyConnection, Path, Settings, "date | None"], FileOutcome]


def ingest_inbox(con: duckdb.DuckDBPyConnection, settings: Settings, as_of: date | None = None,
                 load_file: LoadFile = ingest_file) -> list[FileOutcome]:
    """Ingest every export waiting in settings.inbox, in discover_files order: the one way runs load the inbox.

    `load_file(con, path, settings, as_of)` loads one file: ingest_file itself, or a wrapper that
    calls it (the flows pass a per-file Prefect task, with retries and progress lines).
    """
    archiving.remove_stale(settings.archive)
    return [load_file(con, path, settings, as_of) for path in discover_files(settings.inbox)]
