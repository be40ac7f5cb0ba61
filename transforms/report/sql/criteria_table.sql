-- criteria.parquet: what every score of one run is made of.
-- Grain: one row per engineer x criterion of the engineer's target level.
with

criteria as (
    select * from readiness_criteria where run_id = $run_id
),

final as (
    select
        employee_id, criterion_id, target_level, title, measured, target, weight, contribution,
        is_measured, met, remedy, coalesce(evidence_row_ids, []) as evidence_row_ids
    from criteria
)

select * from final order by employee_id, weight desc, criterion_id
