-- Activity rows behind the criteria of a batch of engineers of one run.
-- Grain: one row per engineer x criterion x evidence activity row, for the engineers in report_batch.
-- A counterpart (e.g. a mentee) is named only when they are in the org of the engineer's direct
-- manager, or are that manager: every page that shows the packet covers that org.
with

batch as (
    select employee_id from report_batch
),

readiness_run as (
    select employee_id, name, manager_id from readiness where run_id = $run_id
),

criterion_rows as (
    select employee_id, criterion_id, unnest(evidence_row_ids) as row_id
    from readiness_criteria
    where run_id = $run_id
      and employee_id in (select employee_id from batch)
),

activities as (
    select
        c.employee_id, c.criterion_id, a.row_id, a.activity_type, a.title, a.activity_date,
        a.audience, a.counterpart_id
    from criterion_rows as c
    join clean_activities as a using (row_id)
),

final as (
    select act.*, coalesce(peer.name, boss.name) as counterpart_name
    from activities as act
    join readiness_run as eng on eng.employee_id = act.employee_id
    left join org_tree as t on t.manager_id = eng.manager_id and t.employee_id = act.counterpart_id
    left join readiness_run as peer on peer.employee_id = t.employee_id
    left join roster as boss on boss.employee_id = eng.manager_id and act.counterpart_id = eng.manager_id
)

select * from final order by employee_id, criterion_id, activity_date, title
