-- evidence_projects: the project rows that count as evidence for their engineer's current level.
-- Grain: one row per roster employee x clean_projects row.
-- Counts when not cancelled, started on or before the as-of date, and not ended before
-- the level start (an open project, end_date NULL, counts).
with

projects as (
    select * from clean_projects
),

tenure as (
    select employee_id, level_start_date from level_tenure
),

final as (
    select
        p.employee_id,
        p.project_id,
        p.row_id,
        p.role,
        p.scope,
        p.impact,
        p.visibility,
        coalesce(p.cross_team, false) as cross_team,
        p.domain,
        p.status,
        p.start_date,
        p.end_date
    from projects as p
    join tenure as t using (employee_id)
    where p.status is distinct from 'cancelled'
      and p.start_date <= $as_of
      and (p.end_date is null or p.end_date >= t.level_start_date)
)

select * from final
