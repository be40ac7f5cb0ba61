"""What a file's bytes are when they cannot be the export its name says (a PNG renamed people_x.csv).

Checked on the first bytes before any reader runs, so such a file is rejected as "not a
spreadsheet at all" instead of with a puzzling header or parser message.
"""

from __future__ import annotations

from pathlib import Path

# Leading bytes of common non-export files -> what to call them.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    # Excel saves a password-protected .xlsx inside this container too.
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an encrypted (password-protected) workbook or an old binary Office file (.xls or .doc)"),
    (b"PK\x03\x04", "a zip archive (an .xlsx workbook is one)"),
    (b"PAR1", "a Parquet file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
# The signature each binary format starts with (a CSV has none, and no NUL byte in its first block).
EXPECTED = {"xlsx": b"PK\x03\x04", "parquet": b"PAR1"}
HEAD_BYTES = 4096


def foreign_content(path: Path, fmt: str) -> str | None:
    """What the file is instead of `fmt` ('a PNG image'), or None when nothing says it is something else."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if (expected := EXPECTED.get(fmt)) is not None and head.startswith(expected):
        return None
    for signature, what in SIGNATURES:
        if head.startswith(signature):
            return what
    if fmt == "csv" and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NULs
        return "binary data, not text"
    return None  # text in an .xlsx / .parquet name: the reader says what is wrong


def not_a_spreadsheet_problem(what: str, fmt: str) -> tuple[str, str]:
    """(problem, fix) of the rejection for a file whose bytes are `what`."""
    return (
        f"is not a spreadsheet at all: its bytes are {what}, not {fmt.upper()}",
        "export the data from the HR or project tool as CSV, XLSX or Parquet and put that file in the inbox",
    )
