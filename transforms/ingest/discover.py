"""Which inbox files are exports, in which order, and what their names say (kind, date)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from transforms.contract import KINDS

# .xlsm is taken in so that the workbook guard can refuse it with a reason, not leave it unseen.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet"}
# Kinds in load order after the people snapshots; longest names first so prefixes cannot clash.
_PREFIX_ORDER = sorted(KINDS, key=len, reverse=True)
_PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".download")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")


def file_format(path: Path) -> str | None:
    """'csv' | 'xlsx' | 'parquet' from the suffix (any case), None for anything else."""
    return FORMATS.get(Path(path).suffix.lower())


def kind_from_name(path: Path) -> str | None:
    """The export kind a file name starts with (people_, projects_, ...), None when it names none."""
    stem = Path(path).stem.lower()
    for kind in _PREFIX_ORDER:
        if stem == kind or (stem.startswith(kind) and stem[len(kind)] in "_- ."):
            return kind
    return None


def date_from_name(path: Path) -> date | None:
    """A calendar date written in the file name (2026-10-31 or 20261031), None when there is none."""
    stem = Path(path).stem
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        for match in pattern.finditer(stem):
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def _is_candidate(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.startswith("~$") or not path.is_file():
        return False  # hidden files and Excel lock files (~$people.xlsx)
    if name.endswith(".reason.txt") or name.endswith(_PARTIAL_SUFFIXES):
        return False
    return file_format(path) is not None


def _load_order(path: Path) -> tuple:
    kind = kind_from_name(path)
    if kind == "people":
        snapshot = date_from_name(path)
        # dated snapshots oldest first; undated ones after them (their date is inside the file)
        return (0, snapshot is None, snapshot or date.min, path.name)
    return (1, list(KINDS).index(kind) if kind else len(KINDS), date.min, path.name)


def discover_files(inbox: Path) -> list[Path]:
    """Export files waiting in `inbox`: people snapshots first by date, then the other kinds, then by name."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        return []
    return sorted((p for p in inbox.iterdir() if _is_candidate(p)), key=_load_order)
