"""validate(): raw_<kind> -> clean_<kind>, quarantine, validation_results, file_gates.

Per kind: cast the raw text to the contract types in DuckDB (with a parse flag per typed
column), add the cross-row checks as boolean columns (DuckDB SQL), run the kind's GX suite
on one pandas frame of all its rows, then decide per file (gate) and per row (clean,
quarantined, superseded) in DuckDB. People are validated one snapshot at a time, newest
(<= as_of) first, until a snapshot passes its gates: that one is served. Of several people
files with the same as-of date only the last loaded is used (a corrected re-export); the
earlier ones are counted as superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files

import duckdb
import pandas as pd

from transforms.contract import KINDS, Kind
from transforms.validate.casting import cleaned_text, human_date_formats, parses_flag, sql_literal, typed_value
from transforms.validate.expectations import frame_columns, run_suite
from transforms.validate.export_dates import write_export_dates
from transforms.validate.suite_spec import EMPTY_ALLOWED, FUTURE_ALLOWED, FUTURE_ALLOWED_WHEN, load_suite_dict

EVIDENCE_KINDS = ("job_history", "projects", "activities", "skills")
FILE_REJECTED = "file_rejected"
CLEAN_RENAMES = {("activities", "date"): "activity_date"}
CLEAN_DROPS = {("people", "as_of")}  # the snapshot's date is snapshot_as_of
# Rows per pandas frame handed to GX: bounds memory on a 10M-row export (GX on pandas holds
# several copies of a frame while it computes metrics).
GX_CHUNK_ROWS = 1_000_000


class ValidationInternalError(RuntimeError):
    """Conservation failed: a bug in validation, never a data problem."""


@dataclass(frozen=True)
class ValidationSummary:
    """What one validation run did: counts per kind, the snapshot served, the loud messages."""

    run_id: str
    as_of: date
    snapshot_as_of: date | None  # the people snapshot served (None: no good snapshot)
    rows_clean: dict[str, int]
    rows_quarantined: dict[str, int]
    rows_superseded: dict[str, int]
    quarantined_total: int
    terminated: int  # clean people with employment_status 'terminated' (kept, not scored)
    reports_of_quarantined_managers: int  # clean people whose manager row was quarantined
    gate_failures: tuple[str, ...]  # one line per rejected file, saying what is served instead
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _FileGate:
    file_sha256: str
    name: str
    rows_in: int
    bad_share: float
    passed: bool
    reason: str | None


def _sql(name: str) -> str:
    return files("transforms.validate").joinpath("sql", name).read_text(encoding="utf-8")


def _temp(con: duckdb.DuckDBPyConnection, name: str, select_sql: str, params=None) -> None:
    con.execute(f"create or replace temp table {name} as {select_sql}", params or [])


def _view(con: duckdb.DuckDBPyConnection, name: str, select_sql: str) -> None:
    """A temp view: no copy of a 10M-row raw table is held in memory."""
    con.execute(f"create or replace temp view {name} as {select_sql}")


def _temp_from_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    con.register("v_frame_in", frame)
    try:
        _temp(con, name, "select * from v_frame_in")
    finally:
        con.unregister("v_frame_in")


# Typing ---------------------------------------------------------------------------------


def _level_map(con: duckdb.DuckDBPyConnection, rubric) -> None:
    """v_level_map(level_raw, level_id): every distinct raw level of v_src resolved by the rubric."""
    raws = [r[0] for r in con.execute(f"select distinct {cleaned_text('level')} from v_src").fetchall() if r[0] is not None]
    frame = pd.DataFrame({"level_raw": raws, "level_id": [rubric.resolve_level(r) for r in raws]}, dtype=object)
    _temp_from_frame(con, "v_level_map", frame.astype({"level_raw": "string", "level_id": "string"}))


def _typed_select(kind: Kind, date_formats: tuple[str, ...]) -> str:
    """SELECT of v_typed from v_src: lineage, each column typed, presence and parse flags."""
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
        else:
            cols.append(f'{typed_value(col, date_formats)} as "{name}"')
        if col.type != "text":
            cols.append(f'{parses_flag(col, date_formats)} as "{name}__parses"')
            if col.required:
                cols.append(f'{cleaned_text(name)} is not null as "{name}__present"')
    join = "left join v_level_map as lm on lm.level_raw = nullif(trim(s.level), '')" if "level" in kind.names else ""
    typed = f"select {', '.join(cols)} from v_src as s {join}"
    flags = _not_after_flags(kind)
    if not flags:
        return typed
    # Inner join: every file has an export date; a row lost here would fail conservation loudly.
    return (f"select t.*, {', '.join(flags)} from ({typed}) as t "
            "join v_export_dates as xd on xd.file_sha256 = t.file_sha256")


def _not_after_flags(kind: Kind) -> list[str]:
    """Per date column: `<col>__not_after_export`, true when empty, unparseable, exempt or not after the export date."""
    out = []
    for col in kind.columns:
        if col.type != "date" or col.name in FUTURE_ALLOWED:
            continue
        test = f't."{col.name}" is null or t."{col.name}" <= xd.export_date'
        if (kind.name, col.name) in FUTURE_ALLOWED_WHEN:
            other, value = FUTURE_ALLOWED_WHEN[(kind.name, col.name)]
            test += f' or t."{other}" is not distinct from {sql_literal(value)}'  # typed: trimmed, lower-case
        out.append(f'({test}) as "{col.name}__not_after_export"')
    return out


def _build_checked(con: duckdb.DuckDBPyConnection, kind: Kind, rubric, settings) -> None:
    """v_checked: typed rows of v_src plus the relational check columns."""
    if "level" in kind.names:
        _level_map(con, rubric)
    _view(con, "v_typed", _typed_select(kind, settings.date_formats))
    if kind.name == "people":
        _temp(con, "v_reached", _sql("people_reached.sql"))
        _temp(con, "v_cycle_members", _sql("people_unreached.sql"))
        # Peel off, round by round, every unreached employee nobody unreached reports to: what
        # is left are the cycles (the unreached set is small: a cycle and the chains below it).
        while True:
            removed = con.execute(
                "delete from v_cycle_members as u where not exists "
                "(select 1 from v_cycle_members as r where r.manager_id = u.employee_id)"
            ).fetchone()[0]
            if removed == 0:
                break
        _temp(con, "v_checked", _sql("people_checked.sql"))
    else:
        _temp(con, "v_checked", _sql("evidence_checked.sql"))


# Checking -------------------------------------------------------------------------------


def _parameters(kind: Kind, rubric) -> dict:
    params: dict = {"level_ids": list(rubric.level_ids)}
    for col in kind.columns:
        if col.values is not None:
            params[f"values_{col.name}"] = list(col.values)
    return params


def _reason_templates(suite: dict, params: dict, settings, as_of: date, snapshot: date | None) -> list[dict]:
    """Per check: name, order, engine, value columns and the reason with run-level parts filled in."""
    out = []
    for order, exp in enumerate(suite["expectations"]):
        meta, value_set = exp["meta"], exp["kwargs"].get("value_set")
        allowed = params.get(value_set["$PARAMETER"], []) if isinstance(value_set, dict) else value_set or []
        reason = (
            meta["reason"]
            .replace("{date_formats}", human_date_formats(settings.date_formats))
            .replace("{as_of}", as_of.isoformat())
            .replace("{allowed}", ", ".join(str(v) for v in allowed))
            .replace("{snapshot}", snapshot.isoformat() if snapshot else "none served")
        )
        out.append({**meta, "order": order, "reason": reason})
    return out


def _reason_sql(templates: list[dict]) -> str:
    """CASE over check_name giving each failure its sentence, quoting the row's raw text."""
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


