"""Planted bad rows: copies of good rows with one planted fault each, and where they go.

Every planted row is new (a copy with a fresh key, or a duplicate of an existing id), so
no story or generated row is damaged. Each fault names the validation check it must
trip; the manifest lists the natural keys of every planted row.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import KINDS
from demo import params as P
from demo.arrays import employee_ids, iso_dates, prefixed

UNPARSEABLE_DATE = "31/02/2026"  # no such day in any configured format
VAGUE_DATE = "soon"
UNKNOWN_LEVEL = "Wizard"
INVALID_SCOPE = "huge"
INVALID_ACTIVITY = "hackathon"
OUT_OF_RANGE_PROFICIENCY = "7"

# kind -> checks planted in that kind's file, in planting order
CHECKS = {
    "people": ("duplicate_employee_id", "manager_not_found", "management_cycle", "level_start_before_hire",
               "date_after_as_of", "unknown_level", "unparseable_date"),
    "job_history": ("unknown_level", "unparseable_date"),
    "projects": ("invalid_enum", "end_before_start", "unknown_employee", "unparseable_date", "date_after_as_of"),
    "activities": ("invalid_enum", "unknown_employee"),
    "skills": ("proficiency_out_of_range",),
}


def planned(rows: int) -> int:
    """Planted rows per check for a file of `rows` good rows (a cycle plants twice this, in pairs)."""
    return max(1, round(P.BAD_SHARE_PER_CHECK * rows))


def split(total: int, weights: list[int]) -> list[int]:
    """`total` spread over chunks in proportion to their rows (cumulative rounding, exact sum)."""
    cum = np.round(total * np.cumsum(weights) / max(sum(weights), 1)).astype(int)
    return list(np.diff(np.concatenate([[0], cum])))


def natural_keys(kind: str, table: pa.Table, header: dict[str, str] | None = None) -> list[str]:
    """The natural key of each row, '|'-joined, nulls as ''."""
    cols = [table.column((header or {}).get(c, c)) for c in KINDS[kind].natural_key]
    if len(cols) == 1:
        return pc.fill_null(cols[0], "").to_pylist()
    return pc.binary_join_element_wise(*cols, "|", null_handling="replace", null_replacement="").to_pylist()


def sprinkle(rng: np.random.Generator, good: pa.Table, bad: pa.Table) -> pa.Table:
    """`bad` rows inserted at random positions among `good` rows, good rows keeping their order."""
    n, k = len(good), len(bad)
    if not k:
        return good
    at = np.zeros(n + k, dtype=bool)
    at[rng.choice(n + k, k, replace=False)] = True
    order = np.empty(n + k, dtype=np.int64)
    order[at] = n + np.arange(k)
    order[~at] = np.arange(n)
    return pa.concat_tables([good, bad.cast(good.schema)]).take(pa.array(order))


def _set(table: pa.Table, name: str, values) -> pa.Table:
    i = table.schema.get_field_index(name)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(values if isinstance(values, list) else [values] * len(table), type=pa.string())
    return table.set_column(i, name, values)


def _shift(days_text: pa.ChunkedArray, days: int) -> pa.Array:
    """ISO date text moved by `days`."""
    d = pc.cast(pc.cast(days_text, pa.date32()), pa.int32())
    return iso_dates(np.asarray(d) + days)


class Planter:
    """Builds the bad rows of each kind and keeps their keys per (kind, check)."""

    def __init__(self, as_of: date, manager_level: str):
        self.as_of = as_of
        self.manager_level = manager_level  # the level text of the two managers in each cycle
        self.keys: dict[tuple[str, str], list[str]] = {}
        self._next = {"person": P.BAD_PERSON_BASE, "manager": P.MISSING_MANAGER_BASE,
                      "employee": P.UNKNOWN_EMPLOYEE_BASE, "project": 0}

    def _ids(self, what: str, k: int) -> np.ndarray:
        start = self._next[what]
        self._next[what] = start + k
        return start + np.arange(k)

    def _record(self, kind: str, check: str, table: pa.Table) -> pa.Table:
        self.keys.setdefault((kind, check), []).extend(natural_keys(kind, table))
        return table

    def people(self, rng: np.random.Generator, sources: pa.Table, per_check: int) -> pa.Table:
        """Bad roster rows copied from `sources` (generated engineers)."""
        picks = rng.choice(len(sources), per_check * 8, replace=False)
        src = iter(sources.take(pa.array(picks[i * per_check:(i + 1) * per_check])) for i in range(8))
        after = (self.as_of + timedelta(days=45)).isoformat()
        out = []

        def fresh(t: pa.Table) -> pa.Table:
            return _set(t, "employee_id", employee_ids(self._ids("person", len(t))))

        out.append(self._record("people", "duplicate_employee_id", _set(next(src), "location", "Remote")))
        t = fresh(next(src))
        out.append(self._record("people", "manager_not_found",
                                _set(t, "manager_id", employee_ids(self._ids("manager", len(t))))))
        a, b = fresh(next(src)), fresh(next(src))
        a, b = (_set(a, "manager_id", b.column("employee_id").combine_chunks()),
                _set(b, "manager_id", a.column("employee_id").combine_chunks()))
        cycle = _set(_set(pa.concat_tables([a, b]), "track", "management"), "level", self.manager_level)
        out.append(self._record("people", "management_cycle", cycle))
        t = fresh(next(src))
        out.append(self._record("people", "level_start_before_hire",
                                _set(t, "level_start_date", _shift(t.column("hire_date"), -200))))
        t = fresh(next(src))
        out.append(self._record("people", "date_after_as_of", _set(_set(t, "hire_date", after), "level_start_date", after)))
        out.append(self._record("people", "unknown_level", _set(fresh(next(src)), "level", UNKNOWN_LEVEL)))
        t = fresh(next(src))
        out.append(self._record("people", "unparseable_date",
                                _set(_set(t, "hire_date", UNPARSEABLE_DATE), "level_start_date", [None] * len(t))))
        return pa.concat_tables(out)

    def job_history(self, rng: np.random.Generator, hires: pa.Table, per_check: int) -> pa.Table:
        """Bad history rows copied from hire rows (one per engineer, so keys stay distinct)."""
        picks = rng.choice(len(hires), per_check * 2, replace=False)
        unknown = hires.take(pa.array(picks[:per_check]))
        unknown = _set(_set(unknown, "level", UNKNOWN_LEVEL), "effective_date", _shift(unknown.column("effective_date"), -1))
        bad_date = _set(hires.take(pa.array(picks[per_check:])), "effective_date", UNPARSEABLE_DATE)
        return pa.concat_tables([self._record("job_history", "unknown_level", unknown),
                                 self._record("job_history", "unparseable_date", bad_date)])

    def projects(self, rng: np.random.Generator, good: pa.Table, per_check: list[int]) -> pa.Table:
        """Bad project rows copied from `good`, each with a fresh project id."""
        picks = rng.choice(len(good), sum(per_check), replace=False)
        bounds = np.concatenate([[0], np.cumsum(per_check)])
        after = (self.as_of + timedelta(days=30)).isoformat()
        out = []
        for check, lo, hi in zip(CHECKS["projects"], bounds[:-1], bounds[1:]):
            t = good.take(pa.array(picks[lo:hi]))
            t = _set(t, "project_id", prefixed("PRJ-X", self._ids("project", len(t)), 7))
            if check == "invalid_enum":
                t = _set(t, "scope", INVALID_SCOPE)
            elif check == "end_before_start":
                t = _set(_set(t, "end_date", _shift(t.column("start_date"), -30)), "status", "done")
            elif check == "unknown_employee":
                t = _set(t, "employee_id", employee_ids(self._ids("employee", len(t))))
            elif check == "unparseable_date":
                t = _set(t, "start_date", VAGUE_DATE)
            elif check == "date_after_as_of":
                t = _set(_set(_set(t, "start_date", after), "end_date", [None] * len(t)), "status", "planned")
            out.append(self._record("projects", check, t))
        return pa.concat_tables(out)

    def activities(self, rng: np.random.Generator, good: pa.Table, per_check: list[int]) -> pa.Table:
        picks = rng.choice(len(good), sum(per_check), replace=False)
        enum = _set(good.take(pa.array(picks[: per_check[0]])), "activity_type", INVALID_ACTIVITY)
        unknown = good.take(pa.array(picks[per_check[0]:]))
        unknown = _set(unknown, "employee_id", employee_ids(self._ids("employee", len(unknown))))
        return pa.concat_tables([self._record("activities", "invalid_enum", enum),
                                 self._record("activities", "unknown_employee", unknown)])

    def skills(self, rng: np.random.Generator, good: pa.Table, per_check: list[int]) -> pa.Table:
        t = good.take(pa.array(rng.choice(len(good), per_check[0], replace=False)))
        t = _set(_set(t, "proficiency", OUT_OF_RANGE_PROFICIENCY), "assessed_on", _shift(t.column("assessed_on"), -1))
        return self._record("skills", "proficiency_out_of_range", t)
