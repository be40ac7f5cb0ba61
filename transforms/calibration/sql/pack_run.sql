-- pack_run: the run a committee pack is built from: the newest completed run as of the cycle date
-- or before it. Grain: zero or one row.
with

completed as (
    select run_id, as_of, snapshot_as_of, rubric_name, rubric_version, rubric_sha256, input_hashes, finished_at
    from pipeline_runs
    where outcome = 'completed' and as_of <= $cycle
),

final as (
    select * from completed order by as_of desc, finished_at desc nulls last, run_id desc limit 1
)

select * from final