def _frames(reader, rows: int):
    """pandas frames of about `rows` rows from an Arrow batch reader (dates as datetime64)."""
    import pyarrow as pa

    batches, held = [], 0
    for batch in reader:
        batches.append(batch)
        held += batch.num_rows
        if held >= rows:
            yield pa.Table.from_batches(batches).to_pandas(date_as_object=False)
            batches, held = [], 0
    if held:
        yield pa.Table.from_batches(batches).to_pandas(date_as_object=False)


def _run_checks(con: duckdb.DuckDBPyConnection, kind: Kind, suite: dict, params: dict, templates: list[dict]) -> None:
    """v_failed_checks(row_id, check_name, check_order): the suite run by GX on v_checked, in chunks."""
    order = {t["check"]: t["order"] for t in templates}
    columns = ", ".join(f'"{c}"' for c in frame_columns(suite))
    reader = con.sql(f"select row_id, {columns} from v_checked").to_arrow_reader(GX_CHUNK_ROWS)
    ids, names = [], []
    for frame in _frames(reader, GX_CHUNK_ROWS):  # one GX run per chunk bounds pandas memory
        for outcome in run_suite(kind.name, suite, frame, params):
            ids += outcome.failed_row_ids
            names += [outcome.check] * len(outcome.failed_row_ids)
    fails = pd.DataFrame({"row_id": pd.Series(ids, dtype="string"), "check_name": pd.Series(names, dtype="string")})
    fails["check_order"] = fails["check_name"].map(order).astype("int64")
    _temp_from_frame(con, "v_failed_checks", fails)


