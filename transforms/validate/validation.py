"""validate(): raw_<kind> -> clean_<kind>, quarantine, validation_results, file_gates.

A small driver over the named SQL models in transforms/validate/sql/, per kind:

  typed      raw text cast to the contract types (typed_<kind>, kept between runs)
  GX         the kind's Great Expectations suite on the typed rows, in chunks: row checks
             (check_failures, kept between runs)
  checked    typed rows in scope plus the checks that look beyond the row, in SQL
  failures   every failed check with its sentence
  gates      the whole-file gate per file (missing required column, share of bad rows)
  fates      clean, quarantined or superseded per row
  clean      clean_<kind>; then the run's quarantine, validation_results and file_gates

Incremental: a file is typed and checked by GX once per validation context (suite,
casting, date formats, and the rubric for kinds with a level or track); later runs reuse its typed
rows and row-check results. The SQL models after GX are set-based and run every time.

People are validated one snapshot at a time, newest (<= as_of) first, until a snapshot
passes its gates: that one is served. Of several people files with the same as-of date
only the last loaded is used (a corrected re-export); the earlier ones are counted as
superseded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

import duckdb

from transforms.contract import EVIDENCE_KINDS, KINDS, Kind
from transforms.rubric import Rubric
from transforms.sql_files import sql_literal, sql_text
from transforms.validate import model_sql as m
from transforms.validate.casting import cleaned_text, human_date_formats
from transforms.validate.export_dates import write_export_dates
from transforms.validate.suite_spec import RUBRIC_VALUED, load_suite_dict, suite_text

FILE_REJECTED = "file_rejected"
# Rows per pandas frame handed to GX: bounds memory on a 10M-row export (GX on pandas holds
# several copies of a frame while it computes metrics).
GX_CHUNK_ROWS = 500_000


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
    files_checked: int = 0  # files typed and checked by GX in this run (the others were already)


@dataclass(frozen=True)
class _FileGate:
    file_sha256: str
    name: str
    rows_in: int
    bad_share: float
    passed: bool
    reason: str | None


def _table(con: duckdb.DuckDBPyConnection, name: str, select_sql: str, params=None) -> None:
    con.execute(f"create or replace temp table {name} as\n{select_sql}", params or None)


def _view(con: duckdb.DuckDBPyConnection, name: str, select_sql: str) -> None:
    """A temp view: no copy of a 10M-row table is held in memory."""
    con.execute(f"create or replace temp view {name} as\n{select_sql}")


def _files_table(con: duckdb.DuckDBPyConnection, name: str, shas: list[str]) -> None:
    con.execute(f"create or replace temp table {name} (file_sha256 varchar primary key)")
    if shas:
        con.executemany(f"insert into {name} values (?)", [(s,) for s in shas])


# Typed rows and row checks: once per file and validation context -------------------------


def _typed_sql(kind: Kind, settings) -> str:
    return sql_text("transforms.validate", "sql/typed", kind=kind.name, typed_columns=m.typed_columns(kind, settings.date_formats),
                    rubric_joins=m.rubric_joins(kind), manager_join=m.manager_join(kind))


def validation_context(kind: Kind, rubric: Rubric, settings) -> str:
    """sha256 of everything a file's typed rows and row checks depend on, besides its bytes."""
    parts = {"suite": suite_text(kind.name), "typed": _typed_sql(kind, settings)}
    if m.manager_join(kind):
        parts["manager_names"] = sql_text("transforms.validate", "sql/manager_names")
    if any(c in kind.names for c in RUBRIC_VALUED):
        parts["rubric"] = rubric.sha256  # levels and tracks resolve through the rubric's ids and aliases
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _ensure_typed_table(con: duckdb.DuckDBPyConnection, kind: Kind, settings) -> None:
    """typed_<kind> with the columns typed.sql gives today (recreated, and its files forgotten, when they differ)."""
    _files_table(con, "v_files_to_type", [])
    _rubric_maps(con, kind, None)
    _manager_names(con, kind)
    probe = con.execute(f"select * from ({_typed_sql(kind, settings)}) limit 0")
    wanted = [d[0] for d in probe.description]
    have = [r[0] for r in con.execute(
        "select column_name from duckdb_columns() where table_name = ? and database_name = current_database() "
        "and schema_name = 'main' order by column_index", [f"typed_{kind.name}"]).fetchall()]
    if have == wanted:
        return
    con.execute(f"drop table if exists typed_{kind.name}")
    con.execute("delete from check_failures where file_sha256 in (select file_sha256 from validated_files where kind = ?)",
                [kind.name])
    con.execute("delete from validated_files where kind = ?", [kind.name])
    con.execute(f"create table typed_{kind.name} as select * from ({_typed_sql(kind, settings)}) limit 0")


