-- Every manager's org as the manager pages count it.
-- Grain: one row per manager in org_tree (a manager whose org has no one in the run still gets a page).
with

tree as (
    select manager_id, employee_id, depth from org_tree
),

readiness_run as (
    select employee_id, status from readiness where run_id = $run_id
),

names as (
    select employee_id as manager_id, name, manager_id as boss_id from roster
),

counted as (
    select
        t.manager_id,
        count(r.employee_id) as engineers,
        count(r.employee_id) filter (where t.depth = 1) as direct_reports,
        count(*) filter (where r.status = 'ready') as ready,
        count(*) filter (where r.status = 'watch') as watch,
        count(*) filter (where r.status = 'stuck') as stuck,
        count(*) filter (where r.status = 'on_track') as on_track,
        count(*) filter (where r.status = 'not_scored') as not_scored
    from tree as t
    left join readiness_run as r using (employee_id)
    group by t.manager_id
),

final as (
    select c.*, coalesce(n.name, c.manager_id) as name, n.boss_id
    from counted as c
    left join names as n using (manager_id)
)

select * from final order by manager_id
