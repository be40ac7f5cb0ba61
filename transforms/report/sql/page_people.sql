-- The people each manager page (report_pages: every page, with the batch it is rendered in) lists below its direct reports: the first
-- $max_people of the org's indirect reports, nearest first (depth, then team and name). Their packets
-- are on their own direct manager's page, which the row links to.
-- Grain: one row per page x indirect report listed, in batch order (the report stage reads a batch at a time).
with

pages as (
    select manager_id, batch_no from report_pages
),

readiness_run as (
    select
        employee_id, name, manager_id as direct_manager_id, team, level, status, accelerated,
        readiness_score, years_in_level
    from readiness
    where run_id = $run_id
),

members as (
    select t.manager_id, pages.batch_no, t.depth, r.*
    from org_tree as t
    join pages using (manager_id)
    join readiness_run as r using (employee_id)
    where t.depth > 1
),

ranked as (
    select
        *,
        row_number() over (
            partition by manager_id order by depth, team, name, employee_id
        ) as position
    from members
),

final as (
    select * from ranked where position <= $max_people
)

select * from final order by batch_no, manager_id, position
