-- The input files a run read, from its recorded hashes (every ledger file when none are recorded).
-- Grain: one row per file.
with

run_hashes as (
    select input_hashes from pipeline_runs where run_id = $run_id
),

final as (
    select
        f.file_sha256, f.kind, f.original_name, f.file_format, f.snapshot_as_of, f.physical_lines,
        f.rows_loaded, f.rows_rejected, f.loaded_at,
        f.physical_lines = f.rows_loaded + f.rows_rejected as ingest_conserved
    from ingest_files as f, run_hashes as h
    where h.input_hashes is null or list_contains(h.input_hashes, f.file_sha256)
)

select * from final order by kind, loaded_at, original_name
