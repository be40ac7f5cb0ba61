"""The pipeline's triggers: its deployment parameters, the export-landed event trigger and the calendar schedules.

Shared by `readiness serve` and `readiness deploy` (ops/), so both register the same
deployment.
"""

from __future__ import annotations

from pathlib import Path

from flows.calendar_schedule import schedule_specs
from flows.inbox_watcher import EVENT_NAME
from transforms.config import Settings


def deployment_parameters(settings: Settings) -> dict:
    """The flow's parameters as JSON: absolute paths, so runs do not depend on a working directory."""
    params = {
        "inbox": str(Path(settings.inbox).resolve()),
        "db": str(Path(settings.db).resolve()),
        "reports": str(Path(settings.reports).resolve()),
        "archive": str(Path(settings.archive).resolve()),
        "rejected": str(Path(settings.rejected).resolve()),
        "rubric": str(Path(settings.rubric).resolve()),
        "config": str(Path(settings.config_file).resolve()),
    }
    if settings.as_of is not None:
        params["as_of"] = settings.as_of.isoformat()
    return params


def export_landed_trigger(deployment_name: str):
    """Run the deployment once per `readiness.export.landed` event from this deployment's watcher."""
    from prefect.events import DeploymentEventTrigger

    return DeploymentEventTrigger(
        name=f"{deployment_name}: export landed",
        expect={EVENT_NAME},
        match={"prefect.resource.id": "readiness.export.*", "readiness.deployment": deployment_name},
        parameters={"trigger": "event"},
    )


def calendar_schedules(settings: Settings) -> list:
    """Prefect schedules for the calibration calendar (and the weekly refresh when configured)."""
    from prefect.schedules import RRule

    return [
        RRule(spec.rrule, timezone=spec.timezone, slug=spec.slug, parameters={"trigger": "schedule"})
        for spec in schedule_specs(settings.calendar, str(settings.config_file))
    ]