def _explain_failures(con: duckdb.DuckDBPyConnection, templates: list[dict]) -> None:
    """v_failures(row_id, check_name, check_order, reason) and v_bad_rows from v_failed_checks."""
    _temp(con, "v_failures", f"select f.row_id, f.check_name, f.check_order, {_reason_sql(templates)} as reason "
                             "from v_failed_checks as f join v_src as s on s.row_id = f.row_id "
                             "join v_export_dates as xd on xd.file_sha256 = s.file_sha256")
    _temp(con, "v_bad_rows", "select distinct row_id from v_failures")


def _file_gates(con: duckdb.DuckDBPyConnection, kind: Kind, max_share: float) -> list[_FileGate]:
    """Per file of v_src: bad-row share and the whole-file gate (missing required column, share)."""
    required = [c for c in kind.required if (kind.name, c) not in EMPTY_ALLOWED]
    missing = ", ".join(f'bool_and({cleaned_text(c)} is null) as "{c}"' for c in required)
    rows = con.execute(
        f"""select s.file_sha256, any_value(i.original_name), count(*),
                   count(*) filter (where exists (select 1 from v_bad_rows as b where b.row_id = s.row_id)),
                   {missing}
            from v_src as s join ingest_files as i on i.file_sha256 = s.file_sha256
            group by s.file_sha256 order by s.file_sha256"""
    ).fetchall()
    gates = []
    for sha, name, rows_in, bad, *empty in rows:
        share = bad / rows_in if rows_in else 0.0
        gone = [c for c, e in zip(required, empty) if e]
        if gone:
            reason = f"required column {', '.join(gone)} is missing or empty in every row"
        elif share > max_share:
            reason = f"{share:.0%} of rows failed validation (gate {max_share:.0%})"
        else:
            reason = None
        gates.append(_FileGate(sha, name, rows_in, share, reason is None, reason))
    return gates


def _decide_fates(con: duckdb.DuckDBPyConnection, kind: Kind, gates: list[_FileGate]) -> None:
    """v_gates and v_fates (row_id, file_sha256, file_rejected, fate)."""
    frame = pd.DataFrame(
        {
            "file_sha256": pd.Series([g.file_sha256 for g in gates], dtype="string"),
            "passed": pd.Series([g.passed for g in gates], dtype="bool"),
            "reject_reason": pd.Series([None if g.passed else f"{g.name} rejected whole: {g.reason}" for g in gates], dtype="string"),
        }
    )
    _temp_from_frame(con, "v_gate_frame", frame)
    _temp(con, "v_gates", "select g.*, i.loaded_at from v_gate_frame as g join ingest_files as i using (file_sha256)")
    key = ", ".join(f'"{k}"' for k in kind.natural_key)
    _temp(con, "v_fates", _sql("row_fates.sql").replace("{natural_key}", key))


