-- The criteria each score is made of, per target level: target and weight as the run applied them.
-- Grain: one row per target level x criterion.
with

criteria as (
    select target_level, criterion_id, title, target, weight
    from readiness_criteria
    where run_id = $run_id
),

final as (
    select target_level, criterion_id, any_value(title) as title, any_value(target) as target,
           any_value(weight) as weight
    from criteria
    group by target_level, criterion_id
)

select * from final order by target_level, weight desc, criterion_id
