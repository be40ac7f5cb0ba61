-- Purpose: conservation per file in scope: rows delivered (raw_<kind>) against the rows
-- written clean (clean_<kind>), quarantined (quarantine, this run) and superseded (v_fates).
-- The caller fails loudly when rows_in differs from their sum: a bug, never a data problem.
-- Grain: one row per file in scope.
-- Inputs: raw_<kind>, v_scope_files, clean_<kind>, quarantine, v_fates.
with

raw as (
    select r.row_id, r.file_sha256, r.source_file{{snapshot_column}}
    from raw_{{kind}} as r
    where exists (select 1 from v_scope_files as v where v.file_sha256 = r.file_sha256)
),

quarantined as (
    select row_id from quarantine where run_id = $run_id and kind = $kind
),

final as (
    select
        s.file_sha256,
        any_value(s.source_file) as source_file,
        {{snapshot_value}} as snapshot_as_of,
        count(*) as rows_in,
        count(*) filter (where exists (select 1 from clean_{{kind}} as c where c.row_id = s.row_id)) as rows_clean,
        count(*) filter (where exists (select 1 from quarantined as q where q.row_id = s.row_id)) as rows_quarantined,
        count(*) filter (where exists (select 1 from v_fates as f
                                       where f.row_id = s.row_id and f.fate = 'superseded')) as rows_superseded
    from raw as s
    group by s.file_sha256
)

select * from final