def _rubric_maps(con: duckdb.DuckDBPyConnection, kind: Kind, rubric: Rubric | None) -> None:
    """v_level_map(level_raw, level_id), v_track_map(track_raw, track_id): every distinct raw value of the
    files to type, resolved by the rubric (empty without a rubric or without the column)."""
    for column in RUBRIC_VALUED:
        table = f"v_{column}_map"
        _table(con, table, f"select null::varchar as {column}_raw, null::varchar as {column}_id where false")
        if rubric is None or column not in kind.names:
            continue
        resolve = {"level": rubric.resolve_level, "track": rubric.resolve_track}[column]
        raws = [r[0] for r in con.execute(
            f"select distinct {cleaned_text(column)} from raw_{kind.name} as r "
            "where exists (select 1 from v_files_to_type as f where f.file_sha256 = r.file_sha256)").fetchall()
            if r[0] is not None]
        if raws:
            con.executemany(f"insert into {table} values (?, ?)", [(r, resolve(r)) for r in raws])


def _manager_names(con: duckdb.DuckDBPyConnection, kind: Kind) -> None:
    """v_manager_names: the manager column of the files to type, names resolved to ids (people only)."""
    if m.manager_join(kind):
        _table(con, "v_manager_names", sql_text("transforms.validate", "sql/manager_names"))


def manager_name_notes(con: duckdb.DuckDBPyConnection, shas: list[str]) -> list[str]:
    """One line per people file whose manager column held names: how many resolved, and how many could not be."""
    rows = con.execute(
        "select any_value(source_file), count(*) filter (where manager_id__name_match = 'resolved'), "
        "count(*) filter (where manager_id__name_match = 'ambiguous'), "
        "count(*) filter (where manager_id__name_match = 'unknown') "
        "from typed_people where manager_id__name_match is not null and list_contains(?, file_sha256) "
        "group by file_sha256 order by 1", [shas]).fetchall()
    return [f"{name}: the manager column holds names; {ok:,} resolved to employee ids by exact name within the file"
            + (f", {amb:,} ambiguous and {unk:,} unknown quarantined" if amb or unk else "")
            for name, ok, amb, unk in rows]


def _check_rows(con: duckdb.DuckDBPyConnection, kind: Kind, suite: dict, params: dict, sha: str) -> None:
    """GX: the kind's row checks on the typed rows of one file, in chunks, into check_failures."""
    import pyarrow as pa

    from transforms.validate.expectations import frame_columns, run_suite

    row_suite = m.gx_suite(suite)
    columns = ", ".join(f'"{c}"' for c in frame_columns(row_suite))
    reader = con.sql(f"select row_id, {columns} from typed_{kind.name} where file_sha256 = {sql_literal(sha)}"
                     ).to_arrow_reader(GX_CHUNK_ROWS)
    ids: list[str] = []
    names: list[str] = []

    def check(chunk: list) -> None:
        frame = pa.Table.from_batches(chunk).to_pandas(date_as_object=False)
        for outcome in run_suite(kind.name, row_suite, frame, params):
            ids.extend(outcome.failed_row_ids)
            names.extend([outcome.check] * len(outcome.failed_row_ids))

    batches, held = [], 0
    for batch in reader:  # one GX run per chunk bounds pandas memory
        batches.append(batch)
        held += batch.num_rows
        if held >= GX_CHUNK_ROWS:
            check(batches)
            batches, held = [], 0
    if held:
        check(batches)
    # Written after the scan: a statement on the connection would end the reader's stream.
    failed = pa.table({"file_sha256": pa.array([sha] * len(ids), pa.string()), "row_id": pa.array(ids, pa.string()),
                       "check_name": pa.array(names, pa.string())})
    con.register("v_failed_chunk", failed)
    try:
        con.execute("insert into check_failures select * from v_failed_chunk")
    finally:
        con.unregister("v_failed_chunk")


