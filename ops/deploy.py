"""Scale-out mode: register the pipeline deployment on a Prefect work pool.

Runs then execute on `prefect worker start --pool NAME` processes (process, Docker or
Kubernetes pools) against a shared Prefect server. The deployment carries the same
event trigger and calendar schedules as `readiness serve`; the code is pulled from the
project folder on the worker's machine (no image is built here).
"""

from __future__ import annotations

from pathlib import Path

from flows.triggers import calendar_schedules, deployment_parameters, export_landed_trigger
from transforms.config import PROJECT_ROOT, Settings

ENTRYPOINT = "flows/pipeline.py:readiness_deployment"


def ensure_process_pool(pool: str) -> bool:
    """Create `pool` as a process work pool when it does not exist; True if it was created."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
            return False
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
            return True


def deploy_pipeline(
    settings: Settings,
    work_pool: str,
    *,
    deployment_name: str = "readiness",
    source: Path = PROJECT_ROOT,
    create_pool: bool = True,
):
    """Register deployment, schedules and trigger on `work_pool`; returns the deployment id.

    `concurrency_limit=1`: one run at a time writes this deployment's DuckDB file. One
    deployment per business unit (its own --db, --inbox, --name) scales out across workers.
    """
    from prefect import flow
    from prefect.settings import get_current_settings

    if not get_current_settings().api.url:
        raise RuntimeError(
            "deploy needs a Prefect server: set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api) "
            "to the server your workers poll"
        )
    if create_pool:
        ensure_process_pool(work_pool)
    pipeline = flow.from_source(source=str(Path(source).resolve()), entrypoint=ENTRYPOINT)
    return pipeline.deploy(
        name=deployment_name,
        work_pool_name=work_pool,
        parameters=deployment_parameters(settings),
        schedules=calendar_schedules(settings),
        triggers=[export_landed_trigger(deployment_name)],
        concurrency_limit=1,
        build=False,
        push=False,
        print_next_steps=False,
        description="Promotion-readiness pipeline: runs on every new export and before calibration.",
    )
