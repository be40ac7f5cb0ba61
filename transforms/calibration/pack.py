"""The calibration committee's pack: one printable HTML file and one CSV for calibration tools, per cycle.

`write_pack(con, rubric, cycle, reports_dir, settings)` reads the newest completed run as of the
cycle date, puts together nominations, borderline cases, stuck cases, fairness and consistency
findings and observed timelines, and writes reports_dir/packs/<cycle>/ (owner-only files). It is
an org-wide view for the people team and the committee, never a manager's page.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import jinja2

from transforms.calibration.adverse_impact import ImpactTable
from transforms.calibration.consistency import ConsistencyRules, ManagerConsistency, manager_consistency
from transforms.calibration.fairness import demographic_columns, fairness_tables
from transforms.calibration.queries import rows
from transforms.calibration.retention import TeamRetention, retention_risk
from transforms.calibration.sensitivity import Flip, status_flips
from transforms.calibration.timelines import Timelines, observed_timelines, timeline_chart
from transforms.config import CalibrationSettings
from transforms.files import private_dir, write_private
from transforms.model import build_model, model_is_current
from transforms.report.ladder import level_titles
from transforms.report.pages import CSP, TEMPLATES_DIR
from transforms.report.tables import copy_csv, define_csv_safe

PACK_HTML = "calibration-pack.html"
PACK_CSV = "calibration-pack.csv"
# The column layout calibration tools import (Lattice, Culture Amp, Workday, ...): one row per scored engineer.
CSV_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("manager_id", "text"), ("level", "text"), ("next_level", "text"),
    ("recommended_status", "text"), ("score", "number"), ("evidence_summary", "text"),
]


class PackError(ValueError):
    """The pack cannot be built from this warehouse; the message says why and what to do."""


@dataclass
class PackRun:
    """The run a pack is built from and where its numbers come from (the names the provenance macro reads)."""

    run_id: str
    cycle: date
    as_of: date
    snapshot_as_of: date
    rubric_name: str
    rubric_version: str
    rubric_sha256: str
    rubric_file: str
    input_files: list[dict]


@dataclass
class PackEngineer:
    employee_id: str
    name: str
    manager_id: str | None
    manager_name: str | None
    team: str | None
    level: str
    next_level: str | None
    status: str
    readiness_score: float | None
    years_in_level: float | None
    accelerated: bool
    realistic_min_years: float | None
    realistic_max_years: float | None
    criteria_met: int
    criteria_measured: int
    criteria_total: int
    gaps: list[dict]
    symptoms: list[str]
    flips: list[Flip] = field(default_factory=list)

    @property
    def borderline(self) -> bool:
        return bool(self.flips)

    @property
    def years_past_ceiling(self) -> float:
        return (self.years_in_level or 0) - (self.realistic_max_years or 0)

    @property
    def evidence_summary(self) -> str:
        """One line: criteria met, the gaps with measured / target, criteria not measured."""
        parts = [f"{self.criteria_met} of {self.criteria_measured} measured criteria met"]
        if self.gaps:
            parts.append("short on " + ", ".join(f"{g['title']} ({g['measured']:g} of {g['target']:g})" for g in self.gaps))
        if self.criteria_total > self.criteria_measured:
            parts.append(f"{self.criteria_total - self.criteria_measured} not measured")
        return "; ".join(parts)


@dataclass
class Pack:
    run: PackRun
    engineers: list[PackEngineer]
    nominations: list[PackEngineer]
    borderline: list[PackEngineer]
    stuck: list[PackEngineer]
    fairness: list[ImpactTable]
    fairness_columns: list[str]
    fairness_absent: list[str]
    consistency: list[ManagerConsistency]
    retention: list[TeamRetention]
    timelines: Timelines
    settings: CalibrationSettings
    level_titles: dict[str, str]

    @property
    def flagged_managers(self) -> list[ManagerConsistency]:
        return [m for m in self.consistency if m.flags]


def pack_run(con: duckdb.DuckDBPyConnection, rubric, cycle: date) -> PackRun:
    """The newest completed run as of `cycle`, checked against the rubric it was scored with."""
    found = rows(con, "pack_run", cycle=cycle)
    if not found:
        raise PackError(f"no completed run as of {cycle} or earlier in the warehouse; run `readiness run` first "
                        "or give a later --cycle date")
    r = found[0]
    if r["rubric_sha256"] != rubric.sha256:
        raise PackError(f"run {r['run_id']} was scored with rubric version {r['rubric_version']} (sha256 "
                        f"{str(r['rubric_sha256'])[:12]}…), not {rubric.path.name} as loaded now; pass the same --rubric "
                        "or run the pipeline again")
    files = rows(con, "pack_inputs", run_id=r["run_id"])
    return PackRun(r["run_id"], cycle, r["as_of"], r["snapshot_as_of"] or r["as_of"], r["rubric_name"], r["rubric_version"],
                   r["rubric_sha256"], rubric.path.name, files)


def build_pack(con: duckdb.DuckDBPyConnection, rubric, cycle: date, settings: CalibrationSettings) -> Pack:
    """Everything the pack shows, read from the warehouse for the run `pack_run` picks."""
    run = pack_run(con, rubric, cycle)
    if not model_is_current(con, rubric, run.as_of):
        build_model(con, rubric, run.as_of)  # the roster and org tree of the run's as-of date
    engineers = [PackEngineer(**r) for r in rows(con, "pack_engineers", run_id=run.run_id)]
    flips = status_flips(con, run.run_id, rubric.statuses, settings.weight_change, settings.target_step)
    for e in engineers:
        e.flips = flips.get(e.employee_id, [])
    columns, absent = demographic_columns(con, settings.fairness_columns)
    rules = ConsistencyRules.from_settings(settings)
    return Pack(
        run=run,
        engineers=engineers,
        nominations=sorted((e for e in engineers if e.status == "ready"), key=lambda e: (-(e.readiness_score or 0), e.name, e.employee_id)),
        borderline=sorted((e for e in engineers if e.borderline), key=lambda e: (e.status, e.name, e.employee_id)),
        stuck=sorted((e for e in engineers if e.status == "stuck"), key=lambda e: (-e.years_past_ceiling, e.employee_id)),
        fairness=fairness_tables(con, run.run_id, columns, settings.min_group, settings.min_ratio),
        fairness_columns=columns,
        fairness_absent=absent,
        consistency=manager_consistency(con, run.run_id, rules),
        retention=retention_risk(con, run.run_id, rubric),
        timelines=observed_timelines(con, run.as_of, settings.min_team_promotions),
        settings=settings,
        level_titles=level_titles(rubric),
    )


def _environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["years"] = lambda v: "–" if v is None else f"{v:.1f}"
    env.filters["score"] = lambda v: "–" if v is None else f"{v:.1f}"
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f} %"
    env.filters["ratio"] = lambda v: "–" if v is None else f"{v:.2f}"
    env.filters["p"] = lambda v: "–" if v is None else (f"{v:.3f}" if v >= 0.001 else "< 0.001")
    env.filters["label"] = lambda v: "–" if v is None else str(v).replace("_", " ")
    env.filters["num"] = lambda v: "–" if v is None else f"{v:g}"  # used by the shared macros
    env.globals["CSP"] = CSP
    return env


def render_pack(pack: Pack, templates_dir: Path = TEMPLATES_DIR) -> str:
    """The pack as one self-contained HTML page (inline CSS and SVG, every value escaped)."""
    chart = timeline_chart(pack.timelines.levels, pack.level_titles)
    listed = pack.settings.max_listed
    return _environment(templates_dir).get_template("pack.html.j2").render(
        pack=pack, run=pack.run, chart=chart, listed=listed, level_titles=pack.level_titles,
    )


def write_pack_csv(con: duckdb.DuckDBPyConnection, pack: Pack, path: Path) -> int:
    """Every scored engineer in the column layout calibration tools import (formula-like cells neutralised)."""
    define_csv_safe(con)
    con.execute("create or replace temp table pack_csv_rows (" + ", ".join(
        f"{name} {'double' if kind == 'number' else 'varchar'}" for name, kind in CSV_COLUMNS) + ")")
    con.executemany(
        f"insert into pack_csv_rows values ({', '.join('?' * len(CSV_COLUMNS))})",
        [(e.employee_id, e.name, e.manager_id, e.level, e.next_level, e.status,
          None if e.readiness_score is None else round(e.readiness_score, 1), e.evidence_summary) for e in pack.engineers],
    )
    return copy_csv(con, path, "select * from pack_csv_rows order by employee_id", CSV_COLUMNS, {})


def write_pack(con: duckdb.DuckDBPyConnection, rubric, cycle: date, reports_dir: Path, settings: CalibrationSettings,
               templates_dir: Path = TEMPLATES_DIR) -> tuple[Pack, Path]:
    """Build the pack and write reports_dir/packs/<cycle>/ (HTML and CSV, owner-only) in one rename."""
    pack = build_pack(con, rubric, cycle, settings)
    packs = private_dir(Path(reports_dir) / "packs")
    final, tmp = packs / cycle.isoformat(), packs / f".tmp-{cycle.isoformat()}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    write_private(tmp / PACK_HTML, render_pack(pack, templates_dir))
    write_pack_csv(con, pack, tmp / PACK_CSV)
    if final.exists():
        shutil.rmtree(final)
    os.rename(tmp, final)
    return pack, final


def pack_for_cycle(settings, cycle: date) -> tuple[Path, str]:
    """Open the warehouse named by `settings`, write the cycle's pack; (its folder, a one-line summary)."""
    from transforms.rubric import load_rubric
    from transforms.warehouse import connect

    db = Path(settings.db)
    if not db.exists():
        raise PackError(f"{db}: no warehouse here; run `readiness run` first or pass --db")
    rubric = load_rubric(settings.rubric)
    try:
        con = connect(db, limits=settings.warehouse)
    except duckdb.IOException as exc:
        raise PackError(f"{db}: cannot be opened ({str(exc).splitlines()[0]}); wait until the run using it has finished") from None
    try:
        pack, folder = write_pack(con, rubric, cycle, settings.reports, settings.calibration)
    finally:
        con.close()
    summary = (f"committee pack for {cycle} from run {pack.run.run_id} (as of {pack.run.as_of}): "
               f"{len(pack.nominations)} nominations ({sum(e.accelerated for e in pack.nominations)} accelerated), "
               f"{len(pack.borderline)} borderline, {len(pack.stuck)} stuck, {len(pack.flagged_managers)} managers flagged")
    return folder, summary
