-- Evidence rows of the packets of a batch of engineers (report_batch), in the order a packet lists them.
-- Grain: one row per engineer x criterion x evidence row. A counterpart (e.g. a mentee) is named only
-- when they are in the org of the engineer's direct manager, or are that manager: the page that
-- shows the packet covers that org and no one else.
with

evidence as (
    select * from report_evidence($run_id)
),

readiness_run as (
    select employee_id, name, manager_id from readiness where run_id = $run_id
),

final as (
    select ev.*, coalesce(peer.name, boss.name) as counterpart_name
    from evidence as ev
    join readiness_run as eng on eng.employee_id = ev.employee_id
    left join org_tree as t on t.manager_id = eng.manager_id and t.employee_id = ev.counterpart_id
    left join readiness_run as peer on peer.employee_id = t.employee_id
    left join roster as boss on boss.employee_id = eng.manager_id and ev.counterpart_id = eng.manager_id
)

select * from final
order by employee_id, criterion_id, kind_rank, case when evidence_kind = 'skill' then label end, evidence_date, label
