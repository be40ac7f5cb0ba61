-- pack_inputs: the input files one run read (name, kind, sha256), for the pack's provenance.
-- Grain: one row per file; every ledger file when the run recorded no hashes.
with

run_hashes as (
    select input_hashes from pipeline_runs where run_id = $run_id
),

final as (
    select f.original_name, f.kind, f.file_sha256
    from ingest_files as f, run_hashes as h
    where h.input_hashes is null or len(h.input_hashes) = 0 or list_contains(h.input_hashes, f.file_sha256)
)

select * from final order by kind, original_name
