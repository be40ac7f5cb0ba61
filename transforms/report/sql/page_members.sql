-- Who appears on each manager page of a batch (report_pages), and whether with a full packet.
-- Grain: one row per page x engineer shown. Summary pages list their direct reports only; the
-- rest of their org is summarised by summary_people.sql.
with

pages as (
    select manager_id, layout from report_pages
),

readiness_run as (
    select employee_id, team, name from readiness where run_id = $run_id
),

final as (
    select
        t.manager_id, t.employee_id, t.depth,
        p.layout = 'full' or t.depth = 1 as has_packet,
        r.team, r.name
    from org_tree as t
    join pages as p using (manager_id)
    join readiness_run as r using (employee_id)
    where p.layout <> 'summary' or t.depth = 1
)

select manager_id, employee_id, depth, has_packet from final
order by manager_id, team, name, employee_id