# Writing --------------------------------------------------------------------------------


def _clean_select(kind: Kind) -> str:
    """Typed columns of clean_<kind> (schema.sql comments), read from v_checked as c."""
    cols = ["c.snapshot_as_of"] if kind.name == "people" else []
    for col in kind.columns:
        if (kind.name, col.name) in CLEAN_DROPS:
            continue
        if col.name == "level":
            cols += ["c.level__id as level", "c.level__raw as level_raw"]
        else:
            cols.append(f'c."{col.name}" as "{CLEAN_RENAMES.get((kind.name, col.name), col.name)}"')
    cols += ["c.row_id", "c.source_file", "c.source_line"]
    return ", ".join(cols)


def _write_clean(con: duckdb.DuckDBPyConnection, kind: Kind) -> None:
    """clean_<kind>: the rows whose fate is clean (none when every file was rejected)."""
    con.execute(
        f"create or replace table clean_{kind.name} as select {_clean_select(kind)} from v_checked as c "
        "join v_fates as f on f.row_id = c.row_id where f.fate = 'clean' order by c.source_file, c.source_line"
    )


def _write_empty_clean(con: duckdb.DuckDBPyConnection, kind: Kind, settings, rubric) -> None:
    """clean_<kind> with its columns and no rows (no snapshot could be served)."""
    _view(con, "v_src", f"select * from raw_{kind.name} where false")
    _build_checked(con, kind, rubric, settings)
    con.execute(f"create or replace table clean_{kind.name} as select {_clean_select(kind)} from v_checked as c")


def _record(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: str, templates: list[dict], gates: list[_FileGate]) -> None:
    """quarantine, validation_results and file_gates rows of v_src's files; asserts conservation."""
    con.execute(
        """insert into quarantine
           with reasons as (
               select row_id, check_name, check_order, reason from v_failures
               union all
               select f.row_id, ?, 1000000, g.reject_reason
               from v_fates as f join v_gates as g using (file_sha256) where f.file_rejected
           )
           select ?, ?, s.row_id, s.file_sha256, s.source_file, s.source_line, nullif(trim(s.employee_id), ''),
                  list(r.check_name order by r.check_order), string_agg(r.reason, '; ' order by r.check_order)
           from v_fates as f
           join v_src as s on s.row_id = f.row_id
           join reasons as r on r.row_id = f.row_id
           where f.fate = 'quarantined'
           group by all""",
        [FILE_REJECTED, run_id, kind.name],
    )
    checks = pd.DataFrame({"check_name": [t["check"] for t in templates], "engine": [t["engine"] for t in templates],
                           "check_order": [t["order"] for t in templates]})
    _temp_from_frame(con, "v_check_list", checks)
    con.execute(
        """insert into validation_results
           with per_file as (
               select file_sha256, any_value(source_file) as source_file, count(*) as rows_checked
               from v_src group by file_sha256
           ),
           failed as (
               select s.file_sha256, f.check_name, count(*) as rows_failed
               from v_failures as f join v_src as s on s.row_id = f.row_id group by all
           )
           select ?, ?, p.file_sha256, p.source_file, c.check_name, c.engine, p.rows_checked, coalesce(x.rows_failed, 0)
           from per_file as p cross join v_check_list as c
           left join failed as x on x.file_sha256 = p.file_sha256 and x.check_name = c.check_name
           order by p.source_file, c.check_order""",
        [run_id, kind.name],
    )
    by_sha = {g.file_sha256: g for g in gates}
    snapshot_col = "any_value(s.snapshot_as_of)" if kind.name == "people" else "null"
    # rows_in from the raw table; clean and quarantined from the tables just written.
    counts = con.execute(
        f"""select s.file_sha256, any_value(s.source_file), {snapshot_col}, count(*),
                   count(*) filter (where exists (select 1 from clean_{kind.name} as c where c.row_id = s.row_id)),
                   count(*) filter (where exists (select 1 from quarantine as q
                                                  where q.run_id = ? and q.kind = ? and q.row_id = s.row_id)),
                   count(*) filter (where exists (select 1 from v_fates as f
                                                  where f.row_id = s.row_id and f.fate = 'superseded'))
            from raw_{kind.name} as s
            where exists (select 1 from v_src as v where v.file_sha256 = s.file_sha256)
            group by s.file_sha256""",
        [run_id, kind.name],
    ).fetchall()
    for sha, source_file, snapshot, rows_in, clean, quarantined, superseded in counts:
        if rows_in != clean + quarantined + superseded:
            raise ValidationInternalError(
                f"conservation failed for {source_file} ({kind.name}): {rows_in} rows in, "
                f"{clean} clean + {quarantined} quarantined + {superseded} superseded"
            )
        gate = by_sha[sha]
        con.execute(
            "insert into file_gates values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, kind.name, sha, source_file, snapshot, rows_in, clean, quarantined, superseded,
             gate.bad_share, gate.passed, gate.reason],
        )


