-- Whose packets the manager pages of a batch (report_pages) carry: their direct reports, each
-- engineer's packet on exactly one page (their direct manager's).
-- Grain: one row per engineer in the run whose direct manager has a page in the batch.
with

pages as (
    select manager_id from report_pages
),

readiness_run as (
    select employee_id, manager_id, team, name from readiness where run_id = $run_id
),

final as (
    select r.manager_id, r.employee_id, r.team, r.name
    from readiness_run as r
    join pages using (manager_id)
)

select manager_id, employee_id from final order by manager_id, team, name, employee_id
