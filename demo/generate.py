"""generate_demo: the deterministic demo org as the five export kinds, plus an earlier roster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demo import params as P
from demo.arrays import day_number, months_before, rows_table
from demo.bad_rows import CHECKS, Planter, planned, split, sprinkle
from demo.csv_out import WORKDAY_JOB_HISTORY, write_csv
from demo.evidence import (
    activities_chunk,
    manager_activities,
    mentee_pool,
    per_engineer,
    projects_chunk,
    skills_chunk,
)
from demo.levels import export_levels
from demo.manifest import BadRows, DemoFile, DemoManifest
from demo.roster import build_roster
from demo.stories import build_stories
from transforms.files import private_dir

DEFAULT_AS_OF = date(2026, 10, 31)
# Random streams: each part of the org draws from its own stream, so changing one part
# (or the chunk size) does not reshuffle the others.
_STREAMS = {"roster": 1, "bad_people": 2, "bad_job_history": 3, "projects": 4, "activities": 5, "skills": 6,
            "bad_projects": 7, "bad_activities": 8, "bad_skills": 9, "sprinkle": 10, "managers": 11}


def _rng(seed: int, stream: str, chunk: int = 0) -> np.random.Generator:
    return np.random.default_rng([seed, _STREAMS[stream], chunk])


def generate_demo(
    out_dir: Path,
    engineers: int = 200,
    seed: int = 7,
    as_of: date = DEFAULT_AS_OF,
    bad_rows: bool = True,
    rubric=None,
) -> DemoManifest:
    """Write the demo org's exports into `out_dir` (owner-only) and say what they hold."""
    if not P.MIN_ENGINEERS <= engineers <= P.MAX_ENGINEERS:
        raise ValueError(f"demo: --engineers {engineers} is out of range; use {P.MIN_ENGINEERS} to {P.MAX_ENGINEERS:,}")
    if rubric is None:
        from transforms.config import DEFAULT_RUBRIC
        from transforms.rubric import load_rubric

        rubric = load_rubric(DEFAULT_RUBRIC)
    lv = export_levels(rubric, P.IC_SALARY_FALLBACK)
    earlier = months_before(as_of, 6)
    as_of_day = day_number(as_of)
    stories = build_stories(as_of, earlier, lv)
    roster = build_roster(_rng(seed, "roster"), engineers, as_of, lv, stories)
    planter = Planter(as_of, lv.management[0]) if bad_rows else None
    out = private_dir(Path(out_dir))
    files: list[DemoFile] = []

    def write(kind: str, name: str, tables, header=None, snapshot=None, tool="contract") -> None:
        rows = write_csv(out / name, tables, header)
        files.append(DemoFile(name, kind, rows, snapshot, tool))

    # people: the newest roster (with planted rows) and the earlier snapshot (clean)
    people = roster.people
    if planter:
        sources = people.slice(roster.bulk_people_start + len(roster.escaping_ids))
        bad = planter.people(_rng(seed, "bad_people"), sources, planned(len(people)))
        people = sprinkle(_rng(seed, "sprinkle", 1), people, bad)
    write("people", f"people_{earlier.isoformat()}.csv", [roster.earlier_people], snapshot=earlier)
    write("people", f"people_{as_of.isoformat()}.csv", [people], snapshot=as_of)

    history = roster.job_history
    if planter:
        generated_hires = pc.and_(pc.equal(history.column("change_reason"), "hire"),
                                  pc.greater_equal(history.column("employee_id"), f"E{P.FIRST_BULK_ID:07d}"))
        bad = planter.job_history(_rng(seed, "bad_job_history"), history.filter(generated_hires), planned(len(history)))
        history = sprinkle(_rng(seed, "sprinkle", 2), history, bad)
    write("job_history", f"job_history_{as_of.isoformat()}.csv", [history], WORKDAY_JOB_HISTORY, tool="workday")

    eng = roster.engineers
    chunks = [slice(s, min(s + P.CHUNK_ENGINEERS, len(eng))) for s in range(0, len(eng), P.CHUNK_ENGINEERS)]

    def evidence(kind: str, story_rows: list[dict], head: list[pa.Table], rows_of, make) -> Iterator[pa.Table]:
        """Story rows (and `head` tables) first, then each chunk of generated rows with its planted rows."""
        # planted rows are copied from generated rows only (never from a story's), so the
        # first table's share of them is in proportion to its generated rows
        weights = [sum(len(t) for t in head)] + [rows_of(sl) for sl in chunks]
        quotas = [split(planned(len(story_rows) + sum(weights)), weights) for _ in CHECKS[kind]] if planter else None
        for c, table in enumerate(_chunks(kind, story_rows, head, make)):
            if planter:
                per_check = [q[c] for q in quotas]
                if sum(per_check):
                    sources = table.slice(len(story_rows)) if c == 0 else table
                    bad = getattr(planter, kind)(_rng(seed, f"bad_{kind}", c), sources, per_check)
                    table = sprinkle(_rng(seed, "sprinkle", 100 + c), table, bad)
            yield table

    def _chunks(kind, story_rows, head, make) -> Iterator[pa.Table]:
        yield pa.concat_tables([rows_table(kind, story_rows), *head])
        offset = 0
        for c, sl in enumerate(chunks):
            table = make(c, sl, offset)
            offset += len(table)
            yield table

    write("projects", f"projects_{as_of.isoformat()}.csv", evidence(
        "projects", stories.projects, [],
        lambda sl: int(per_engineer(sl.start, sl.stop - sl.start, P.PROJECTS_BASE, P.PROJECTS_SPREAD).sum()),
        lambda c, sl, offset: projects_chunk(_rng(seed, "projects", c), eng, sl, offset, as_of_day)))

    pool = mentee_pool(eng)
    managers = manager_activities(_rng(seed, "managers"), roster.managers, roster.manager_hire_day, as_of_day)
    write("activities", f"activities_{as_of.isoformat()}.csv", evidence(
        "activities", stories.activities, [managers],
        lambda sl: int(per_engineer(sl.start, sl.stop - sl.start, P.ACTIVITIES_BASE, P.ACTIVITIES_SPREAD).sum()),
        lambda c, sl, offset: activities_chunk(_rng(seed, "activities", c), eng, sl, as_of_day, pool)))

    write("skills", f"skills_{as_of.isoformat()}.csv", evidence(
        "skills", stories.skills, [],
        lambda sl: (sl.stop - sl.start) * P.SKILLS_PER_ENGINEER,
        lambda c, sl, offset: skills_chunk(_rng(seed, "skills", c), eng, sl, as_of_day)))

    planted = ()
    if planter:
        planted = tuple(
            BadRows(kind, check, next(f.name for f in files if f.kind == kind and f.snapshot_as_of in (None, as_of)),
                    tuple(planter.keys.get((kind, check), ())))
            for kind, checks in CHECKS.items() for check in checks
        )
    return DemoManifest(
        out_dir=out, as_of=as_of, seed=seed, engineers=engineers, files=tuple(files), stories=stories.stories,
        bad_rows=planted, escaping_ids=roster.escaping_ids,
    )
