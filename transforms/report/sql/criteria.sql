-- Criteria of one run: what each score is made of.
-- Grain: one row per engineer x criterion of the target level.
with

final as (
    select
        employee_id, criterion_id, target_level, title, measured, target, weight, contribution,
        is_measured, met, remedy, coalesce(evidence_row_ids, []) as evidence_row_ids
    from readiness_criteria
    where run_id = $run_id
)

select * from final order by employee_id, weight desc, criterion_id