def _type_and_check(con, kind: Kind, rubric: Rubric, settings, run_id: str, shas: list[str], suite: dict, params: dict) -> int:
    """Type and GX-check the files of `shas` not yet validated in the current context; returns how many."""
    context = validation_context(kind, rubric, settings)
    done = {s for (s,) in con.execute("select file_sha256 from validated_files where context_sha256 = ?",
                                      [context]).fetchall()}
    todo = [s for s in shas if s not in done]
    if not todo:
        return 0
    _files_table(con, "v_files_to_type", todo)
    for table in (f"typed_{kind.name}", "check_failures", "validated_files"):
        con.execute(f"delete from {table} as t where exists "
                    "(select 1 from v_files_to_type as f where f.file_sha256 = t.file_sha256)")
    _rubric_maps(con, kind, rubric)
    _manager_names(con, kind)
    con.execute(f"insert into typed_{kind.name} by name select * from ({_typed_sql(kind, settings)})")
    for sha in todo:
        _check_rows(con, kind, suite, params, sha)
    con.execute(
        f"""insert into validated_files
            select f.file_sha256, ?, ?, (select count(*) from typed_{kind.name} as t where t.file_sha256 = f.file_sha256),
                   ?, current_timestamp
            from v_files_to_type as f""",
        [kind.name, context, run_id],
    )
    return len(todo)


def _forget_unloaded_files(con: duckdb.DuckDBPyConnection) -> None:
    """Typed rows and row checks of files no longer in the ledger (a rebuilt warehouse) are dropped."""
    gone = con.execute("select file_sha256, kind from validated_files as v where not exists "
                       "(select 1 from ingest_files as i where i.file_sha256 = v.file_sha256)").fetchall()
    for sha, kind in gone:
        for table in (f"typed_{kind}", "check_failures", "validated_files"):
            con.execute(f"delete from {table} where file_sha256 = ?", [sha])


# Checks, gates and fates of the rows in scope -------------------------------------------


def _parameters(kind: Kind, rubric: Rubric) -> dict:
    params: dict = {"level_ids": list(rubric.level_ids), "track_ids": list(rubric.track_ids)}
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


def _check_list(con: duckdb.DuckDBPyConnection, templates: list[dict]) -> None:
    con.execute("create or replace temp table v_check_list (check_name varchar, engine varchar, check_order integer)")
    con.executemany("insert into v_check_list values (?, ?, ?)", [(t["check"], t["engine"], t["order"]) for t in templates])


def _checked(con: duckdb.DuckDBPyConnection, kind: Kind) -> None:
    """v_checked: the typed rows in scope plus the checks that look beyond the row."""
    if kind.name == "people":
        _table(con, "v_people_reached", sql_text("transforms.validate", "sql/people_reached"))
        _table(con, "v_cycle_members", sql_text("transforms.validate", "sql/people_unreached"))
        # Peel off, round by round, every unreached employee nobody unreached reports to: what
        # is left are the cycles (the unreached set is small: a cycle and the chains below it).
        while con.execute("delete from v_cycle_members as u where not exists "
                          "(select 1 from v_cycle_members as r where r.manager_id = u.employee_id)").fetchone()[0]:
            pass
        _table(con, "v_checked", sql_text("transforms.validate", "sql/checked_people", not_after_flags=m.not_after_flags(kind)))
    else:
        _table(con, "v_checked", sql_text("transforms.validate", "sql/checked_evidence", not_after_flags=m.not_after_flags(kind)))


