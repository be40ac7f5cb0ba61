-- Purpose: the ledger entry of one loaded file, written in the same transaction as its rows.
-- Grain: one row per file content (sha256).
insert into ingest_files (
    file_sha256, kind, original_name, archived_path, file_format, snapshot_as_of, as_of_source,
    physical_lines, rows_loaded, rows_rejected, ignored_columns, loaded_at
)
values (
    $sha256, $kind, $original_name, $archived_path, $file_format, $snapshot_as_of::date, $as_of_source,
    $physical_lines, $rows_loaded, $rows_rejected, $ignored_columns::varchar[], $loaded_at::timestamp
)
