-- How much of each criterion could be measured: the coverage of its source data.
-- Grain: one row per target level x criterion.
with

criteria as (
    select * from readiness_criteria where run_id = $run_id
),

final as (
    select
        target_level, criterion_id, any_value(title) as title,
        count(*) as engineers,
        count(*) filter (where is_measured) as engineers_measured,
        count(*) filter (where met) as engineers_met,
        round(100.0 * count(*) filter (where is_measured) / count(*), 1) as coverage_pct
    from criteria
    group by target_level, criterion_id
)

select * from final order by target_level, criterion_id
