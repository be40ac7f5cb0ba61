-- Engineers of one run as the reports show them, with their direct manager's name.
-- Grain: one row per employee in `readiness` for the run (scored or not_scored).
-- Never selects a sensitive column (salary, currency, gender).
with

readiness_run as (
    select * from readiness where run_id = $run_id
),

manager_names as (
    select employee_id as manager_id, name as manager_name from roster
),

final as (
    select
        r.employee_id, r.name, r.manager_id, m.manager_name, r.team, r.track, r.level, r.next_level,
        r.level_start_date, r.level_start_source, r.years_in_level, r.readiness_score, r.status,
        r.accelerated, r.not_scored_reason,
        r.criteria_measured, r.criteria_total
    from readiness_run as r
    left join manager_names as m using (manager_id)
)

select * from final order by team, name, employee_id
