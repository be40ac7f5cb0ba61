"""The org: VP, directors, engineering managers and IC engineers, as two roster snapshots.

Grain of the outputs: one row per employee (newest roster and earlier snapshot), one row
per effective-dated level change (job history). Vectorised over the generated people;
the story rows come from demo.stories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demo import params as P
from demo.arrays import (
    day_number,
    draw,
    employee_ids,
    iso_dates,
    kind_table,
    lookup,
    months_before,
    rows_table,
)
from demo.levels import ExportLevels
from demo.stories import MANAGER_ID, STORY_TEAMS, StoryRows

VP_ID = "E0000001"
FORMULA_NAME = '=HYPERLINK("http://example.invalid","click me")'
MARKUP_NAME = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Engineers:
    """Per generated IC engineer, what evidence generation needs (aligned arrays)."""

    id_number: np.ndarray
    level: np.ndarray  # 0 junior .. 3 staff
    hire_day: np.ndarray
    level_start_day: np.ndarray
    domain: np.ndarray  # index into params.DOMAINS (the team's domain)

    def __len__(self) -> int:
        return len(self.id_number)


@dataclass(frozen=True)
class Roster:
    people: pa.Table  # newest roster, good rows, contract columns
    earlier_people: pa.Table
    job_history: pa.Table
    engineers: Engineers
    managers: np.ndarray  # id numbers of generated managers (VP, directors, EMs)
    manager_hire_day: np.ndarray
    bulk_people_start: int  # first row of the generated ICs in `people`
    escaping_ids: tuple[str, ...]


def team_names(team: np.ndarray) -> pa.Array:
    """'nlp-1', 'cv-1', ... 'nlp-2': the domain by position, then a running number."""
    number = pc.cast(pa.array(team // len(P.DOMAINS) + 1), pa.string())
    return pc.binary_join_element_wise(lookup(P.DOMAINS, team % len(P.DOMAINS)), number, "-")


def org_shape(engineers: int, story_ics: int) -> tuple[int, list[int]]:
    """(teams, director layer sizes bottom-up): one EM per team of TEAM_SIZE, directors above."""
    teams = STORY_TEAMS + math.ceil((engineers - story_ics) / P.TEAM_SIZE)
    layers, size = [], teams
    while True:  # always at least one director layer, then until the VP has TEAM_SIZE or fewer
        size = math.ceil(size / P.TEAM_SIZE)
        layers.append(size)
        if size <= P.TEAM_SIZE:
            return teams, layers


def build_roster(rng: np.random.Generator, engineers: int, as_of: date, lv: ExportLevels, stories: StoryRows) -> Roster:
    as_of_day = day_number(as_of)
    earlier_day = day_number(months_before(as_of, 6))
    story_ics = [p for p in stories.people if p["track"] == "ic"]
    n = engineers - len(story_ics)
    teams, layers = org_shape(engineers, len(story_ics))
    n_dirs, n_ems = sum(layers), teams - 1  # team 0's manager is the story manager

    # ids: directors (top layer first), generated EMs (teams 1..), then the ICs
    dir_num = P.FIRST_BULK_ID + np.arange(n_dirs)
    em_num = P.FIRST_BULK_ID + n_dirs + np.arange(n_ems)
    ic_num = P.FIRST_BULK_ID + n_dirs + n_ems + np.arange(n)
    dir_ids, em_ids, ic_ids = employee_ids(dir_num), employee_ids(em_num), employee_ids(ic_num)
    all_em_ids = pa.concat_arrays([pa.array([MANAGER_ID]), em_ids])  # EM of team t at position t

    # director layers: layer k (bottom = 0) entry j manages entries 8j..8j+7 of the layer below
    top_first = layers[::-1]
    offsets = np.concatenate([[0], np.cumsum(top_first)])[:-1]  # start of each layer, top first
    layer_start = dict(zip(range(len(layers) - 1, -1, -1), offsets))
    dir_manager = []
    for k in range(len(layers) - 1, -1, -1):
        idx = np.arange(layers[k])
        if k == len(layers) - 1:
            dir_manager.append(pa.array([VP_ID] * layers[k]))
        else:
            dir_manager.append(dir_ids.take(pa.array(layer_start[k + 1] + idx // P.TEAM_SIZE)))
    dir_manager = pa.concat_arrays(dir_manager)
    team_of_em = np.arange(teams)
    em_manager = dir_ids.take(pa.array(layer_start[0] + team_of_em // P.TEAM_SIZE))
    # a director sits with the first team under it: entry j of layer k covers teams from j * 8^(k+1)
    dir_team = np.concatenate([np.arange(layers[k]) * P.TEAM_SIZE ** (k + 1) for k in range(len(layers) - 1, -1, -1)])

    # generated IC engineers ----------------------------------------------------------------
    ic_team = STORY_TEAMS + np.arange(n) // P.TEAM_SIZE
    level = draw(rng, P.IC_LEVEL_SHARE, n=n)
    years_max = np.asarray(P.YEARS_IN_LEVEL_MAX)[level]
    in_level = P.MIN_DAYS_IN_LEVEL + np.floor(rng.random(n) ** P.YEARS_IN_LEVEL_SKEW * years_max * 365.25).astype(np.int64)
    hire_level = level - rng.integers(0, level + 1)
    starts = np.zeros((n, 4), dtype=np.int64)
    rows = np.arange(n)
    starts[rows, level] = as_of_day - in_level
    lo, hi = (np.asarray(P.YEARS_PER_EARLIER_LEVEL) * 365.25).astype(np.int64)
    duration = rng.integers(lo, hi, size=(n, 3))
    for lvl in (2, 1, 0):
        held = (lvl < level) & (lvl >= hire_level)
        starts[:, lvl] = np.where(held, starts[:, lvl + 1] - duration[:, lvl], starts[:, lvl])
    hire = starts[rows, hire_level]
    level_start = starts[rows, level]

    status = draw(rng, list(P.STATUS_SHARE.values()), n=n)
    names, emails = _names(rng, n, ic_num)
    names = pc.replace_with_mask(names, _mask(n, [0, 1]), pa.array([FORMULA_NAME, MARKUP_NAME][: min(n, 2)]))
    variant = rng.random(n) < P.LEVEL_VARIANT_SHARE
    level_text = pc.if_else(pa.array(variant), lookup(lv.ic_variant, level), lookup(lv.ic, level))
    start_filled = rng.random(n) < P.LEVEL_START_FILLED_SHARE
    has_history = rng.random(n) < P.JOB_HISTORY_SHARE
    band = np.asarray(lv.ic_salary)[level]
    ic_cols = dict(
        employee_id=ic_ids, name=names, manager_id=all_em_ids.take(pa.array(ic_team)), level=level_text,
        team=team_names(ic_team), hire_date=iso_dates(hire), email=emails, track=pa.array(["ic"] * n),
        level_start_date=iso_dates(level_start, start_filled),
        employment_status=lookup(tuple(P.STATUS_SHARE), status),
        **_common(rng, n, band, as_of),
    )
    ic_table = kind_table("people", ic_cols, n)

    # generated managers ------------------------------------------------------------------
    m = n_dirs + n_ems
    mgr_years = np.concatenate([rng.uniform(2, 15, n_dirs), rng.uniform(1, 10, n_ems)])
    mgr_hire = as_of_day - np.floor(mgr_years * 365.25).astype(np.int64)
    mgr_level = np.concatenate([np.full(n_dirs, 1), np.full(n_ems, 0)])
    mgr_names, mgr_emails = _names(rng, m, np.concatenate([dir_num, em_num]))
    mgr_band = np.asarray(P.MANAGEMENT_SALARY)[mgr_level]
    mgr_cols = dict(
        employee_id=pa.concat_arrays([dir_ids, em_ids]), name=mgr_names,
        manager_id=pa.concat_arrays([dir_manager, em_manager.slice(1)]),
        level=lookup(lv.management, mgr_level), team=team_names(np.concatenate([dir_team, np.arange(1, teams)])),
        hire_date=iso_dates(mgr_hire), email=mgr_emails, track=pa.array(["management"] * m),
        level_start_date=iso_dates(mgr_hire), employment_status=pa.array(["active"] * m),
        **_common(rng, m, mgr_band, as_of),
    )
    mgr_table = kind_table("people", mgr_cols, m)

    # story people and the VP -----------------------------------------------------------------
    vp_hire = months_before(as_of, 100)
    vp = dict(employee_id=VP_ID, name="Val Vice-President", manager_id=None, level=lv.management[2],
              team="ml-engineering", hire_date=vp_hire, email="val.vicepresident@example.com", track="management",
              level_start_date=vp_hire, employment_status="active", location="San Francisco", last_rating=4,
              base_salary=395_000, currency="USD", gender="female", as_of=as_of)
    em_id_list = all_em_ids.slice(0, STORY_TEAMS).to_pylist()
    team_list = team_names(np.arange(STORY_TEAMS)).to_pylist()
    story_people = [vp] + [_placed(p, em_id_list, team_list, em_manager) for p in stories.people]
    head = rows_table("people", story_people)
    people = pa.concat_tables([head, mgr_table, ic_table])

    # earlier snapshot: promotions since then undone, leavers back, terminations still active
    before = hire <= earlier_day
    promoted = (level_start > earlier_day) & (level > hire_level)  # rows hired since then are dropped below
    e_level = np.where(promoted, level - 1, level)
    e_start = np.where(promoted, starts[rows, np.maximum(level - 1, 0)], level_start)
    e_text = pc.if_else(pa.array(promoted), lookup(lv.ic, e_level), level_text)
    e_status = pc.if_else(pc.equal(ic_cols["employment_status"], "terminated"), "active", ic_cols["employment_status"])
    earlier_ic = ic_table.set_column(3, "level", e_text)
    earlier_ic = earlier_ic.set_column(earlier_ic.schema.get_field_index("level_start_date"), "level_start_date",
                                       iso_dates(e_start, start_filled))
    earlier_ic = earlier_ic.set_column(earlier_ic.schema.get_field_index("employment_status"), "employment_status",
                                       e_status).filter(pa.array(before))
    n_leavers = round(P.LEAVER_SHARE * n)
    leaver_src = earlier_ic.take(pa.array(rng.choice(len(earlier_ic), n_leavers, replace=False) if n_leavers else [],
                                          type=pa.int64()))
    l_names, l_emails = _names(rng, n_leavers, P.LEAVER_BASE + np.arange(n_leavers))
    leavers = leaver_src.set_column(0, "employee_id", employee_ids(P.LEAVER_BASE + np.arange(n_leavers)))
    leavers = leavers.set_column(1, "name", l_names).set_column(6, "email", l_emails)
    vp_earlier = dict(vp, as_of=None)
    earlier_head = rows_table("people", [vp_earlier] + [_placed(p, em_id_list, team_list, em_manager)
                                                         for p in stories.earlier_people])
    earlier = pa.concat_tables([earlier_head, mgr_table, earlier_ic, leavers])
    earlier = earlier.set_column(earlier.schema.get_field_index("as_of"), "as_of",
                                 iso_dates(np.full(len(earlier), earlier_day)))

    # job history: every level held, for the engineers whose history is exported, plus managers
    held = (np.arange(4)[None, :] >= hire_level[:, None]) & (np.arange(4)[None, :] <= level[:, None])
    emp, lvl = np.nonzero(held & has_history[:, None])
    history = kind_table("job_history", dict(
        employee_id=ic_ids.take(pa.array(emp)), effective_date=iso_dates(starts[emp, lvl]),
        level=lookup(lv.ic, lvl), manager_id=ic_cols["manager_id"].take(pa.array(emp)),
        job_title=lookup(lv.ic_title, lvl),
        change_reason=pa.array(np.where(lvl == hire_level[emp], "hire", "promotion")),
    ), len(emp))
    mgr_history = kind_table("job_history", dict(
        employee_id=mgr_cols["employee_id"], effective_date=mgr_cols["hire_date"], level=mgr_cols["level"],
        manager_id=mgr_cols["manager_id"], job_title=mgr_cols["level"], change_reason=pa.array(["hire"] * m),
    ), m)
    vp_history = dict(employee_id=VP_ID, effective_date=vp_hire, level=lv.management[2], job_title=lv.management[2],
                      change_reason="hire")
    story_manager = {p["employee_id"]: p["manager_id"] for p in story_people}
    story_history = rows_table("job_history", [vp_history] + [
        dict(h, manager_id=story_manager[h["employee_id"]]) for h in stories.job_history])
    job_history = pa.concat_tables([story_history, mgr_history, history])

    return Roster(
        people=people, earlier_people=earlier, job_history=job_history,
        engineers=Engineers(ic_num, level, hire, level_start, ic_team % len(P.DOMAINS)),
        managers=np.concatenate([dir_num, em_num]), manager_hire_day=mgr_hire,
        bulk_people_start=len(head) + m,
        escaping_ids=tuple(ic_ids.slice(0, 2).to_pylist()),
    )


def _placed(person: dict, em_ids: list[str], teams: list[str], em_manager: pa.Array) -> dict:
    """A story row with its team name and manager filled from its team index."""
    t = person["team_index"]
    manager = em_manager[0].as_py() if person["employee_id"] == MANAGER_ID else em_ids[t]
    return dict(person, team=teams[t], manager_id=person["manager_id"] or manager)


def _mask(n: int, positions: list[int]) -> pa.Array:
    mask = np.zeros(n, dtype=bool)
    mask[[p for p in positions if p < n]] = True
    return pa.array(mask)


def _names(rng: np.random.Generator, n: int, numbers: np.ndarray) -> tuple[pa.Array, pa.Array]:
    """Random 'First Last' names and first.last.<number>@example.com emails."""
    first = lookup(P.FIRST_NAMES, rng.integers(0, len(P.FIRST_NAMES), n))
    last = lookup(P.LAST_NAMES, rng.integers(0, len(P.LAST_NAMES), n))
    names = pc.binary_join_element_wise(first, last, " ")
    number = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string())
    local = pc.utf8_lower(pc.binary_join_element_wise(first, last, number, "."))
    return names, pc.binary_join_element_wise(local, "example.com", "@")


def _common(rng: np.random.Generator, n: int, band: np.ndarray, as_of: date) -> dict:
    """Location, currency, rating, salary, gender and as_of for n people."""
    loc = rng.integers(0, len(P.LOCATIONS), n)
    salary = np.round((band[:, 0] + rng.random(n) * (band[:, 1] - band[:, 0])) / 500) * 500
    return dict(
        location=lookup(tuple(P.LOCATIONS), loc),
        currency=lookup(tuple(P.LOCATIONS.values()), loc),
        last_rating=pa.array(draw(rng, P.RATING_SHARE, n=n) + 1),
        base_salary=pa.array(salary.astype(np.int64)),
        gender=lookup(tuple(P.GENDER_SHARE), draw(rng, list(P.GENDER_SHARE.values()), n=n)),
        as_of=iso_dates(np.full(n, day_number(as_of))),
    )