def _validate_rows(con, kind: Kind, rubric, settings, run_id: str, as_of: date, snapshot: date | None,
                   src_sql: str, snapshot_gate=False) -> list[_FileGate]:
    """Check the rows `src_sql` selects, decide fates, write clean (if any passes) and the records."""
    _view(con, "v_src", src_sql)
    _build_checked(con, kind, rubric, settings)
    suite = load_suite_dict(kind.name)
    params = _parameters(kind, rubric)
    templates = _reason_templates(suite, params, settings, as_of, snapshot)
    _run_checks(con, kind, suite, params, templates)
    _explain_failures(con, templates)
    gates = _file_gates(con, kind, settings.max_bad_row_share)
    if snapshot_gate and not all(g.passed for g in gates):
        # A snapshot is one roster: when one of its files fails, none of them is served.
        failed = ", ".join(g.name for g in gates if not g.passed)
        gates = [g if not g.passed else _FileGate(g.file_sha256, g.name, g.rows_in, g.bad_share, False,
                                                 f"the {snapshot} snapshot is rejected with {failed}")
                 for g in gates]
    _decide_fates(con, kind, gates)
    _write_clean(con, kind)
    _record(con, kind, run_id, templates, gates)
    return gates


# Entry point ----------------------------------------------------------------------------


def _counts(con, run_id: str) -> dict[str, dict[str, int]]:
    rows = con.execute(
        "select kind, sum(rows_clean), sum(rows_quarantined), sum(rows_superseded) from file_gates where run_id = ? group by kind",
        [run_id],
    ).fetchall()
    out = {"clean": {}, "quarantined": {}, "superseded": {}}
    for kind in KINDS:
        out["clean"][kind] = out["quarantined"][kind] = out["superseded"][kind] = 0
    for kind, clean, quarantined, superseded in rows:
        out["clean"][kind], out["quarantined"][kind], out["superseded"][kind] = int(clean), int(quarantined), int(superseded)
    return out


def validate(con: duckdb.DuckDBPyConnection, rubric, settings, run_id: str, as_of: date) -> ValidationSummary:
    """Validate every loaded row at `as_of`: clean_<kind> tables, quarantine, results, file gates."""
    con.execute(_sql("validation_warnings_ddl.sql"))
    con.execute("begin transaction")
    try:
        for table in ("quarantine", "validation_results", "file_gates", "validation_warnings"):
            con.execute(f"delete from {table} where run_id = ?", [run_id])
        write_export_dates(con, as_of)
        served, served_file, messages, notes = _validate_people(con, rubric, settings, run_id, as_of)
        _temp(con, "v_served_ids",
              "select distinct nullif(trim(employee_id), '') as employee_id from raw_people "
              "where file_sha256 is not distinct from ? and nullif(trim(employee_id), '') is not null", [served_file])
        for name in EVIDENCE_KINDS:
            kind = KINDS[name]
            src = (f"select r.* from raw_{name} as r "
                   "where exists (select 1 from ingest_files as i where i.file_sha256 = r.file_sha256)")
            gates = _validate_rows(con, kind, rubric, settings, run_id, as_of, served, src)
            messages += [f"{g.name} rejected: {g.reason}; its rows are not used" for g in gates if not g.passed]
        con.execute(f"insert into validation_warnings select ?, 'people', row_id, employee_id, 'manager_quarantined', detail "
                    f"from ({_sql('manager_quarantined.sql')})", [run_id])
        terminated, orphaned = con.execute(
            "select (select count(*) from clean_people where employment_status = 'terminated'), "
            "(select count(*) from validation_warnings where run_id = ? and warning = 'manager_quarantined')",
            [run_id],
        ).fetchone()
        counts = _counts(con, run_id)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return ValidationSummary(
        run_id=run_id,
        as_of=as_of,
        snapshot_as_of=served,
        rows_clean=counts["clean"],
        rows_quarantined=counts["quarantined"],
        rows_superseded=counts["superseded"],
        quarantined_total=sum(counts["quarantined"].values()),
        terminated=int(terminated),
        reports_of_quarantined_managers=int(orphaned),
        gate_failures=tuple(messages),
        notes=tuple(notes),
    )


