"""Owner-only file writing: HR data is readable by its owner and nobody else."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it owner-only, whatever the umask."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write a file readable and writable by its owner only, creating its folder."""
    path = Path(path)
    private_dir(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    os.chmod(path, FILE_MODE)
    return path


def make_private(path: Path) -> None:
    """Restrict an existing file or folder to its owner."""
    os.chmod(path, DIR_MODE if Path(path).is_dir() else FILE_MODE)
