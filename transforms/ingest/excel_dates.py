"""Excel's 29 February 1900, which never was: serial 60 in the 1900 date system (Lotus 1-2-3's
leap-year bug, kept by Excel). python-calamine reads it as 1900-02-28, the same day as serial 59,
so a date cell reading 1900-02-28 is looked up in the sheet XML and serial 60 is loaded as the
text Excel shows, '1900-02-29', which no date format reads: validation quarantines it instead of
loading a day that is off by one. The 1904 system has no such day; calamine reads it exactly.

Only called after workbook_guard has refused DOCTYPE/ENTITY declarations and zip bombs.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

FICTITIOUS_LEAP_DAY = "1900-02-29"
_SAME_READING = date(1900, 2, 28)       # calamine's reading of both serial 59 and serial 60
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def reads_as_serial_59_or_60(value) -> bool:
    """True for a cell value calamine gives for Excel serial 59 or 60 (with or without a time)."""
    if isinstance(value, datetime):
        return value.date() == _SAME_READING
    return isinstance(value, date) and value == _SAME_READING


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding `sheet_name`, None for a 1904-system workbook (no such day there)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    props = workbook.find(f"{_MAIN}workbookPr")
    if props is not None and props.get("date1904", "0").lower() in ("1", "true"):
        return None
    rel_id = next(
        (s.get(f"{_REL}id") for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == sheet_name), None
    )
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship") if r.get("Id") == rel_id), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def serial_60_cells(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), 0-based from A1, of the numeric cells holding serial 60.x in a 1900-system sheet."""
    found = set()
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet_name)
        if part is None:
            return found
        with archive.open(part) as fh:
            for _, element in ElementTree.iterparse(fh):
                if element.tag != f"{_MAIN}c":
                    continue
                value = element.find(f"{_MAIN}v")
                if element.get("t", "n") == "n" and value is not None and 60 <= float(value.text) < 61:
                    letters, row = _CELL_REF.fullmatch(element.get("r")).groups()
                    found.add((int(row) - 1, _column_index(letters)))
                element.clear()
    return found
