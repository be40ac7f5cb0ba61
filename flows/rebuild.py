"""`readiness rebuild`: the warehouse re-derived from the raw archive, then swapped in.

Thin wiring over transforms.rebuild: load every archived file again (same names, order
and load times) into a new file beside the warehouse, give back the rejected-files list,
run validation, scoring and reports on it like any run, and swap it in with one rename.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.pipeline import RunResult, readiness_pipeline
from transforms import rebuild, warehouse
from transforms.config import Settings
from transforms.files import private_dir


@task(name="reload-archive", cache_policy=NO_CACHE)
def reload_archive_task(target: Path, archived: list, settings: Settings, inbox: Path) -> int:
    con = warehouse.connect(target)
    try:
        return rebuild.reload_archive(con, archived, settings, inbox)
    finally:
        con.close()


@flow(name="rebuild-warehouse", log_prints=False)
def rebuild_flow(settings: Settings) -> tuple[RunResult, int, Path | None]:
    """Rebuild settings.db from settings.archive; returns the run, the files reloaded and the backup kept."""
    archived = rebuild.archived_files(settings.archive, settings.db)
    target = rebuild.rebuild_path(settings.db)
    rebuild.discard(target)
    with tempfile.TemporaryDirectory(prefix=".rebuild-", dir=private_dir(Path(settings.db).parent)) as work:
        inbox = private_dir(Path(work) / "inbox")
        rebuilt = settings.with_overrides(db=target, inbox=inbox, archive=settings.archive, rejected=settings.rejected)
        reload_archive_task(target, archived, rebuilt, inbox)
        result = readiness_pipeline.fn(rebuilt, trigger="rebuild")
    backup = rebuild.swap_in(target, settings.db)
    return result, len(archived), backup
