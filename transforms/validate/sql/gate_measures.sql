-- Purpose: what the whole-file gate of each file in scope looks at: its rows, how many of
-- them failed at least one check, and per required column whether it is empty in every
-- row (<missing_columns>, one boolean per required column that may not be empty, read
-- from the typed value or, for a typed column, its presence flag).
-- Grain: one row per file in scope.
-- Inputs: v_checked, v_failures, ingest_files.
with

checked as (
    select * from v_checked
),

bad_rows as (
    select distinct row_id from v_failures
),

final as (
    select
        c.file_sha256,
        any_value(i.original_name) as original_name,
        count(*) as rows_in,
        count(*) filter (where exists (select 1 from bad_rows as b where b.row_id = c.row_id)) as rows_bad,
        {{missing_columns}}
    from checked as c
    join ingest_files as i on i.file_sha256 = c.file_sha256
    group by c.file_sha256
    order by c.file_sha256
)

select * from final
