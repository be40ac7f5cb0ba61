"""Evidence for the generated engineers: projects, activities and skills, one chunk at a time.

Grain: projects one row per engineer x project; activities one row per piece of
evidence; skills one row per engineer x assessed skill. Counts per engineer are fixed
by position (params.projects_for / activities_for / SKILLS_PER_ENGINEER); the content is
drawn per level from the distributions in demo.params.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import ACTIVITY_TYPES, AUDIENCES, IMPACTS, PROJECT_STATUSES, ROLES, SCOPES, SKILL_SOURCES
from demo import params as P
from demo.arrays import draw, employee_ids, iso_dates, kind_table, lookup, prefixed, spread_days
from demo.roster import Engineers

_MENTORING = ACTIVITY_TYPES.index("mentoring")
_FALLBACK_TYPE = ACTIVITY_TYPES.index("documentation")
_DONE_OR_CANCELLED = [PROJECT_STATUSES.index("done"), PROJECT_STATUSES.index("cancelled")]
FORMULA_PROJECT_NAME = "@SUM(1)"


def per_engineer(first: int, count: int, base: int, spread: int) -> np.ndarray:
    """Rows per engineer for engineers first..first+count-1 (base + i % spread)."""
    return base + (first + np.arange(count)) % spread


def _window(eng: Engineers, sl: slice, as_of_day: int) -> np.ndarray:
    """Earliest evidence day: half a time-in-level before the level start, not before hire or 6 years."""
    start, hire = eng.level_start_day[sl], eng.hire_day[sl]
    lo = start - np.floor(P.EARLIER_FRACTION * (as_of_day - start)).astype(np.int64)
    return np.maximum.reduce([lo, hire, np.full_like(lo, as_of_day - int(P.EVIDENCE_YEARS_MAX * 365.25))])


def _expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(engineer index, slot within the engineer) for each row."""
    emp = np.repeat(np.arange(len(counts)), counts)
    first_row = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return emp, np.arange(len(emp)) - first_row[emp]


def projects_chunk(rng: np.random.Generator, eng: Engineers, sl: slice, first_row: int, as_of_day: int) -> pa.Table:
    counts = per_engineer(sl.start, sl.stop - sl.start, P.PROJECTS_BASE, P.PROJECTS_SPREAD)
    emp, slot = _expand(counts)
    rows = len(emp)
    level = eng.level[sl][emp]
    lo = _window(eng, sl, as_of_day)[emp]
    start = spread_days(rng, lo, np.full(rows, as_of_day - 7), slot, counts[emp])
    status = draw(rng, P.PROJECT_STATUS_SHARE, n=rows)
    ended = np.isin(status, _DONE_OR_CANCELLED)
    end = np.minimum(start + rng.integers(*P.PROJECT_DAYS, size=rows), as_of_day)
    own = rng.random(rows) < P.OWN_DOMAIN_SHARE
    domain = np.where(own, eng.domain[sl][emp], rng.integers(0, len(P.DOMAINS), rows))
    domain_text = lookup(P.DOMAINS, domain)
    name = pc.binary_join_element_wise(domain_text, lookup(P.PROJECT_THINGS, rng.integers(0, len(P.PROJECT_THINGS), rows)), " ")
    if first_row == 0 and rows:
        name = pc.replace_with_mask(name, pa.array(np.arange(rows) == 0), pa.array([FORMULA_PROJECT_NAME]))
    return kind_table("projects", dict(
        project_id=prefixed("PRJ-", first_row + np.arange(rows), 8),
        employee_id=employee_ids(eng.id_number[sl][emp]),
        role=lookup(ROLES, draw(rng, P.ROLE_BY_LEVEL, level)),
        scope=lookup(SCOPES, draw(rng, P.SCOPE_BY_LEVEL, level)),
        start_date=iso_dates(start),
        project_name=name,
        impact=lookup(IMPACTS, draw(rng, P.IMPACT_BY_LEVEL, level)),
        visibility=lookup(AUDIENCES, draw(rng, P.VISIBILITY_BY_LEVEL, level)),
        cross_team=pa.array(np.where(rng.random(rows) < np.asarray(P.CROSS_TEAM_BY_LEVEL)[level], "true", "false")),
        domain=domain_text,
        end_date=iso_dates(end, ended),
        status=lookup(PROJECT_STATUSES, status),
    ), rows)


