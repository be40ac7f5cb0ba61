-- Purpose: every check a row in scope failed, with its sentence. Row checks come from
-- check_failures (the GX suite's result for the row's file); checks that look beyond the
-- row are the false flags of v_checked (<sql_failures>, one arm per such expectation of
-- the suite). The reason quotes the row's raw text (<reason_case>, templates of the suite).
-- Grain: one row per row in scope x failed check.
-- Inputs: v_checked, check_failures, v_check_list (check_name, check_order), raw_<kind>,
-- v_export_dates.
with

checked as (
    select * from v_checked
),

row_checks as (
    select f.row_id, f.check_name
    from check_failures as f
    where exists (select 1 from checked as c where c.row_id = f.row_id)
),

sql_checks as (
    {{sql_failures}}
),

failed as (
    select * from row_checks
    union all
    select * from sql_checks
),

final as (
    select
        f.row_id,
        s.file_sha256,
        f.check_name,
        l.check_order,
        {{reason_case}} as reason
    from failed as f
    join v_check_list as l on l.check_name = f.check_name
    join raw_{{kind}} as s on s.row_id = f.row_id
    join v_export_dates as xd on xd.file_sha256 = s.file_sha256
)

select * from final
