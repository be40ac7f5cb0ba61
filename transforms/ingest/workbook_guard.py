"""Pre-parse safety check of an XLSX file: hostile workbooks are refused before any XML parser
sees them.

Only the zip central directory and the prolog of each XML part (read in bounded chunks) are
looked at, so a check costs milliseconds and a few MB whatever the file claims to hold:
- an OLE/CFB container (an encrypted workbook or an old .xls) by its magic bytes;
- a zip bomb by each member's declared size and compression ratio, and the total;
- DOCTYPE / ENTITY declarations (billion laughs, external entities) in any XML part;
- macros (vbaProject.bin), links to other workbooks (externalLinks/) and data connections.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from transforms.ingest.errors import FileRejected

CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
# Excel's own exports compress 5-30:1; a bomb of repeated bytes compresses about 1000:1.
MAX_RATIO = 100
RATIO_MIN_BYTES = 1 << 20              # tiny members (styles, rels) may compress better
# ~2 million cells of sheet XML; a bigger export belongs in CSV or Parquet.
MAX_TOTAL_BYTES = 512 << 20
MAX_MEMBERS = 10_000
# The prolog (declaration, comments) before the root element; Excel writes ~60 bytes.
MAX_PROLOG_CHARS = 1 << 20
CHUNK_BYTES = 64 << 10
XML_SUFFIXES = (".xml", ".rels", ".vml")
_ROOT_START = re.compile(r"<[A-Za-z_]")
_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
SAVE_AS_XLSX = "open it in Excel and save it as a plain .xlsx (Excel Workbook)"


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB"


def _check_container(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == CFB_MAGIC:
        raise FileRejected(
            "is an encrypted (password-protected) or old binary Excel file, not an .xlsx workbook",
            f"remove the password, then {SAVE_AS_XLSX}",
        )
    if not head.startswith(ZIP_MAGIC):
        raise FileRejected("is not an XLSX workbook (its bytes are not a zip archive)", "export it again as .xlsx")


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise FileRejected(f"holds {len(members):,} zip members (limit {MAX_MEMBERS:,})", SAVE_AS_XLSX)
    names = {m.filename.lower() for m in members}
    if "xl/workbook.xml" not in names:
        raise FileRejected("is a zip archive but not an Excel workbook (no xl/workbook.xml)", "export it again as .xlsx")
    if any(n.endswith("vbaproject.bin") for n in names):
        raise FileRejected("contains macros (vbaProject.bin)", f"{SAVE_AS_XLSX}, which drops the macros")
    if any(n.startswith("xl/externallinks/") for n in names):
        raise FileRejected("links to other workbooks (external links)", "paste the linked values in as values, then save it again")
    if "xl/connections.xml" in names:
        raise FileRejected("pulls data through an external data connection", "paste the data in as values, then save it again")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise FileRejected(
                f"is a zip bomb: {member.filename} would inflate from {_megabytes(member.compress_size)} to "
                f"{_megabytes(member.file_size)} (ratio {ratio:,.0f}:1, limit {MAX_RATIO}:1)",
                "do not open it; export the data again from the source system",
            )
    if total > MAX_TOTAL_BYTES:
        raise FileRejected(
            f"would inflate to {_megabytes(total)} (limit {_megabytes(MAX_TOTAL_BYTES)} for a workbook)",
            "export it as CSV or Parquet instead",
        )


def _text_decoder(head: bytes):
    """UTF-16 by its BOM or by '<' followed by a zero byte; UTF-8 otherwise (XML's own rule)."""
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace")
    if head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace")
    return codecs.getincrementaldecoder("utf-8")(errors="replace")


def prolog_problem(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> str | None:
    """What is wrong with the part's prolog (a DOCTYPE or ENTITY declaration, no end), else None."""
    prolog, decoder = "", None
    with archive.open(member) as fh:
        while chunk := fh.read(CHUNK_BYTES):
            decoder = decoder or _text_decoder(chunk[:2])
            prolog += decoder.decode(chunk)
            root = _ROOT_START.search(prolog)
            found = _DECLARATION.search(prolog, 0, root.start() if root else len(prolog))
            if found:
                return f"a {found.group(1).upper()} declaration (XML entities)"
            if root:
                return None
            if len(prolog) > MAX_PROLOG_CHARS:
                return f"no root element in the first {MAX_PROLOG_CHARS:,} characters"
    return None


def check_workbook(path: Path) -> None:
    """Raise FileRejected (reason and fix) when `path` is not a plain, safe .xlsx workbook."""
    path = Path(path)
    if path.suffix.lower() == ".xlsm":
        raise FileRejected("is a macro-enabled workbook (.xlsm)", f"{SAVE_AS_XLSX}, which drops the macros")
    _check_container(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members)
            for member in members:
                if member.filename.lower().endswith(XML_SUFFIXES):
                    if member.flag_bits & 0x1:
                        raise FileRejected(f"has an encrypted part ({member.filename})", f"remove the password, then {SAVE_AS_XLSX}")
                    if problem := prolog_problem(archive, member):
                        raise FileRejected(
                            f"has {problem} in its XML part {member.filename}, which Excel never writes",
                            "do not open it; export the data again from the source system",
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise FileRejected(f"is a damaged zip archive ({exc})", "export it again as .xlsx") from None
