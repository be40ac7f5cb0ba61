"""The Great Expectations suite of each export kind, derived from the data contract.

The suites are kept as files (transforms/validate/suites/<kind>.json) and loaded at run
time; this module regenerates them (`python -m transforms.validate.suite_spec`) and a
test fails when a file drifts from the contract. Value sets are never written into the
files: they are suite parameters (`{"$PARAMETER": "values_role"}`, `level_ids`, `track_ids`)
filled at run time from transforms.contract and the rubric.

Every expectation carries `meta`: the check name stored in quarantine, the column whose
raw text `{value}` quotes in the reason, and the reason template. Templates for
sensitive columns never quote the value.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from transforms.contract import EVIDENCE_KINDS, KINDS, SENSITIVE_COLUMNS, Column, Kind

SUITES_DIR = Path(__file__).parent / "suites"

# "Required" columns whose value may be empty: manager_id is empty for the top of the org.
EMPTY_ALLOWED = {("people", "manager_id")}
# Ordinal scales of the exports (DESIGN.md data contract: proficiency and last_rating are 1-5).
RANGES = {"proficiency": (1, 5), "last_rating": (1, 5)}
# Date columns that may lie after the as-of date: a planned end, and the export's own date.
FUTURE_ALLOWED = {"end_date", "as_of"}
# (kind, date column) -> (column, value): rows with that value may be dated after their export
# (a planned project starts later). Other dates must not lie after their file's export date,
# computed per row in DuckDB as the flag <column>__not_after_export (validation.py).
FUTURE_ALLOWED_WHEN = {("projects", "start_date"): ("status", "planned")}
# "a must not be before b" pairs, per kind: (a, b, check name).
ORDERED_PAIRS = {
    "people": [("level_start_date", "hire_date", "level_start_not_before_hire")],
    "projects": [("end_date", "start_date", "end_not_before_start")],
}
# Ids: no whitespace or control characters inside (surrounding spaces are trimmed first).
ID_REGEX = r"^[^\s\x00-\x1f\x7f]+$"
# Cross-row / cross-table checks: computed in DuckDB as per-row boolean columns, checked by GX.
RELATIONAL = {
    "people": [
        ("employee_id__unique_in_snapshot", "duplicate_employee_id", "employee_id",
         "employee_id '{value}' appears more than once in this snapshot"),
        ("manager_id__in_snapshot", "manager_exists", "manager_id",
         "manager_id '{value}' is not an employee of this snapshot"),
        ("manager_id__name_known", "manager_name_known", "manager_id",
         "manager '{value}' is nobody's name in this roster (its manager column holds names); fix the name or export ids"),
        ("manager_id__name_unique", "manager_name_unique", "manager_id",
         "manager '{value}' is the name of more than one person in this roster; export the manager's id instead"),
        ("employee_id__not_in_cycle", "no_management_cycle", "employee_id",
         "employee_id '{value}' is part of a management cycle"),
    ],
    **{
        kind: [("employee_id__known", "employee_known", "employee_id",
                "employee_id '{value}' is not in the served people snapshot ({snapshot})")]
        for kind in EVIDENCE_KINDS
    },
}
# Columns whose values are the rubric's ids (a name or alias resolved to its id while typing).
RUBRIC_VALUED = ("level", "track")
TYPE_WORDS = {"date": "is_date", "int": "is_whole_number", "decimal": "is_number", "bool": "is_true_false"}


def _expect(type_: str, kwargs: dict, check: str, column: str, reason: str, engine="great_expectations", column_b=None) -> dict:
    if column in SENSITIVE_COLUMNS and "{value}" in reason:
        raise ValueError(f"reason of {check} would quote the sensitive column {column}")
    meta = {"check": check, "column": column, "reason": reason, "engine": engine}
    if column_b:
        meta["column_b"] = column_b
    return {"type": type_, "kwargs": kwargs, "meta": meta}


def _is_true(column: str) -> dict:
    return {"column": column, "value_set": [True]}


def _type_reason(col: Column) -> str:
    if col.name in SENSITIVE_COLUMNS:
        return f"{col.name} is not a {'number' if col.type in ('int', 'decimal') else col.type}"
    return {
        "date": f"{col.name} '{{value}}' is not a date (expected {{date_formats}})",
        "int": f"{col.name} '{{value}}' is not a whole number",
        "decimal": f"{col.name} '{{value}}' is not a number",
        "bool": f"{col.name} '{{value}}' is not true/false (expected yes/no, true/false or 1/0)",
    }[col.type]


def _column_expectations(kind: Kind, col: Column) -> list[dict]:
    c, out = col.name, []
    if col.required and (kind.name, c) not in EMPTY_ALLOWED:
        if col.type == "text":
            out.append(_expect("expect_column_values_to_not_be_null", {"column": c}, f"{c}_required", c, f"{c} is missing"))
        else:  # the typed column is NULL when unparseable too, so presence has its own flag
            out.append(_expect("expect_column_values_to_be_in_set", _is_true(f"{c}__present"), f"{c}_required", c, f"{c} is missing"))
    if c.endswith("_id"):
        out.append(_expect("expect_column_values_to_match_regex", {"column": c, "regex": ID_REGEX}, f"{c}_well_formed", c,
                           f"{c} '{{value}}' is not a well-formed id (spaces or control characters inside)"))
    if col.type != "text":
        out.append(_expect("expect_column_values_to_be_in_set", _is_true(f"{c}__parses"), f"{c}_{TYPE_WORDS[col.type]}", c, _type_reason(col)))
    if col.type == "date" and c not in FUTURE_ALLOWED:
        # The export date is per file (people: the snapshot's as-of date; others: the date in
        # the file name, else the run's as-of date), so the comparison is a DuckDB flag.
        out.append(_expect("expect_column_values_to_be_in_set", _is_true(f"{c}__not_after_export"),
                           f"{c}_not_after_as_of", c, f"{c} {{value}} is after the as-of date {{export_date}}",
                           engine="duckdb"))
    if c in RANGES:
        lo, hi = RANGES[c]
        out.append(_expect("expect_column_values_to_be_between", {"column": c, "min_value": lo, "max_value": hi},
                           f"{c}_in_range", c, f"{c} {{value}} is outside {lo}-{hi}"))
    if col.values is not None:
        out.append(_expect("expect_column_values_to_be_in_set", {"column": c, "value_set": {"$PARAMETER": f"values_{c}"}},
                           f"{c}_valid", c, f"{c} '{{value}}' is not one of {{allowed}}"))
    if c in RUBRIC_VALUED:
        out.append(_expect("expect_column_values_to_be_in_set", {"column": c, "value_set": {"$PARAMETER": f"{c}_ids"}},
                           f"{c}_known", c, f"{c} '{{value}}' is not a {c} of the rubric or one of its aliases ({{allowed}})"))
    return out


def build_suite(kind_name: str) -> dict:
    """The suite of one kind as GX's JSON form, with the check metadata in `meta`."""
    kind = KINDS[kind_name]
    expectations = [e for col in kind.columns for e in _column_expectations(kind, col)]
    for a, b, check in ORDERED_PAIRS.get(kind_name, []):
        expectations.append(_expect(
            "expect_column_pair_values_a_to_be_greater_than_b",
            {"column_A": a, "column_B": b, "or_equal": True, "ignore_row_if": "either_value_is_missing"},
            check, a, f"{a} {{value}} is before {b} {{value_b}}", column_b=b))
    for flag, check, column, reason in RELATIONAL.get(kind_name, []):
        expectations.append(_expect("expect_column_values_to_be_in_set", _is_true(flag), check, column, reason, engine="duckdb"))
    return {"name": f"readiness_{kind_name}", "expectations": expectations, "meta": {"kind": kind_name}}


def suite_text(kind_name: str) -> str:
    return json.dumps(build_suite(kind_name), indent=2, ensure_ascii=True) + "\n"


def load_suite_dict(kind_name: str) -> dict:
    """The suite file of `kind_name` as shipped in the package."""
    return json.loads(files("transforms.validate").joinpath("suites", f"{kind_name}.json").read_text(encoding="utf-8"))


def write_suites(out_dir: Path = SUITES_DIR) -> list[Path]:
    """Regenerate every suite file from the contract (developer tool)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind_name in KINDS:
        path = out_dir / f"{kind_name}.json"
        path.write_text(suite_text(kind_name), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_suites():
        print(p.name)
