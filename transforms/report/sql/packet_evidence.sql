-- The evidence cell of each criterion of the packets of a batch of engineers (report_batch), as the
-- HTML list the packet shows: built here, set-based, instead of one template loop per evidence row.
-- Grain: one row per engineer x criterion with at least one evidence row.
-- A counterpart (e.g. a mentee) is named only when they are in the org of the engineer's direct
-- manager, or are that manager: the page that shows the packet covers that org and no one else.
-- Every text goes through html_text (sql/html_text.sql), the templates' own escaping.
with

evidence as (
    select * from report_evidence($run_id)
),

readiness_run as (
    select employee_id, name, manager_id from readiness where run_id = $run_id
),

named as (
    select ev.*, coalesce(peer.name, boss.name) as counterpart_name
    from evidence as ev
    join readiness_run as eng on eng.employee_id = ev.employee_id
    left join org_tree as t on t.manager_id = eng.manager_id and t.employee_id = ev.counterpart_id
    left join readiness_run as peer on peer.employee_id = t.employee_id
    left join roster as boss on boss.employee_id = eng.manager_id and ev.counterpart_id = eng.manager_id
),

items as (
    select
        employee_id, criterion_id, kind_rank, evidence_kind, evidence_date, label, row_id,
        '<li>'
        || case when evidence_kind = 'activity' then coalesce(evidence_date::varchar, '') || ' ' else '' end
        || '<b>' || html_text(coalesce(label, '')) || '</b> <i>' || html_text(coalesce(detail, ''))
        || case when evidence_kind = 'skill' then ', ' || coalesce(evidence_date::varchar, '') else '' end
        || case when coalesce(counterpart_id, '') <> ''
                then ', with ' || html_text(coalesce(nullif(counterpart_name, ''), 'someone outside this team'))
                else '' end
        || '</i></li>' as item
    from named
),

final as (
    select
        employee_id, criterion_id,
        -- projects, then activities, then skills (by name); each by date, then label, then row
        '<ul class="evidence">'
        || string_agg(item, '' order by kind_rank, case when evidence_kind = 'skill' then label end,
                      evidence_date, label, row_id)
        || '</ul>' as evidence_html
    from items
    group by employee_id, criterion_id
)

select * from final