def _people_files(con, as_of: date) -> list[tuple[date, list[tuple[str, str]]]]:
    """People snapshots on or before `as_of`, newest first: (date, [(sha256, name)] last loaded first)."""
    rows = con.execute(
        "select snapshot_as_of, file_sha256, original_name from ingest_files "
        "where kind = 'people' and snapshot_as_of <= ? "
        "order by snapshot_as_of desc, loaded_at desc, original_name desc", [as_of]).fetchall()
    out: list[tuple[date, list[tuple[str, str]]]] = []
    for snapshot, sha, name in rows:
        if not out or out[-1][0] != snapshot:
            out.append((snapshot, []))
        out[-1][1].append((sha, name))
    return out


def _record_replaced(con, run_id: str, snapshot: date, newer: str, replaced: list[tuple[str, str]]) -> None:
    """file_gates rows of people files replaced by a later load with the same as-of date: every row superseded."""
    for sha, name in replaced:
        rows_in, source_file = con.execute(
            "select count(*), coalesce(any_value(source_file), ?) from raw_people where file_sha256 = ?", [name, sha]
        ).fetchone()
        con.execute(
            "insert into file_gates values (?, 'people', ?, ?, ?, ?, 0, 0, ?, 0.0, true, ?)",
            [run_id, sha, source_file, snapshot, rows_in, rows_in, f"replaced by {newer} with the same as-of date"],
        )


def _validate_people(con, rubric, settings, run_id: str, as_of: date
                     ) -> tuple[date | None, str | None, list[str], list[str]]:
    """Newest snapshot <= as_of that passes its gates: validated, written, served (date and file sha256)."""
    kind = KINDS["people"]
    snapshots = _people_files(con, as_of)
    notes = []
    undated = con.execute("select count(*) from ingest_files where kind = 'people' and snapshot_as_of is null").fetchone()[0]
    if undated:
        notes.append(f"{undated} people file(s) have no snapshot date and were not considered")
    rejected: list[tuple[date, _FileGate]] = []
    served = served_file = None
    for snapshot, ((sha, name), *replaced) in snapshots:
        src = f"select r.* from raw_people as r where r.file_sha256 = {sql_literal(sha)}"
        gates = _validate_rows(con, kind, rubric, settings, run_id, as_of, snapshot, src, snapshot_gate=True)
        _record_replaced(con, run_id, snapshot, name, replaced)
        notes += [f"{old} was replaced by {name}, a later file with the same as-of date {snapshot}" for _, old in replaced]
        if all(g.passed for g in gates):
            served, served_file = snapshot, sha
            break
        rejected += [(snapshot, g) for g in gates if not g.passed]
    if not snapshots:
        _write_empty_clean(con, kind, settings, rubric)
    fallback = f"still serving the {served} snapshot" if served else "no earlier good people snapshot: nothing is served"
    messages = [f"{g.name} rejected: {g.reason}; {fallback}" for _, g in rejected]
    if not snapshots:
        notes.append(f"no people snapshot on or before {as_of} has been loaded")
    return served, served_file, messages, notes
