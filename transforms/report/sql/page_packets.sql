-- Whose packets the manager pages (report_pages, with their batch) carry: their direct reports, each
-- engineer's packet on exactly one page (their direct manager's).
-- Grain: one row per engineer in the run whose direct manager has a page, in batch order.
with

pages as (
    select manager_id, batch_no from report_pages
),

readiness_run as (
    select employee_id, manager_id, team, name from readiness where run_id = $run_id
),

final as (
    select pages.batch_no, r.manager_id, r.employee_id, r.team, r.name
    from readiness_run as r
    join pages using (manager_id)
)

select batch_no, manager_id, employee_id from final order by batch_no, manager_id, team, name, employee_id
