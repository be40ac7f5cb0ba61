"""Vectorised building blocks: dates as day numbers, ids, categorical draws, contract tables."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import KINDS

EPOCH = date(1970, 1, 1)


def day_number(d: date) -> int:
    return (d - EPOCH).days


def months_before(d: date, months: int) -> date:
    """`d` moved back by whole calendar months, the day clamped to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def iso_dates(days: np.ndarray, present: np.ndarray | None = None) -> pa.Array:
    """Day numbers as ISO date text ('2026-10-31'); null where `present` is False."""
    mask = None if present is None else ~np.asarray(present, dtype=bool)
    arr = pa.array(np.asarray(days, dtype=np.int32), type=pa.date32(), mask=mask)
    return pc.cast(arr, pa.string())


def employee_ids(numbers: np.ndarray) -> pa.Array:
    """'E' + the number zero-padded to 7 digits."""
    digits = pc.utf8_lpad(pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string()), 7, "0")
    return pc.binary_join_element_wise("E", digits, "")


def prefixed(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def lookup(values, index: np.ndarray) -> pa.Array:
    """values[index] as a string array, without a Python loop."""
    return pa.array(list(values), type=pa.string()).take(pa.array(np.asarray(index, dtype=np.int64)))


def draw(rng: np.random.Generator, probs, rows: np.ndarray | None = None, n: int | None = None) -> np.ndarray:
    """One categorical draw per row: from `probs` (one distribution) or probs[rows] (one per row)."""
    table = np.asarray(probs, dtype=float)
    if table.ndim == 1:
        cum = np.cumsum(table / table.sum())
        return np.minimum(np.searchsorted(cum, rng.random(n), side="right"), len(cum) - 1)
    cum = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(rows))
    return np.minimum((u[:, None] >= cum[rows]).sum(axis=1), table.shape[1] - 1)


def spread_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, slot: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """A day in [lo, hi] per row, row `slot` of `slots` falling in its own stretch (distinct, ordered)."""
    span = np.maximum(hi - lo, 0)
    return lo + np.floor((slot + rng.random(len(lo))) / slots * span).astype(np.int64)


def kind_table(kind: str, columns: dict[str, pa.Array | list], n: int, header: dict[str, str] | None = None) -> pa.Table:
    """A table with every contract column of `kind` as text, in contract order (missing ones null)."""
    arrays, names = [], []
    for name in KINDS[kind].names:
        col = columns.get(name)
        if col is None:
            col = pa.nulls(n, pa.string())
        elif not isinstance(col, pa.Array | pa.ChunkedArray):
            col = pa.array(col, type=pa.string())
        arrays.append(col if col.type == pa.string() else pc.cast(col, pa.string()))
        names.append(header.get(name, name) if header else name)
    return pa.Table.from_arrays(arrays, names=names)


def rows_table(kind: str, rows: list[dict], header: dict[str, str] | None = None) -> pa.Table:
    """A small list of dicts (dates as date objects) as a contract table."""
    def text(v):
        if v is None:
            return None
        if isinstance(v, bool):
            return "true" if v else "false"
        return v.isoformat() if isinstance(v, date) else str(v)

    columns = {name: [text(r.get(name)) for r in rows] for name in KINDS[kind].names}
    return kind_table(kind, columns, len(rows), header)
