"""Moving files out of the inbox: the immutable archive copy and the rejected corner."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from transforms.files import FILE_MODE, make_private, private_dir, write_private

CHUNK_BYTES = 16 * 1024 * 1024


def archive_path(archive: Path, sha256: str, source: Path) -> Path:
    """Where the raw bytes of a file are kept: <archive>/<sha256><suffix>."""
    return Path(archive) / f"{sha256}{Path(source).suffix.lower()}"


def archive_copy(source: Path, sha256: str, archive: Path) -> Path:
    """Copy `source` byte for byte into the archive (owner-only), proving the copy by its sha256."""
    target = archive_path(archive, sha256, source)
    private_dir(target.parent)
    if target.exists() and target.stat().st_size == Path(source).stat().st_size:
        return target  # a copy from an earlier attempt that crashed before its commit
    partial = target.with_name(f".{target.name}.part")
    digest = hashlib.sha256()
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(CHUNK_BYTES):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    if digest.hexdigest() != sha256:
        partial.unlink()
        raise OSError(f"{Path(source).name}: changed while it was being archived; leave it in the inbox for the next run")
    os.replace(partial, target)
    return target


def rejected_target(source: Path, rejected: Path, sha256: str | None) -> Path:
    """Where an unreadable file goes: <rejected>/<name>, or <name>.<sha256 prefix> when that is taken."""
    target = Path(rejected) / Path(source).name
    if target.exists():  # an earlier file of the same name: keep both
        target = target.with_name(f"{target.stem}.{(sha256 or 'unknown')[:12]}{target.suffix}")
    return target


def move_aside(source: Path, target: Path, reason: str) -> Path:
    """Move an unreadable file to `target` (see rejected_target) with `<name>.reason.txt` beside it."""
    private_dir(target.parent)
    shutil.move(str(source), target)
    make_private(target)
    write_private(target.with_name(target.name + ".reason.txt"), reason + "\n")
    return target
