-- evidence_projects: the project rows that count as evidence for their engineer's current level.
-- Grain: one row per roster employee x clean_projects row.
-- Counts when its status is one of the rubric's evidence.project_statuses ($project_statuses; the
-- default rubric: active and done) or it has no status, it started on or before the as-of date,
-- and it did not end before the level start (an open project, end_date NULL, counts).
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
    where (p.status is null or list_contains($project_statuses, p.status))
      and p.start_date <= $as_of
      and (p.end_date is null or p.end_date >= t.level_start_date)
)

select * from final
