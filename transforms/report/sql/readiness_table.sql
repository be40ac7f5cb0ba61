-- readiness.csv and readiness.parquet: every engineer of one run with where they stand against
-- the ladder's window (report_windows, from the rubric). Never selects a sensitive column.
-- Grain: one row per employee in `readiness` for the run (scored or not_scored).
with

readiness_run as (
    select * from readiness where run_id = $run_id
),

windows as (
    select * from report_windows
),

final as (
    select
        r.employee_id, r.name, r.manager_id, r.team, r.track, r.level, r.next_level,
        r.level_start_date, r.level_start_source,
        round(r.years_in_level, 4) as years_in_level,
        case
            when w.level is null or r.status = 'not_scored' then null
            when r.years_in_level is null then 'unknown'
            when r.years_in_level < w.accelerated_min then 'early'
            when r.years_in_level < w.realistic_min then 'accelerated window'
            when r.years_in_level <= w.realistic_max then 'realistic window'
            else 'past the ceiling'
        end as window_position,
        round(r.readiness_score, 2) as readiness_score,
        r.status, r.accelerated, coalesce(r.symptoms, []) as symptoms,
        r.criteria_measured, r.criteria_total, r.not_scored_reason
    from readiness_run as r
    left join windows as w using (level)
)

select * from final order by team, name, employee_id