def mentee_pool(eng: Engineers) -> tuple[np.ndarray, np.ndarray]:
    """(engineers ordered by level, how many sit below each level) for picking more-junior mentees."""
    order = np.argsort(eng.level, kind="stable")
    below = np.searchsorted(eng.level[order], np.arange(4), side="left")
    return order, below


def activities_chunk(rng: np.random.Generator, eng: Engineers, sl: slice, as_of_day: int, pool) -> pa.Table:
    counts = per_engineer(sl.start, sl.stop - sl.start, P.ACTIVITIES_BASE, P.ACTIVITIES_SPREAD)
    emp, slot = _expand(counts)
    rows = len(emp)
    level = eng.level[sl][emp]
    kind = draw(rng, P.ACTIVITY_BY_LEVEL, level)
    order, below = pool
    available = below[level]
    kind = np.where((kind == _MENTORING) & (available == 0), _FALLBACK_TYPE, kind)
    mentoring = kind == _MENTORING
    mentee = eng.id_number[order[np.floor(rng.random(rows) * available).astype(np.int64)]]
    day = spread_days(rng, _window(eng, sl, as_of_day)[emp], np.full(rows, as_of_day), slot, counts[emp])
    topic = pc.binary_join_element_wise(
        lookup(P.DOMAINS, eng.domain[sl][emp]),
        lookup(P.PROJECT_THINGS, rng.integers(0, len(P.PROJECT_THINGS), rows)), " ")
    return kind_table("activities", dict(
        employee_id=employee_ids(eng.id_number[sl][emp]),
        activity_type=lookup(ACTIVITY_TYPES, kind),
        date=iso_dates(day),
        title=pc.binary_join_element_wise(lookup(P.ACTIVITY_TITLES, kind), topic, ": "),
        audience=lookup(AUDIENCES, draw(rng, P.AUDIENCE_BY_TYPE, kind)),
        counterpart_id=pc.if_else(pa.array(mentoring), employee_ids(mentee), pa.nulls(rows, pa.string())),
    ), rows)


def skills_chunk(rng: np.random.Generator, eng: Engineers, sl: slice, as_of_day: int) -> pa.Table:
    count = sl.stop - sl.start
    emp = np.repeat(np.arange(count), P.SKILLS_PER_ENGINEER)
    slot = np.tile(np.arange(P.SKILLS_PER_ENGINEER), count)
    rows = len(emp)
    level = eng.level[sl][emp]
    first_skill = rng.integers(0, len(P.SKILLS), count)[emp]
    proficiency = np.clip(np.rint(rng.normal(np.asarray(P.PROFICIENCY_MEAN_BY_LEVEL)[level], P.PROFICIENCY_SD)), 1, 5)
    lo = np.maximum(eng.hire_day[sl][emp], as_of_day - P.SKILL_WINDOW_DAYS)
    day = lo + np.floor(rng.random(rows) * (as_of_day - lo)).astype(np.int64)
    return kind_table("skills", dict(
        employee_id=employee_ids(eng.id_number[sl][emp]),
        skill=lookup(P.SKILLS, (first_skill + slot) % len(P.SKILLS)),  # distinct skills per engineer
        proficiency=pa.array(proficiency.astype(np.int64)),
        assessed_on=iso_dates(day),
        source=lookup(SKILL_SOURCES, draw(rng, P.SKILL_SOURCE_SHARE, n=rows)),
    ), rows)


def manager_activities(rng: np.random.Generator, managers: np.ndarray, hire_day: np.ndarray, as_of_day: int) -> pa.Table:
    """MANAGER_ACTIVITIES interview loops per generated manager in the last two years."""
    counts = np.full(len(managers), P.MANAGER_ACTIVITIES)
    emp, slot = _expand(counts)
    rows = len(emp)
    lo = np.maximum(hire_day, as_of_day - P.SKILL_WINDOW_DAYS)[emp]
    day = spread_days(rng, lo, np.full(rows, as_of_day), slot, counts[emp])
    return kind_table("activities", dict(
        employee_id=employee_ids(managers[emp]),
        activity_type=pa.array(["interviewing"] * rows),
        date=iso_dates(day),
        title=pa.array(["Interview loop"] * rows),
        audience=pa.array(["team"] * rows),
    ), rows)
