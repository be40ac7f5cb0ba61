"""Privacy and accountability of a whole run: canary values in salary and demographic
columns appear nowhere but the warehouse's raw and clean tables; every file the run
writes is owner-only under umask 022; each run appends one line to the audit log."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import copy_fixture_org
from tests.ops.conftest import cli_env
from transforms import audit

# Values no real export holds, so finding one anywhere means it leaked from these columns.
CANARY_SALARY = "7345991"          # a valid salary: scored rows carry it into the model
CANARY_BAD_SALARY = "SAL-CANARY-9F2"  # not a number: the row is quarantined for it
CANARY_GENDER = "gendercanaryq"
CANARY_CURRENCY = "QZX"
CANARIES = [CANARY_SALARY, CANARY_BAD_SALARY, CANARY_GENDER, CANARY_CURRENCY]
# Where the values may legitimately be: the rows as delivered and as typed.
HOLDS_VALUES = ("raw_people", "typed_people", "clean_people", "roster")


def plant_canaries(people_csv: Path) -> None:
    """E24 earns the canary salary with a canary gender and currency; E31's salary is not a number."""
    with people_csv.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["employee_id"] == "E24":
            row.update(base_salary=CANARY_SALARY, gender=CANARY_GENDER, currency=CANARY_CURRENCY)
        if row["employee_id"] == "E31":
            row.update(base_salary=CANARY_BAD_SALARY, gender=CANARY_GENDER)
    with people_csv.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def files_holding(root: Path, needles: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(root)}: {n}" for n in needles if n.encode() in data]
    return found


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_canaries_stay_in_the_warehouse_and_every_file_is_owner_only(tmp_path):
    inbox, data, reports, home = tmp_path / "inbox", tmp_path / "hr", tmp_path / "reports", tmp_path / "prefect-home"
    inbox.mkdir()
    copy_fixture_org(inbox)
    plant_canaries(inbox / "people_2026-10-31.csv")
    (inbox / "notes_2026.csv").write_text("topic,notes\nq3,see wiki\n")  # rejected: the rejected folder exists
    run = subprocess.run(
        [sys.executable, "-m", "ops.cli", "run", "--inbox", inbox, "--db", data / "warehouse.duckdb", "--reports", reports],
        cwd=tmp_path, env=cli_env(PREFECT_HOME=str(home)), capture_output=True, text=True, timeout=280, umask=0o022,
    )
    assert run.returncode == 0, run.stdout + run.stderr

    # terminal, reports, audit log, rejected folder, Prefect's own database and logs
    said = run.stdout + run.stderr
    assert [c for c in CANARIES if c in said] == []
    assert files_holding(reports, CANARIES) == []
    assert files_holding(home, CANARIES) == []  # flow / task run states, messages, results, logs
    # beside the warehouse: only the database itself and the archived raw bytes hold them
    assert [p for p in files_holding(data, CANARIES) if not p.startswith(("warehouse.duckdb", "archive/"))] == []
    # stored validation results and run records in the warehouse
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()
                  if not t.startswith(HOLDS_VALUES)]
        leaks = {t: c for t in tables for c in CANARIES if c in repr(con.execute(f'select * from "{t}"').fetchall())}
        (quarantined,) = con.execute("select count(*) from quarantine where employee_id = 'E31'").fetchone()
    finally:
        con.close()
    assert leaks == {}
    assert quarantined == 1  # the bad salary was caught, and its reason does not quote it

    # owner-only, whatever the umask: 0700 folders, 0600 files (database, lock, archive,
    # load records, rejected files and reasons, reports, audit log)
    for root in (data, reports):
        for path in [root, *root.rglob("*")]:
            if path.is_symlink():
                continue
            want = 0o700 if path.is_dir() else 0o600
            assert path.stat().st_mode & 0o777 == want, path.relative_to(tmp_path)
    assert {p.name for p in data.iterdir()} >= {"warehouse.duckdb", "archive", "rejected", "audit.jsonl"}

    # the audit line of this run: inputs by hash, rubric and code version, outputs; no paths
    (line,) = (data / "audit.jsonl").read_text().splitlines()
    record = json.loads(line)
    archived = sorted(p.name.split(".")[0] for p in (data / "archive").iterdir() if p.suffix == ".csv")
    assert sorted(record["inputs"]["sha256"]) == archived and sorted(record["inputs"]["loaded_by_this_run"]) == archived
    assert record["outcome"] == "completed" and record["rubric"]["version"] and record["code"]["package"]
    assert record["outputs"] == {"report_folder": f"runs/{record['run_id']}",
                                 "files": sum(1 for p in (reports / "runs" / record["run_id"]).rglob("*") if p.is_file())}
    assert str(tmp_path) not in line and "/root/" not in line and "/home/" not in line


def test_the_audit_log_only_ever_grows(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    audit.append(db, {"run_id": "r1"})
    first = audit.audit_path(db).read_bytes()
    audit.append(db, {"run_id": "r2"})
    assert audit.audit_path(db).read_bytes().startswith(first)
    assert [json.loads(x)["run_id"] for x in audit.audit_path(db).read_text().splitlines()] == ["r1", "r2"]
    assert audit.audit_path(db).stat().st_mode & 0o777 == 0o600
