"""One pass over a file's bytes: its sha256, its physical line count, its text encoding, and (given a
sink) a copy of them."""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 16 * 1024 * 1024
_TAIL_BYTES = 65536  # enough of the file's end to count its trailing blank lines
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ByteScan:
    sha256: str
    size: int
    newlines: int            # b'\n' bytes (a CRLF counts once)
    ends_with_newline: bool
    trailing_blank_lines: int
    utf8: bool               # the whole file decodes as UTF-8 (BOM or not)
    bom_encoding: str | None
    has_quote: bool = True   # a '"' anywhere in the file (without one no CSV field holds a line break)

    @property
    def physical_lines(self) -> int:
        """Lines in the file, the last one counted even without a final newline."""
        if self.size == 0:
            return 0
        return self.newlines + (0 if self.ends_with_newline else 1)


def _trailing_blank_lines(tail: bytes) -> int:
    """Whole lines at the end of the file holding nothing (or only a CR)."""
    lines = tail.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the final newline terminates the last line, it does not start a new one
    count = 0
    for line in reversed(lines[1:]):  # lines[0] may be cut off by the tail window
        if line.strip(b"\r") != b"":
            break
        count += 1
    return count


def scan_bytes(path: Path, sink: Callable[[bytes], object] | None = None) -> ByteScan:
    """sha256, newline count and UTF-8 validity of `path`, reading it once in large chunks.

    `sink`, when given, receives every chunk as it is hashed (the archive copy is written in the
    same pass). The digest of a chunk runs in a second thread (hashlib releases the GIL) while
    this one counts lines and checks the text; an ASCII chunk needs no UTF-8 decoding.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, newlines, size, head, tail, quote = True, 0, 0, b"", b"", False
    with open(path, "rb") as fh, ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as hasher:
        hashing = None
        while chunk := fh.read(CHUNK_BYTES):
            if hashing is not None:
                hashing.result()
            hashing = hasher.submit(digest.update, chunk)
            if sink is not None:
                sink(chunk)
            newlines += chunk.count(b"\n")
            quote = quote or b'"' in chunk
            size += len(chunk)
            head = head or chunk[:4]
            tail = (tail + chunk[-_TAIL_BYTES:])[-_TAIL_BYTES:]
            if utf8 and not (chunk.isascii() and not decoder.getstate()[0]):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if hashing is not None:
            hashing.result()
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    bom = next((enc for mark, enc in _BOMS if head.startswith(mark)), None)
    return ByteScan(
        sha256=digest.hexdigest(),
        size=size,
        newlines=newlines,
        ends_with_newline=tail.endswith(b"\n"),
        trailing_blank_lines=_trailing_blank_lines(tail),
        utf8=utf8,
        bom_encoding=bom,
        has_quote=quote,
    )


def text_encoding(scan: ByteScan, path: Path, fallbacks: tuple[str, ...]) -> str | None:
    """The encoding to read `path` with: UTF-8 (with or without BOM), UTF-16 by BOM, else the first
    fallback that decodes every byte; None when nothing does."""
    if scan.bom_encoding == "utf-16":
        candidates = ("utf-16",)
    elif scan.utf8:
        return "utf-8-sig" if scan.bom_encoding else "utf-8"
    else:
        candidates = fallbacks
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(CHUNK_BYTES):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> Path:
    """Write `path` re-encoded as UTF-8 (no BOM) to `target`, owner-only; line breaks are kept as-is."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(path, "r", encoding=encoding, newline="") as src, os.fdopen(fd, "w", encoding="utf-8", newline="") as dst:
        while text := src.read(CHUNK_BYTES // 4):
            dst.write(text.lstrip("\ufeff") if dst.tell() == 0 else text)
    return target
