-- On summary pages (orgs too big to list), the flagged people ($statuses) under each manager who
-- reports directly to the page's manager, the first $per_status of each status by name.
-- Grain: one row per page x sub-manager x person shown.
with

pages as (
    select manager_id from report_pages where layout = 'summary'
),

sub_managers as (
    select t.manager_id, t.employee_id as sub_manager_id
    from org_tree as t
    join pages using (manager_id)
    where t.depth = 1
      and t.employee_id in (select manager_id from org_tree)
),

flagged as (
    select employee_id, name, status
    from readiness
    where run_id = $run_id and list_contains($statuses, status)
),

members as (
    select s.manager_id, s.sub_manager_id, f.employee_id, f.name, f.status
    from sub_managers as s
    join org_tree as b on b.manager_id = s.sub_manager_id
    join flagged as f on f.employee_id = b.employee_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by manager_id, sub_manager_id, status order by coalesce(name, ''), employee_id
        ) as position
    from members
),

final as (
    select manager_id, sub_manager_id, employee_id, status, position
    from ranked
    where position <= $per_status
)

select * from final order by manager_id, sub_manager_id, status, position
