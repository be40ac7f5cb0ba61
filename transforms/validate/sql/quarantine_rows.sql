-- Purpose: the quarantine rows of this run and kind: every quarantined row with the name
-- of each check it failed and one sentence per failure, in suite order; a row of a file
-- rejected whole also carries the check $file_rejected with the gate's reason.
-- Grain: one row per quarantined row.
-- Inputs: v_fates, v_failures, v_gates, raw_<kind>.
with

fates as (
    select * from v_fates where fate = 'quarantined'
),

reasons as (
    select row_id, check_name, check_order, reason from v_failures
    union all
    select f.row_id, $file_rejected, 1000000, g.reject_reason
    from fates as f
    join v_gates as g using (file_sha256)
    where f.file_rejected
),

final as (
    select
        $run_id as run_id,
        $kind as kind,
        s.row_id,
        s.file_sha256,
        s.source_file,
        s.source_line,
        nullif(trim(s.employee_id), '') as employee_id,
        list(r.check_name order by r.check_order) as checks,
        string_agg(r.reason, '; ' order by r.check_order) as reason
    from fates as f
    join raw_{{kind}} as s on s.row_id = f.row_id
    join reasons as r on r.row_id = f.row_id
    group by all
)

select * from final
