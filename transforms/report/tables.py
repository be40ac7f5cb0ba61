"""The machine-readable outputs of a run: readiness.csv, stuck.csv, quarantine.csv, readiness.json."""

from __future__ import annotations

import json
from typing import Iterator

import duckdb

from transforms.report.csv_files import csv_text, redact_sensitive
from transforms.report.facts import ReportFacts, in_batches
from transforms.report.queries import query

READINESS_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("manager_id", "text"), ("team", "text"), ("track", "text"),
    ("level", "text"), ("next_level", "text"), ("level_start_date", "text"), ("level_start_source", "text"),
    ("years_in_level", "number"), ("window_position", "text"), ("readiness_score", "number"), ("status", "text"),
    ("accelerated", "bool"), ("symptoms", "text"), ("criteria_measured", "number"), ("criteria_total", "number"),
    ("not_scored_reason", "text"),
]
# Lists of ids (symptoms, checks) are joined with "|"; lists of sentences (remedies, gaps) with "; ".
STUCK_COLUMNS = [
    ("employee_id", "text"), ("name", "text"), ("manager_id", "text"), ("team", "text"), ("level", "text"),
    ("next_level", "text"), ("years_in_level", "number"), ("realistic_max_years", "number"),
    ("years_past_ceiling", "number"), ("readiness_score", "number"), ("symptoms", "text"),
    ("symptom_titles", "text"), ("remedies", "text"), ("gaps", "text"),
]
QUARANTINE_COLUMNS = [
    ("source_file", "text"), ("line", "number"), ("kind", "text"), ("employee_id", "text"), ("checks", "text"),
    ("reason", "text"),
]


def _round(value, digits):
    return None if value is None else round(value, digits)


def _readiness_row(e) -> dict:
    return {
        "employee_id": e.employee_id, "name": e.name, "manager_id": e.manager_id, "team": e.team, "track": e.track,
        "level": e.level, "next_level": e.next_level,
        "level_start_date": e.level_start_date.isoformat() if e.level_start_date else None,
        "level_start_source": e.level_start_source, "years_in_level": _round(e.years_in_level, 4),
        "window_position": e.position if e.window else None, "readiness_score": _round(e.readiness_score, 2),
        "status": e.status, "accelerated": e.accelerated, "symptoms": "|".join(e.symptom_ids),
        "criteria_measured": e.criteria_measured, "criteria_total": e.criteria_total,
        "not_scored_reason": e.not_scored_reason,
    }


def readiness_rows(facts: ReportFacts) -> list[dict]:
    return [_readiness_row(e) for e in facts.engineers]


def stuck_rows(con: duckdb.DuckDBPyConnection, facts: ReportFacts) -> list[dict]:
    """stuck.csv rows, furthest past the ceiling first; symptoms and gaps read a batch at a time."""
    stuck = facts.stuck_engineers()
    rows = []
    for batch in in_batches(con, facts.run.run_id, stuck):
        rows += [
            {
                "employee_id": e.employee_id, "name": e.name, "manager_id": e.manager_id, "team": e.team, "level": e.level,
                "next_level": e.next_level, "years_in_level": _round(e.years_in_level, 4),
                "realistic_max_years": e.window.realistic_max if e.window else None,
                "years_past_ceiling": _round(e.years_past_ceiling, 4), "readiness_score": _round(e.readiness_score, 2),
                "symptoms": "|".join(s.id for s in e.symptoms), "symptom_titles": [s.title for s in e.symptoms],
                "remedies": list(dict.fromkeys(r for s in e.symptoms for r in s.remedies)),
                "gaps": [f"{c.title}: {c.remedy}" if c.remedy else c.title for c in e.gaps],
            }
            for e in batch
        ]
    return rows


def quarantine_rows(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict]:
    return [
        {"source_file": r["source_file"], "line": r["source_line"], "kind": r["kind"], "employee_id": r["employee_id"],
         "checks": "|".join(r["checks"]), "reason": redact_sensitive(r["reason"])}
        for r in query(con, "quarantine_rows", run_id=run_id)
    ]


def _engineer_document(e) -> dict:
    return {
        **_readiness_row(e),
        "symptoms": e.symptom_ids,
        "criteria": [
            {"criterion_id": c.id, "title": c.title, "measured": c.measured, "target": c.target, "weight": c.weight,
             "contribution": c.contribution, "is_measured": c.is_measured, "met": c.met, "remedy": c.remedy,
             "evidence": [{"kind": ev.kind, "row_id": ev.row_id, "label": ev.label, "detail": ev.detail, "date": ev.on}
                          for ev in c.evidence]}
            for c in e.criteria
        ],
        "stuck_symptoms": [{"symptom_id": s.id, "title": s.title, "remedies": s.remedies, "evidence": s.evidence} for s in e.symptoms],
    }


def _json(value) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def readiness_document(con: duckdb.DuckDBPyConnection, facts: ReportFacts) -> Iterator[str]:
    """readiness.json in pieces: run metadata and changes, then every engineer with criteria, evidence and symptoms."""
    run = facts.run
    head = {
        "notice": "Scores are a recommendation for human review, never a decision.",
        "run": {
            "run_id": run.run_id, "as_of": run.as_of, "snapshot_as_of": run.snapshot_as_of,
            "rubric": {"name": run.rubric_name, "version": run.rubric_version, "file": run.rubric_file, "sha256": run.rubric_sha256},
            "input_files": [{"kind": f.kind, "name": f.original_name, "sha256": f.file_sha256} for f in run.input_files],
            "previous_run_id": run.previous_run_id, "previous_snapshot_as_of": run.previous_snapshot_as_of,
        },
        "windows": {lv: {"to_level": w.to_level, "accelerated_years": [w.accelerated_min, w.accelerated_max],
                         "realistic_years": [w.realistic_min, w.realistic_max]} for lv, w in facts.windows.items()},
        "changes": [{k: c[k] for k in ("employee_id", "name", "change", "previous_level", "level", "previous_status", "status")}
                    for c in facts.changes],
    }
    yield "{\n" + "".join(f" {_json(k)}: {_json(v)},\n" for k, v in head.items()) + ' "engineers": ['
    first = True
    for batch in in_batches(con, run.run_id, facts.engineers):
        yield ("\n  " if first else ",\n  ") + ",\n  ".join(_json(_engineer_document(e)) for e in batch)
        first = False
    yield "\n ]\n}\n"


def render_tables(con: duckdb.DuckDBPyConnection, facts: ReportFacts) -> Iterator[tuple[str, str | Iterator[str]]]:
    """(relative path, text or pieces of text) of every CSV and JSON output of the run."""
    yield "readiness.csv", csv_text(READINESS_COLUMNS, readiness_rows(facts))
    yield "stuck.csv", csv_text(STUCK_COLUMNS, stuck_rows(con, facts))
    yield "quarantine.csv", csv_text(QUARANTINE_COLUMNS, quarantine_rows(con, facts.run.run_id))
    yield "readiness.json", readiness_document(con, facts)
