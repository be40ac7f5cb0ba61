"""The machine-readable outputs of a run, written by DuckDB COPY: CSV for people, Parquet for tools, run.json.

readiness.csv, stuck.csv, quarantine.csv, changes.csv: text cells pass through the SQL macro
csv_safe (sql/csv_safe.sql), so no cell can start a spreadsheet formula. readiness.parquet,
criteria.parquet, evidence.parquet: one row per engineer, per engineer x criterion, per
evidence row. run.json: what the run read and how many rows each file holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from transforms.contract import SENSITIVE_COLUMNS
from transforms.files import make_private, write_private
from transforms.report.facts import ReportFacts, use_batch
from transforms.sql_files import sql_literal, sql_text

# (column, kind): kind text | number | bool | date, or a list kind joined with "|" (ids) or "; " (sentences)
READINESS_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("manager_id", "text"), ("team", "text"), ("track", "text"),
    ("level", "text"), ("next_level", "text"), ("level_start_date", "date"), ("level_start_source", "text"),
    ("years_in_level", "number"), ("window_position", "text"), ("readiness_score", "number"), ("status", "text"),
    ("accelerated", "bool"), ("symptoms", "ids"), ("criteria_measured", "number"), ("criteria_total", "number"),
    ("not_scored_reason", "text"),
]
STUCK_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("manager_id", "text"), ("team", "text"), ("level", "text"),
    ("next_level", "text"), ("years_in_level", "number"), ("realistic_max_years", "number"),
    ("years_past_ceiling", "number"), ("readiness_score", "number"), ("symptoms", "ids"),
    ("symptom_titles", "sentences"), ("remedies", "sentences"), ("gaps", "sentences"),
]
QUARANTINE_COLUMNS = [
    ("source_file", "text"), ("line", "number"), ("kind", "text"), ("employee_id", "text"), ("checks", "ids"),
    ("reason", "text"),
]
CHANGES_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("team", "text"), ("change", "text"), ("previous_level", "text"),
    ("level", "text"), ("previous_status", "text"), ("status", "text"),
]
CRITERIA_COLUMNS = [
    "employee_id", "criterion_id", "target_level", "title", "measured", "target", "weight", "contribution",
    "is_measured", "met", "remedy", "evidence_row_ids",
]
EVIDENCE_COLUMNS = [
    "employee_id", "criterion_id", "evidence_kind", "row_id", "evidence_date", "label", "detail", "counterpart_id",
]
_JOIN = {"ids": "|", "sentences": "; "}
# a regex of the sensitive column names: a quarantine reason naming one is withheld
SENSITIVE_PATTERN = "|".join(SENSITIVE_COLUMNS)


def _csv_cell(name: str, kind: str, source: str | None = None) -> str:
    """The SQL expression of one CSV cell: text through csv_safe, lists joined, numbers as they are."""
    col = f'"{source or name}"'
    if kind in _JOIN:
        return f"csv_safe(array_to_string({col}, '{_JOIN[kind]}')) as \"{name}\""
    if kind == "text":
        return f"csv_safe({col}::varchar) as \"{name}\""
    return f"{col} as \"{name}\""


def _refuse_sensitive(columns) -> None:
    leaked = set(columns) & set(SENSITIVE_COLUMNS)
    if leaked:
        raise ValueError(f"report outputs: sensitive column(s) {sorted(leaked)} must not be written")


def copy_csv(con: duckdb.DuckDBPyConnection, path: Path, query: str, columns: list[tuple[str, str]],
             params: dict, renamed: dict[str, str] | None = None) -> int:
    """Write `query`'s `columns` as a spreadsheet-safe CSV with a header; the number of rows written."""
    _refuse_sensitive(name for name, _ in columns)
    cells = ", ".join(_csv_cell(name, kind, (renamed or {}).get(name)) for name, kind in columns)
    (rows,) = con.execute(
        f"copy (select {cells} from ({query})) to {sql_literal(path)} (format csv, header)", params).fetchone()
    make_private(path)
    return rows


def copy_parquet(con: duckdb.DuckDBPyConnection, path: Path, query: str, columns: list[str], params: dict) -> int:
    """Write `query`'s `columns` as Parquet (zstd); the number of rows written."""
    _refuse_sensitive(columns)
    cols = ", ".join(f'"{c}"' for c in columns)
    (rows,) = con.execute(
        f"copy (select {cols} from ({query})) to {sql_literal(path)} (format parquet, compression zstd)", params
    ).fetchone()
    make_private(path)
    return rows


