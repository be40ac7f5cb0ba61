-- Purpose: the suite's result of this run per file in scope: rows checked and rows failed
-- for every check of the suite (zero failures included), in suite order.
-- Grain: one row per file in scope x check.
-- Inputs: v_checked, v_failures, v_check_list (check_name, engine, check_order).
with

per_file as (
    select file_sha256, any_value(source_file) as source_file, count(*) as rows_checked
    from v_checked
    group by file_sha256
),

failed as (
    select file_sha256, check_name, count(*) as rows_failed
    from v_failures
    group by all
),

final as (
    select
        $run_id as run_id,
        $kind as kind,
        p.file_sha256,
        p.source_file,
        c.check_name,
        c.engine,
        p.rows_checked,
        coalesce(x.rows_failed, 0) as rows_failed
    from per_file as p
    cross join v_check_list as c
    left join failed as x on x.file_sha256 = p.file_sha256 and x.check_name = c.check_name
    order by p.source_file, c.check_order
)

select * from final
