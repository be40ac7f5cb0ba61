-- Changes in each manager page's org (report_pages, with its batch) since the previous run: people in the org
-- now, and leavers whose last manager was the page's manager or in their org. The changes of
-- the run are in report_changes (changes.sql). The first $per_kind of each kind are kept.
-- Grain: one row per page x change shown, in batch order; changes_of_kind counts every change of that kind.
with

pages as (
    select manager_id, batch_no from report_pages
),

changes as (
    select * from report_changes
),

in_org as (
    select p.manager_id, p.batch_no, c.*
    from pages as p
    join org_tree as t using (manager_id)
    join changes as c on c.employee_id = t.employee_id
    union
    select p.manager_id, p.batch_no, c.*
    from pages as p
    join changes as c on c.change = 'left' and c.previous_manager_id = p.manager_id
    union
    select p.manager_id, p.batch_no, c.*
    from pages as p
    join org_tree as t using (manager_id)
    join changes as c on c.change = 'left' and c.previous_manager_id = t.employee_id
),

ranked as (
    select
        *,
        row_number() over (partition by manager_id, change order by team, name, employee_id) as position,
        count(*) over (partition by manager_id, change) as changes_of_kind
    from in_org
),

final as (
    select * exclude (position) from ranked where position <= $per_kind
)

select * from final order by batch_no, manager_id, change, team, name, employee_id
