"""Which demographic columns the roster carries, and their group counts for the adverse-impact tables."""

from __future__ import annotations

from itertools import combinations

import duckdb

from transforms.calibration.adverse_impact import GroupCount, ImpactTable, adverse_impact
from transforms.calibration.queries import columns_of, quote_ident, rows

DEFAULT_COLUMNS = ("gender", "location")


def demographic_columns(con: duckdb.DuckDBPyConnection, configured: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(columns with at least one recorded value, configured columns the people export does not have)."""
    present = set(columns_of(con, "clean_people"))
    wanted = list(dict.fromkeys([*DEFAULT_COLUMNS, *configured]))
    absent = [c for c in wanted if c not in present]
    recorded = []
    for column in (c for c in wanted if c in present):
        (n,) = con.execute(
            f"select count(*) from roster as r join clean_people as p on p.row_id = r.row_id "
            f"where nullif(trim(cast(p.{quote_ident(column)} as varchar)), '') is not null"
        ).fetchone()
        if n:
            recorded.append(column)
    return recorded, [c for c in absent if c in configured]


def group_counts(con: duckdb.DuckDBPyConnection, run_id: str, columns: list[str]) -> dict[tuple[str, ...], list[GroupCount]]:
    """Dimension (one column or a pair) -> its group counts; a None value means not recorded."""
    if not columns:
        return {}
    q = [quote_ident(c) for c in columns]
    dims = [(c,) for c in columns] + list(combinations(columns, 2))
    parts = {
        "values": ", ".join(f"nullif(trim(cast(p.{c} as varchar)), '') as {c}" for c in q),
        "columns": ", ".join(q),
        "grouped": ", ".join(f"grouping({c}) as {quote_ident('grouped_' + name)}" for c, name in zip(q, columns)),
        "sets": ", ".join("(" + ", ".join(quote_ident(c) for c in dim) + ")" for dim in dims),
    }
    out: dict[tuple[str, ...], list[GroupCount]] = {dim: [] for dim in dims}
    for r in rows(con, "demographic_counts", parts, run_id=run_id):
        dim = tuple(c for c in columns if r[f"grouped_{c}"] == 0)
        out[dim].append(GroupCount(tuple(r[c] for c in dim), int(r["scored"]), int(r["ready"]), int(r["stuck"])))
    return out


def fairness_tables(con: duckdb.DuckDBPyConnection, run_id: str, columns: list[str], min_group: int,
                    min_ratio: float) -> list[ImpactTable]:
    """The ready and stuck adverse-impact tables of every demographic column and pair of columns."""
    return [
        table
        for dim, counts in group_counts(con, run_id, columns).items()
        for table in adverse_impact(" × ".join(dim), counts, min_group, min_ratio)
    ]
