"""Workbooks built from code for the defect corpus: a plain roster and its hostile variants.

Nothing binary is committed: each builder writes its file in a second or less. The zip bomb
is real (its sheet inflates to 1 GiB of spaces) but costs 1 MB on disk: one deflate block of
1 MiB of spaces, byte-aligned by a full flush, repeated 1024 times.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path

import openpyxl

ROSTER_HEADER = ["employee_id", "name", "manager_id", "level", "team", "hire_date"]
ROSTER_ROWS = [
    ["E1", "Ann Lee", None, "Senior", "ML", date(2019, 4, 1)],
    ["E2", "Bo Chen", "E1", "Mid", "ML", date(2022, 9, 15)],
]
SHEET = "xl/worksheets/sheet1.xml"
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def workbook_bytes(header=ROSTER_HEADER, rows=ROSTER_ROWS, date_1904: bool = False, number_format: str | None = None) -> bytes:
    """A plain one-sheet .xlsx; `number_format` is applied to every numeric cell (e.g. serial dates)."""
    workbook = openpyxl.Workbook()
    if date_1904:
        workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = "Roster"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        if number_format:
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = number_format
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _deflated_bomb(inflated_mib: int) -> tuple[bytes, int, int]:
    """Raw deflate data of a sheet part holding `inflated_mib` MiB of spaces, its CRC-32 and size."""
    prefix = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    suffix = b"</sheetData></worksheet>"
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)  # the same bytes after every full flush
    tail = compressor.compress(suffix) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(inflated_mib):
        crc = zlib.crc32(chunk, crc)
    return head + block * inflated_mib + tail, zlib.crc32(suffix, crc), len(prefix) + len(chunk) * inflated_mib + len(suffix)


def zip_bomb_bytes(inflated_mib: int = 1024) -> bytes:
    """A roster workbook whose sheet part inflates to `inflated_mib` MiB (written by hand: zipfile
    cannot store data that is already deflated)."""
    members = members_of(workbook_bytes())
    members.pop(SHEET)
    out = io.BytesIO(zip_bytes(members))
    with zipfile.ZipFile(out) as archive:
        entries = [(info, archive.open(info).read()) for info in archive.infolist()]
    data, crc, size = _deflated_bomb(inflated_mib)
    body, central = io.BytesIO(), io.BytesIO()
    records = [(i.filename.encode(), zlib.compress(d, 6)[2:-4], zlib.crc32(d), len(d)) for i, d in entries]
    records.append((SHEET.encode(), data, crc, size))
    for name, deflated, crc32, inflated in records:
        offset = body.tell()
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc32, len(deflated), inflated, len(name), 0))
        body.write(name + deflated)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc32, len(deflated),
                                  inflated, len(name), 0, 0, 0, 0, 0, offset) + name)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records), central.tell(), body.tell(), 0)
    return body.getvalue() + central.getvalue() + end


HOSTILE_WORKBOOKS = frozenset({
    "people_billion_laughs.xlsx", "people_entity_in_shared_strings.xlsx", "people_zip_bomb.xlsx",
    "people_macros.xlsm", "people_macros_renamed.xlsx", "people_external_links.xlsx", "people_encrypted.xlsx",
})


def hostile_workbooks(folder: Path) -> dict[str, Path]:
    """Every hostile workbook of the corpus, written into `folder`, by case name."""
    folder.mkdir(parents=True, exist_ok=True)
    base = members_of(workbook_bytes())
    cases = {
        "people_billion_laughs.xlsx": zip_bytes({**base, SHEET: BILLION_LAUGHS.encode()}),
        "people_entity_in_shared_strings.xlsx": zip_bytes(
            {**base, "xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst/>'}
        ),
        "people_zip_bomb.xlsx": zip_bomb_bytes(),
        "people_macros.xlsm": zip_bytes({**base, "xl/vbaProject.bin": os.urandom(2048)}),
        "people_macros_renamed.xlsx": zip_bytes({**base, "xl/vbaProject.bin": os.urandom(2048)}),
        "people_external_links.xlsx": zip_bytes(
            {**base, "xl/externalLinks/externalLink1.xml": b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'}
        ),
        # An encrypted OOXML workbook is an OLE compound file (CFB) holding the encrypted package.
        "people_encrypted.xlsx": bytes.fromhex("d0cf11e0a1b11ae1") + os.urandom(4088),
    }
    assert set(cases) == HOSTILE_WORKBOOKS
    paths = {}
    for name, data in cases.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths
