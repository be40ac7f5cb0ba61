"""The parts of the validate SQL models (transforms/validate/sql/*.sql) generated from the
contract and the suite: column lists, flags, failure arms and reason sentences.

A model's text has `{{placeholders}}` for these parts; transforms.sql_files.sql_text fills them.
Everything here is pure (strings in, strings out), so the driver stays a short sequence.
"""

from __future__ import annotations

from transforms.contract import Kind, clean_columns
from transforms.sql_files import sql_literal
from transforms.validate.casting import cleaned_text, parses_flag, typed_value
from transforms.validate.suite_spec import EMPTY_ALLOWED, FUTURE_ALLOWED, FUTURE_ALLOWED_WHEN

MANAGER_COLUMN = ("people", "manager_id")  # may hold names: resolved to ids by manager_names.sql
SQL_ENGINE = "duckdb"  # suite expectations with this engine are evaluated in SQL (v_checked flags)


def typed_columns(kind: Kind, date_formats: tuple[str, ...]) -> str:
    """typed.sql's select list: lineage, each column typed, presence and parse flags."""
    cols = ["s.row_id", "s.file_sha256", "s.source_file", "s.source_line"]
    if kind.name == "people":
        cols.append("s.snapshot_as_of")
    for col in kind.columns:
        name = col.name
        if name == "level":
            # GX checks `level` against the rubric's ids: a resolved alias becomes its id,
            # an unknown value stays as written (and fails); the clean table keeps both.
            cols += [f"coalesce(lm.level_id, {cleaned_text(name)}) as level", "lm.level_id as level__id",
                     f"{cleaned_text(name)} as level__raw"]
        elif name == "track":
            # likewise checked against the rubric's track ids; the clean table keeps the id
            cols.append(f"coalesce(tm.track_id, {cleaned_text(name)}) as track")
        elif (kind.name, name) == MANAGER_COLUMN:
            # a roster whose manager column holds names: the id resolved by name (manager_names.sql)
            cols += [f"case when mn.manager_holds_names then mn.resolved_manager_id else {cleaned_text(name)} end as {name}",
                     "mn.manager_name_match as manager_id__name_match",
                     "coalesce(mn.manager_name_match, '') <> 'unknown' as manager_id__name_known",
                     "coalesce(mn.manager_name_match, '') <> 'ambiguous' as manager_id__name_unique"]
        else:
            cols.append(f'{typed_value(col, date_formats)} as "{name}"')
        if col.type != "text":
            cols.append(f'{parses_flag(col, date_formats)} as "{name}__parses"')
            if col.required:
                cols.append(f'{cleaned_text(name)} is not null as "{name}__present"')
    return ",\n        ".join(cols)


def rubric_joins(kind: Kind) -> str:
    """typed.sql's joins to v_level_map and v_track_map (for the kind's columns among them)."""
    joins = []
    if "level" in kind.names:
        joins.append("left join level_map as lm on lm.level_raw = nullif(trim(s.level), '')")
    if "track" in kind.names:
        joins.append("left join track_map as tm on tm.track_raw = nullif(trim(s.track), '')")
    return "\n    ".join(joins)


def manager_join(kind: Kind) -> str:
    """typed.sql's join to v_manager_names (people only)."""
    if (kind.name, "manager_id") != MANAGER_COLUMN:
        return ""
    return "left join v_manager_names as mn on mn.row_id = s.row_id"


def not_after_flags(kind: Kind) -> str:
    """Per date column: `<col>__not_after_export`, true when empty, unparseable, exempt or not after the export date.

    Rendered with a trailing comma per flag (the checked models list more columns after them).
    """
    out = []
    for col in kind.columns:
        if col.type != "date" or col.name in FUTURE_ALLOWED:
            continue
        test = f't."{col.name}" is null or t."{col.name}" <= xd.export_date'
        if (kind.name, col.name) in FUTURE_ALLOWED_WHEN:
            other, value = FUTURE_ALLOWED_WHEN[(kind.name, col.name)]
            test += f' or t."{other}" is not distinct from {sql_literal(value)}'  # typed: trimmed, lower-case
        out.append(f'({test}) as "{col.name}__not_after_export",\n        ')
    return "".join(out)


def sql_expectations(suite: dict) -> list[dict]:
    """The suite's expectations evaluated in SQL: a true/false flag column of v_checked each."""
    return [e for e in suite["expectations"] if e["meta"].get("engine") == SQL_ENGINE]


def gx_suite(suite: dict) -> dict:
    """The suite without its SQL-engine expectations: the row checks GX runs on typed rows."""
    return {**suite, "expectations": [e for e in suite["expectations"] if e["meta"].get("engine") != SQL_ENGINE]}


def sql_failures(suite: dict) -> str:
    """failures.sql's arms: (row_id, check_name) of every row whose SQL-engine flag is false (NULL passes, as in GX)."""
    arms = []
    for exp in sql_expectations(suite):
        kw = exp["kwargs"]
        if exp["type"] != "expect_column_values_to_be_in_set" or kw.get("value_set") != [True]:
            raise ValueError(f"SQL-engine check {exp['meta']['check']} must be a true/false flag column")
        flag = kw["column"]
        arms.append(f'select row_id, {sql_literal(exp["meta"]["check"])} as check_name from v_checked '
                    f'where "{flag}" is not null and not "{flag}"')
    if not arms:
        return "select null::varchar as row_id, null::varchar as check_name where false"
    return "\n    union all\n    ".join(arms)


def reason_case(templates: list[dict]) -> str:
    """CASE over check_name giving each failure its sentence, quoting the row's raw text (s) and export date (xd)."""
    arms = []
    for t in templates:
        expr = sql_literal(t["reason"])
        if "{export_date}" in t["reason"]:  # before {value}, so a raw value is never substituted into
            expr = f"replace({expr}, '{{export_date}}', strftime(xd.export_date, '%Y-%m-%d'))"
        if "{value}" in t["reason"]:
            expr = f"replace({expr}, '{{value}}', coalesce(trim(s.\"{t['column']}\"), ''))"
        if "{value_b}" in t["reason"]:
            expr = f"replace({expr}, '{{value_b}}', coalesce(trim(s.\"{t['column_b']}\"), ''))"
        arms.append(f"when {sql_literal(t['check'])} then {expr}")
    return "case f.check_name " + " ".join(arms) + " end"


def gate_required_columns(kind: Kind) -> list[str]:
    """Required columns the whole-file gate looks at (a column may be empty only where the contract allows)."""
    return [c for c in kind.required if (kind.name, c) not in EMPTY_ALLOWED]


def missing_columns(kind: Kind) -> str:
    """gate_measures.sql's booleans: the column is empty in every row of the file."""
    by_name = {c.name: c for c in kind.columns}
    out = []
    for name in gate_required_columns(kind):
        empty = f'"{name}" is null' if by_name[name].type == "text" else f'not "{name}__present"'
        out.append(f'bool_and({empty}) as "{name}__missing"')
    return ",\n        ".join(out) if out else "false as no_required_column"


def clean_select(kind: Kind) -> str:
    """clean.sql's select list: the columns of clean_<kind> (transforms.contract.clean_columns), read from v_checked as c."""
    return ", ".join(f'c."{source}" as "{name}"' for name, _, source in clean_columns(kind))
