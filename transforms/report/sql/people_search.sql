-- The org-wide page's searchable people table: the first $max_rows people of the run by name,
-- with their direct manager (whose page carries their packet). people_total counts everyone.
-- Grain: one row per employee in `readiness` for the run, up to $max_rows.
with

readiness_run as (
    select employee_id, name, manager_id, team, level, status, accelerated, readiness_score
    from readiness
    where run_id = $run_id
),

manager_names as (
    select employee_id as manager_id, name as manager_name from roster
),

ranked as (
    select
        r.*,
        m.manager_name,
        count(*) over () as people_total
    from readiness_run as r
    left join manager_names as m using (manager_id)
    order by r.name, r.employee_id
    limit $max_rows
),

final as (
    select * from ranked
)

select * from final order by name, employee_id
