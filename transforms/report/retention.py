"""Old run folders do not fill the disk: keep the newest `keep_runs`, never the one `latest` points at."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pruned:
    """What pruning removed: run folders and the bytes their files held."""

    runs: list[str]
    bytes_freed: int


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def runs_to_remove(run_folders: list[tuple[str, float]], latest: str | None, keep_runs: int) -> list[str]:
    """Names of the complete run folders beyond the newest `keep_runs` ((name, finished at) pairs), never `latest`."""
    newest_first = sorted(run_folders, key=lambda r: (r[1], r[0]), reverse=True)
    kept = {latest} if latest else set()
    for name, _ in newest_first:
        if len(kept) >= keep_runs:
            break
        kept.add(name)
    return [name for name, _ in newest_first if name not in kept]


def prune_runs(reports_dir: Path, keep_runs: int) -> Pruned:
    """Remove the oldest complete run folders of reports_dir/runs beyond `keep_runs`.

    Only complete runs count: a folder a run is still writing is hidden (".tmp-<run>") until it
    is complete, and hidden folders are never touched. A folder's age is when it became complete.
    """
    runs = Path(reports_dir) / "runs"
    if not runs.is_dir():
        return Pruned([], 0)
    latest_link = Path(reports_dir) / "latest"
    latest = os.path.basename(os.readlink(latest_link)) if latest_link.is_symlink() else None
    folders = [(p.name, p.stat().st_mtime) for p in runs.iterdir()
               if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]
    removed, freed = [], 0
    for name in runs_to_remove(folders, latest, keep_runs):
        folder = runs / name
        size = _folder_bytes(folder)
        shutil.rmtree(folder)
        removed.append(name)
        freed += size
    return Pruned(removed, freed)