def _file_gates(con: duckdb.DuckDBPyConnection, kind: Kind, max_share: float) -> list[_FileGate]:
    """Per file in scope: bad-row share and the whole-file gate (missing required column, share)."""
    required = m.gate_required_columns(kind)
    rows = con.execute(sql_text("transforms.validate", "sql/gate_measures", missing_columns=m.missing_columns(kind))).fetchall()
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


def _fates(con: duckdb.DuckDBPyConnection, kind: Kind, gates: list[_FileGate]) -> None:
    """v_gates (file_sha256, passed, reject_reason, loaded_at) and v_fates."""
    con.execute("create or replace temp table v_gates (file_sha256 varchar, passed boolean, reject_reason varchar, "
                "loaded_at timestamp)")
    if gates:
        con.executemany(
            "insert into v_gates select ?, ?, ?, loaded_at from ingest_files where file_sha256 = ?",
            [(g.file_sha256, g.passed, None if g.passed else f"{g.name} rejected whole: {g.reason}", g.file_sha256)
             for g in gates])
    key = ", ".join(f'"{k}"' for k in kind.natural_key)
    _table(con, "v_fates", sql_text("transforms.validate", "sql/fates", natural_key=key))


def _record(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: str, gates: list[_FileGate]) -> None:
    """quarantine, validation_results and file_gates rows of the files in scope; asserts conservation."""
    names = {"run_id": run_id, "kind": kind.name}
    con.execute(f"insert into quarantine by name\n{sql_text('transforms.validate', 'sql/quarantine_rows', kind=kind.name)}",
                {**names, "file_rejected": FILE_REJECTED})
    con.execute(f"insert into validation_results by name\n{sql_text('transforms.validate', 'sql/validation_result_rows')}", names)
    people = kind.name == "people"
    counts = con.execute(
        sql_text("transforms.validate", "sql/file_counts", kind=kind.name, snapshot_column=", r.snapshot_as_of" if people else "",
                 snapshot_value="any_value(s.snapshot_as_of)" if people else "null::date"),
        names,
    ).fetchall()
    by_sha = {g.file_sha256: g for g in gates}
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


def _validate_rows(con, kind: Kind, rubric: Rubric, settings, run_id: str, as_of: date, snapshot: date | None,
                   shas: list[str], snapshot_gate=False) -> tuple[list[_FileGate], int]:
    """Validate the files `shas` of `kind` together: clean_<kind> and the run's records. Returns gates, files GX-checked."""
    suite = load_suite_dict(kind.name)
    params = _parameters(kind, rubric)
    checked_now = _type_and_check(con, kind, rubric, settings, run_id, shas, suite, params)
    _files_table(con, "v_scope_files", shas)
    _view(con, "v_scope_typed", f"select t.* from typed_{kind.name} as t "
                                "where exists (select 1 from v_scope_files as f where f.file_sha256 = t.file_sha256)")
    _checked(con, kind)
    templates = _reason_templates(suite, params, settings, as_of, snapshot)
    _check_list(con, templates)
    _table(con, "v_failures", sql_text("transforms.validate", "sql/failures", kind=kind.name, sql_failures=m.sql_failures(suite),
                                       reason_case=m.reason_case(templates)))
    gates = _file_gates(con, kind, settings.max_bad_row_share)
    if snapshot_gate and not all(g.passed for g in gates):
        # A snapshot is one roster: when one of its files fails, none of them is served.
        failed = ", ".join(g.name for g in gates if not g.passed)
        gates = [g if not g.passed else _FileGate(g.file_sha256, g.name, g.rows_in, g.bad_share, False,
                                                 f"the {snapshot} snapshot is rejected with {failed}")
                 for g in gates]
    _fates(con, kind, gates)
    con.execute(f"create or replace table clean_{kind.name} as\n"
                f"{sql_text('transforms.validate', 'sql/clean', clean_columns=m.clean_select(kind))}")
    _record(con, kind, run_id, gates)
    return gates, checked_now


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