def use_windows(con: duckdb.DuckDBPyConnection, facts: ReportFacts) -> None:
    """Fill the temp table report_windows (the ladder's promotion windows) that the tables read."""
    con.execute("""create or replace temp table report_windows (level varchar primary key, to_level varchar,
                   accelerated_min double, accelerated_max double, realistic_min double, realistic_max double)""")
    rows = [(lv, w.to_level, w.accelerated_min, w.accelerated_max, w.realistic_min, w.realistic_max)
            for lv, w in facts.windows.items()]
    if rows:
        con.executemany("insert into report_windows values (?, ?, ?, ?, ?, ?)", rows)


def use_changes(con: duckdb.DuckDBPyConnection, facts: ReportFacts) -> None:
    """Fill the temp table report_changes: who changed since the previous run (empty without one)."""
    run = facts.run
    shown = "" if run.previous_run_id else " limit 0"  # without a previous run nothing changed
    changes = sql_text("transforms.report", "sql/changes")
    con.execute(f"create or replace temp table report_changes as select * from ({changes}){shown}",
                {"run_id": run.run_id, "previous_run_id": run.previous_run_id})


def define_csv_safe(con: duckdb.DuckDBPyConnection) -> None:
    """The macro csv_safe(text) that every CSV text cell passes through."""
    con.execute(sql_text("transforms.report", "sql/csv_safe"))


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    """csv_safe(text), the HTML macros (sql/html.sql) and report_evidence(run) (it reads the engineers in report_batch)."""
    define_csv_safe(con)
    con.execute(sql_text("transforms.report", "sql/html"))
    use_batch(con, [])
    con.execute(sql_text("transforms.report", "sql/evidence"))


def write_tables(con: duckdb.DuckDBPyConnection, facts: ReportFacts, folder: Path) -> dict[str, int]:
    """Every CSV and Parquet file of the run into `folder`; rows written per file."""
    run_id = facts.run.run_id
    params = {"run_id": run_id}
    sql = {name: sql_text("transforms.report", f"sql/{name}") for name in
           ("readiness_table", "stuck_table", "quarantine_rows", "changes_table", "criteria_table", "evidence_table")}
    rows = {
        "readiness.csv": copy_csv(con, folder / "readiness.csv", sql["readiness_table"], READINESS_COLUMNS, params),
        "readiness.parquet": copy_parquet(con, folder / "readiness.parquet", sql["readiness_table"],
                                          [name for name, _ in READINESS_COLUMNS], params),
        "stuck.csv": copy_csv(con, folder / "stuck.csv", sql["stuck_table"], STUCK_COLUMNS, params),
        "quarantine.csv": copy_csv(con, folder / "quarantine.csv", sql["quarantine_rows"], QUARANTINE_COLUMNS,
                                   {**params, "sensitive": SENSITIVE_PATTERN}, renamed={"line": "source_line"}),
        "changes.csv": copy_csv(con, folder / "changes.csv", sql["changes_table"], CHANGES_COLUMNS, {}),
        "criteria.parquet": copy_parquet(con, folder / "criteria.parquet", sql["criteria_table"],
                                         CRITERIA_COLUMNS, params),
    }
    con.execute("create or replace temp table report_batch as select employee_id from readiness where run_id = ?",
                [run_id])  # the whole run: report_evidence reads the engineers in report_batch
    rows["evidence.parquet"] = copy_parquet(con, folder / "evidence.parquet", sql["evidence_table"],
                                            EVIDENCE_COLUMNS, params)
    use_batch(con, [])
    return rows


def run_manifest(facts: ReportFacts, rows: dict[str, int], status_counts: dict[str, int]) -> str:
    """run.json: the run, what it read, and the rows of every machine-readable file."""
    run = facts.run
    doc = {
        "notice": "Scores are a recommendation for human review, never a decision.",
        "run_id": run.run_id,
        "as_of": run.as_of,
        "snapshot_as_of": run.snapshot_as_of,
        "rubric": {"name": run.rubric_name, "version": run.rubric_version, "file": run.rubric_file,
                   "sha256": run.rubric_sha256},
        "input_files": [{"kind": f.kind, "name": f.original_name, "sha256": f.file_sha256} for f in run.input_files],
        "previous_run_id": run.previous_run_id,
        "previous_snapshot_as_of": run.previous_snapshot_as_of,
        "engineers": rows.get("readiness.parquet", 0),
        "status_counts": status_counts,
        "rows": rows,
    }
    return json.dumps(doc, default=str, indent=1, ensure_ascii=False) + "\n"


def write_manifest(path: Path, facts: ReportFacts, rows: dict[str, int], status_counts: dict[str, int]) -> None:
    write_private(path, run_manifest(facts, rows, status_counts))
