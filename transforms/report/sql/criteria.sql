-- Criteria of a batch of engineers of one run: what each score is made of.
-- Grain: one row per engineer x criterion of the target level, for the engineers in report_batch
-- (a temp table the report stage fills, so a million engineers are read a slice at a time).
with

batch as (
    select employee_id from report_batch
),

final as (
    select
        employee_id, criterion_id, target_level, title, measured, target, weight, contribution,
        is_measured, met, remedy, coalesce(evidence_row_ids, []) as evidence_row_ids
    from readiness_criteria
    where run_id = $run_id
      and employee_id in (select employee_id from batch)
)

select * from final order by employee_id, weight desc, criterion_id