def validate(con: duckdb.DuckDBPyConnection, rubric: Rubric, settings, run_id: str, as_of: date) -> ValidationSummary:
    """Validate every loaded row at `as_of`: clean_<kind> tables, quarantine, results, file gates."""
    con.execute(sql_text("transforms.validate", "sql/validation_tables"))
    con.execute("begin transaction")
    try:
        for table in ("quarantine", "validation_results", "file_gates", "validation_warnings"):
            con.execute(f"delete from {table} where run_id = ?", [run_id])
        _forget_unloaded_files(con)
        for kind in KINDS.values():
            _ensure_typed_table(con, kind, settings)
        write_export_dates(con, as_of)
        served, served_file, messages, notes, checked_now = _validate_people(con, rubric, settings, run_id, as_of)
        _table(con, "v_served_ids",
               "select distinct employee_id from typed_people where file_sha256 is not distinct from ? "
               "and employee_id is not null", [served_file])
        for name in EVIDENCE_KINDS:
            shas = [s for (s,) in con.execute("select file_sha256 from ingest_files where kind = ? order by file_sha256",
                                              [name]).fetchall()]
            gates, checked = _validate_rows(con, KINDS[name], rubric, settings, run_id, as_of, served, shas)
            checked_now += checked
            messages += [f"{g.name} rejected: {g.reason}; its rows are not used" for g in gates if not g.passed]
        con.execute(f"insert into validation_warnings select ?, 'people', row_id, employee_id, 'manager_quarantined', detail "
                    f"from ({sql_text('transforms.validate', 'sql/manager_quarantined')})", [run_id])
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
        files_checked=checked_now,
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


def _validate_people(con, rubric: Rubric, settings, run_id: str, as_of: date
                     ) -> tuple[date | None, str | None, list[str], list[str], int]:
    """Newest snapshot <= as_of that passes its gates: validated, written, served (date and file sha256)."""
    kind = KINDS["people"]
    snapshots = _people_files(con, as_of)
    notes = []
    undated = con.execute("select count(*) from ingest_files where kind = 'people' and snapshot_as_of is null").fetchone()[0]
    if undated:
        notes.append(f"{undated} people file(s) have no snapshot date and were not considered")
    rejected: list[tuple[date, _FileGate]] = []
    served = served_file = None
    checked_now = 0
    for snapshot, ((sha, name), *replaced) in snapshots:
        gates, checked = _validate_rows(con, kind, rubric, settings, run_id, as_of, snapshot, [sha], snapshot_gate=True)
        checked_now += checked
        notes += manager_name_notes(con, [sha])
        _record_replaced(con, run_id, snapshot, name, replaced)
        notes += [f"{old} was replaced by {name}, a later file with the same as-of date {snapshot}" for _, old in replaced]
        if all(g.passed for g in gates):
            served, served_file = snapshot, sha
            break
        rejected += [(snapshot, g) for g in gates if not g.passed]
    if not snapshots:
        _validate_rows(con, kind, rubric, settings, run_id, as_of, None, [])  # clean_people with no rows
        notes.append(f"no people snapshot on or before {as_of} has been loaded")
    fallback = f"still serving the {served} snapshot" if served else "no earlier good people snapshot: nothing is served"
    messages = [f"{g.name} rejected: {g.reason}; {fallback}" for _, g in rejected]
    return served, served_file, messages, notes, checked_now

