"""Every file uses the contract's column names, except job history's declared Workday variant."""

from __future__ import annotations

import csv

from transforms.config import normalise_header
from transforms.contract import KINDS
from demo.csv_out import WORKDAY_JOB_HISTORY


def _header(path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def test_contract_headers(small_org):
    manifest, _ = small_org
    for f in manifest.files:
        if f.kind != "job_history":
            assert f.header == "contract"
            assert _header(manifest.out_dir / f.name) == list(KINDS[f.kind].names), f.name


def test_job_history_uses_workday_headers_that_configuration_maps_back(small_org, settings):
    manifest, _ = small_org
    f = manifest.file("job_history")
    header = _header(manifest.out_dir / f.name)
    assert f.header == "workday"
    assert header == ["Employee ID", "Effective Date", "Job Level", "Worker's Manager ID", "Business Title", "Reason"]
    aliases = settings.aliases_for("job_history")
    assert [aliases[normalise_header(h)] for h in header] == list(KINDS["job_history"].names)
    assert set(WORKDAY_JOB_HISTORY) == set(KINDS["job_history"].names)


def test_snapshot_dates_for_the_runner(small_org):
    manifest, _ = small_org
    assert [d.isoformat() for d in manifest.snapshot_dates] == ["2026-04-30", "2026-10-31"]
