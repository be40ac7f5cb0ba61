"""Moving files out of the inbox: the immutable archive copy and the rejected corner."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from transforms.files import FILE_MODE, make_private, private_dir, write_private

INCOMING_PREFIX = ".incoming-"  # the archive's folders of copies not yet committed


def archive_path(archive: Path, sha256: str, source: Path) -> Path:
    """Where the raw bytes of a file are kept: <archive>/<sha256><suffix>."""
    return Path(archive) / f"{sha256}{Path(source).suffix.lower()}"


class ArchiveCopy:
    """A file's bytes written into the archive in the pass that hashes them (`scan_bytes(path,
    sink=copy.write)`), so the file is read once, not twice.

    The copy sits in a private `.incoming-*` folder of the archive under the file's own name;
    the parsers read it from there, so what is loaded is exactly the bytes that were hashed and
    archived, whatever happens to the inbox file meanwhile. `close()` starts the fsync in a
    background thread (it overlaps the parse); `keep(sha256)` waits for it and moves the copy
    to `<archive>/<sha256><suffix>` before the commit; `discard()` removes it (a duplicate, a
    rejected file, a failed load). A crash leaves only an `.incoming-*` folder, which the next
    ingest removes (`remove_stale`).
    """

    def __init__(self, source: Path, archive: Path):
        self.source = Path(source)
        self.archive = Path(archive)
        self._folder = Path(tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=private_dir(self.archive)))
        self.path = self._folder / self.source.name
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        self._file = os.fdopen(fd, "wb")
        self._synced: threading.Thread | None = None
        self._error: BaseException | None = None

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)

    def _sync(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except BaseException as exc:  # noqa: BLE001 - handed to keep(), which raises it
            self._error = exc
        finally:
            self._file.close()

    def close(self) -> None:
        """Every byte written: flush, then fsync in the background."""
        self._file.flush()
        self._synced = threading.Thread(target=self._sync, name="archive-fsync", daemon=True)
        self._synced.start()

    def _wait(self) -> None:
        if self._synced is None:
            self._file.close()
        else:
            self._synced.join()

    def keep(self, sha256: str) -> Path:
        """The copy, on disk, at its archive name; the archive's own copy when it was there already."""
        self._wait()
        if self._error is not None:
            raise self._error
        target = archive_path(self.archive, sha256, self.source)
        if target.exists() and target.stat().st_size == self.path.stat().st_size:
            self.discard()  # a copy from an earlier attempt that crashed before its commit
            return target
        os.replace(self.path, target)
        self.discard()
        return target

    def discard(self) -> None:
        self._wait()
        shutil.rmtree(self._folder, ignore_errors=True)


def remove_stale(archive: Path) -> None:
    """Copies left by a load that crashed before its commit (one ingest runs at a time)."""
    if Path(archive).is_dir():
        for path in Path(archive).iterdir():
            if path.name.startswith(INCOMING_PREFIX) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.startswith(".") and path.name.endswith(".part") and path.is_file():
                path.unlink(missing_ok=True)


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
