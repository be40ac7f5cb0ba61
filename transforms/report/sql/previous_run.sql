-- The run to compare with: the newest completed run on an earlier people snapshot.
-- Grain: at most one row.
with

this_run as (
    select snapshot_as_of from pipeline_runs where run_id = $run_id
),

final as (
    select p.run_id, p.snapshot_as_of, p.as_of
    from pipeline_runs as p, this_run as t
    where p.outcome = 'completed'
      and p.run_id <> $run_id
      and p.snapshot_as_of < t.snapshot_as_of
    order by p.snapshot_as_of desc, p.finished_at desc nulls last, p.run_id desc
    limit 1
)

select * from final
