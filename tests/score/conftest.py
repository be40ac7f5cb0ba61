"""Fixtures for the model and score tests: the fixture org loaded straight into clean_* tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.config import DEFAULT_RUBRIC
from transforms.contract import KINDS, clean_columns, clean_tables_ddl
from transforms.rubric import load_rubric
from transforms.warehouse import connect

ORG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "org"
TINY_LADDER = Path(__file__).resolve().parent / "tiny-ladder.yaml"
AS_OF = date(2026, 10, 31)  # the fixture org's export date



def load_clean_csvs(con, rubric, folder: Path) -> None:
    """Load <kind>_*.csv export files as clean_* rows (as validation would, minus the checks)."""
    con.execute(clean_tables_ddl())
    for kind, spec in KINDS.items():
        for path in sorted(folder.glob(f"{kind}_*.csv")):
            con.execute(
                "create or replace temp table staged as select *, row_number() over () + 1 as source_line "
                "from read_csv(?, all_varchar = true, header = true)",
                [str(path)],
            )
            present = {r[0] for r in con.execute("describe staged").fetchall()}
            levels = {r[0] for r in con.execute("select distinct level from staged").fetchall()} if "level" in present else set()
            con.execute("create or replace temp table level_map (raw varchar, id varchar)")
            if levels:
                con.executemany("insert into level_map values (?, ?)", [(raw, rubric.resolve_level(raw)) for raw in levels])
            clean_cols = clean_columns(spec)
            exprs = []
            for col, typ, src in clean_cols:
                if col == "row_id":
                    exprs.append(f"'{kind}:' || source_line")
                elif col == "source_file":
                    exprs.append(f"'{path.name}'")
                elif col == "source_line":
                    exprs.append("source_line")
                elif col == "snapshot_as_of":
                    exprs.append("as_of::date")
                elif col == "level":
                    exprs.append("(select id from level_map where raw = staged.level)")
                elif col == "level_raw":
                    exprs.append("level")
                elif src in present:
                    exprs.append(f"nullif(trim(\"{src}\"), '')::{typ}")
                else:
                    exprs.append("null")
            con.execute(f"insert into clean_{kind} ({', '.join(c for c, _, _ in clean_cols)}) select {', '.join(exprs)} from staged")


@pytest.fixture
def ladder():
    """The default ladder shipped in rubric/."""
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture
def tiny_ladder():
    """A small custom ladder with its own level names and criteria (tests/score/tiny-ladder.yaml)."""
    return load_rubric(TINY_LADDER)


@pytest.fixture
def con():
    connection = connect(":memory:")
    connection.execute(clean_tables_ddl())
    yield connection
    connection.close()


@pytest.fixture
def org_con(con, ladder):
    """A warehouse holding the fixture org (tests/fixtures/org) as clean rows."""
    load_clean_csvs(con, ladder, ORG_DIR)
    return con


@pytest.fixture
def as_of() -> date:
    return AS_OF


@pytest.fixture
def org_dir() -> Path:
    return ORG_DIR


def _insert(con, table: str, rows: list[dict]) -> None:
    for i, row in enumerate(rows):
        row = {"row_id": f"{table}:{row.get('tag', i)}", **{k: v for k, v in row.items() if k != "tag"}}
        cols = ", ".join(row)
        con.execute(f"insert into {table} ({cols}) values ({', '.join('?' * len(row))})", list(row.values()))


@pytest.fixture
def add():
    """add(con, table, rows): insert hand-written rows; row_id = '<table>:<tag or index>'."""
    return _insert


@pytest.fixture
def person():
    """person(eid, level, **overrides) -> a clean_people row as of the fixture date."""

    def make(eid: str, level: str, **over) -> dict:
        row = {
            "tag": eid, "snapshot_as_of": AS_OF, "employee_id": eid, "name": f"Person {eid}",
            "manager_id": None, "level": level, "team": "t", "hire_date": date(2020, 1, 1),
            "level_start_date": date(2025, 1, 1), "employment_status": "active", "track": None,
        }
        row.update(over)
        return row

    return make
