"""Re-deriving the warehouse from the raw archive: the recovery path for a damaged database file.

The archive keeps every loaded file byte for byte as `<sha256><suffix>`, with a small
record beside it (`<sha256><suffix>.json`: the name it landed under, its kind, the
snapshot's as-of date and where that came from, and when it was loaded). Those records
let a rebuild load the same files, under the same names, in the same order, with the
same load times; the rejected folder's `.reason.txt` files give back the rejected-files
list. The rebuilt file is written beside the warehouse and swapped in with one rename;
the previous file (and its WAL) is kept as `<warehouse>.before-rebuild`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from transforms.files import write_private


class RebuildError(RuntimeError):
    """The archive cannot give back a file of the warehouse; the message names it and the fix."""


@dataclass(frozen=True)
class ArchivedFile:
    """One archived export and what its load recorded."""

    path: Path
    sha256: str
    original_name: str
    kind: str
    snapshot_as_of: date | None
    as_of_source: str | None
    loaded_at: datetime


def record_path(archived: Path) -> Path:
    """The load record beside an archived file: `<sha256><suffix>.json`."""
    return Path(archived).with_name(Path(archived).name + ".json")


def write_record(archived: Path, *, original_name: str, kind: str, snapshot_as_of: date | None,
                 as_of_source: str | None, loaded_at: datetime) -> Path:
    """Write (or rewrite, on a retried load) the load record of an archived file."""
    record = {
        "original_name": original_name, "kind": kind,
        "snapshot_as_of": snapshot_as_of.isoformat() if snapshot_as_of else None,
        "as_of_source": as_of_source, "loaded_at": loaded_at.isoformat(),
    }
    return write_private(record_path(archived), json.dumps(record, sort_keys=True) + "\n")


def now_utc() -> datetime:
    """A load time: naive UTC, microseconds (what the ledger's timestamp column keeps)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _from_ledger(db: Path) -> dict[str, dict]:
    """Load records from a readable warehouse, for files archived before records were written."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except (duckdb.Error, OSError):
        return {}
    try:
        rows = con.execute(
            "select file_sha256, original_name, kind, snapshot_as_of, as_of_source, loaded_at from ingest_files"
        ).fetchall()
    except duckdb.Error:
        return {}
    finally:
        con.close()
    return {r[0]: {"original_name": r[1], "kind": r[2], "snapshot_as_of": r[3] and r[3].isoformat(),
                   "as_of_source": r[4], "loaded_at": r[5].isoformat()} for r in rows}


def archived_files(archive: Path, db: Path | None = None) -> list[ArchivedFile]:
    """Every archived export with its load record, in the order they were loaded."""
    archive = Path(archive)
    if not archive.is_dir():
        raise RebuildError(f"{archive}: no archive folder; pass the folder with --archive")
    ledger = None
    out = []
    for path in sorted(archive.iterdir()):
        if path.name.startswith(".") or path.suffix == ".json" or not path.is_file():
            continue  # partial copies of a crashed load, and the records themselves
        sha256 = path.name[: -len(path.suffix)] if path.suffix else path.name
        try:
            record = json.loads(record_path(path).read_text())
        except FileNotFoundError:
            ledger = _from_ledger(db) if ledger is None and db is not None and Path(db).exists() else (ledger or {})
            record = ledger.get(sha256)
            if record is None:
                raise RebuildError(
                    f"{path.name}: archived without a load record and the warehouse cannot say what it was; "
                    f"move it back into the inbox under its original name and run again"
                ) from None
        out.append(ArchivedFile(
            path=path, sha256=sha256, original_name=record["original_name"], kind=record["kind"],
            snapshot_as_of=date.fromisoformat(record["snapshot_as_of"]) if record["snapshot_as_of"] else None,
            as_of_source=record["as_of_source"], loaded_at=datetime.fromisoformat(record["loaded_at"]),
        ))
    return sorted(out, key=lambda f: (f.loaded_at, f.sha256))


def reload_archive(con: duckdb.DuckDBPyConnection, archived: list[ArchivedFile], settings, inbox: Path) -> int:
    """Load every archived file into `con` again, as it was loaded; returns the rows loaded.

    Each file is copied into `inbox` under its original name (ingest removes the copy; the
    archive is never touched) and loaded with its recorded load time and as-of date.
    """
    from transforms.ingest import ingest_file

    rows = 0
    loading = settings.with_overrides(rejected=Path(inbox).parent / "rejected")  # never the real folder
    for f in archived:
        copy = Path(shutil.copyfile(f.path, Path(inbox) / f.original_name))
        as_of = f.snapshot_as_of if f.as_of_source == "option" else None
        outcome = ingest_file(con, copy, loading, as_of, loaded_at=f.loaded_at)
        if outcome.status != "loaded":
            raise RebuildError(
                f"{f.path.name} ({f.original_name}) did not load again ({outcome.status}: {outcome.reason}); "
                "load it with the configuration it was first loaded with"
            )
        rows += outcome.rows_loaded
    con.executemany("insert into rejected_files values (?, ?, ?, ?, ?)", rejected_rows(settings.rejected))
    return rows


def rejected_rows(rejected: Path) -> list[tuple]:
    """rejected_files rows from the rejected folder: (sha256, name, moved_to, reason, rejected_at)."""
    rows = []
    for reason_file in sorted(Path(rejected).glob("*.reason.txt")) if Path(rejected).is_dir() else []:
        moved = reason_file.with_name(reason_file.name[: -len(".reason.txt")])
        reason = reason_file.read_text(encoding="utf-8").strip()
        sha256 = hashlib.sha256(moved.read_bytes()).hexdigest() if moved.is_file() else None
        rejected_at = datetime.fromtimestamp(reason_file.stat().st_mtime, timezone.utc).replace(tzinfo=None)
        rows.append((sha256, reason.split(": ", 1)[0], str(moved), reason, rejected_at))
    return rows


def rebuild_path(db: Path) -> Path:
    """Where the rebuilt warehouse is written before it is swapped in."""
    return Path(db).with_name(Path(db).name + ".rebuild")


def backup_path(db: Path) -> Path:
    """Where the previous warehouse file is kept after a rebuild."""
    return Path(db).with_name(Path(db).name + ".before-rebuild")


def discard(db: Path) -> None:
    """Remove a database file and its WAL (a leftover of an interrupted rebuild)."""
    for path in (Path(db), Path(str(db) + ".wal")):
        path.unlink(missing_ok=True)


def swap_in(rebuilt: Path, db: Path) -> Path | None:
    """Replace `db` by `rebuilt` with one rename; keep the old file and its WAL as the backup."""
    db, backup = Path(db), backup_path(db)
    kept = None
    if db.exists():
        discard(backup)
        try:
            os.link(db, backup)  # the old file stays in place until the rename below replaces it
        except OSError:
            shutil.copy2(db, backup)
        kept = backup
    wal = Path(str(db) + ".wal")
    if wal.exists():  # the old WAL must not be replayed onto the new file
        os.replace(wal, Path(str(backup) + ".wal"))
    os.replace(rebuilt, db)
    return kept
