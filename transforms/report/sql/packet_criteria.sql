-- The criteria table rows and the gaps list of the packets of a batch of engineers (report_batch),
-- as the HTML the packet shows: built here, set-based, instead of template loops over each
-- criterion and each evidence row. Every text goes through html_text and every number through
-- html_num / html_score (sql/html.sql), so the HTML is what the templates would write.
-- Grain: one row per engineer in report_batch with at least one criterion.
-- A counterpart (e.g. a mentee) is named only when they are in the org of the engineer's direct
-- manager, or are that manager: the page that shows the packet covers that org and no one else.
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

evidence_items as (
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

evidence_cells as (
    select
        employee_id, criterion_id,
        -- projects, then activities, then skills (by name); each by date, then label, then row
        '<ul class="evidence">'
        || string_agg(item, '' order by kind_rank, case when evidence_kind = 'skill' then label end,
                      evidence_date, label, row_id)
        || '</ul>' as evidence_html
    from evidence_items
    group by employee_id, criterion_id
),

criteria as (
    select
        c.employee_id, c.criterion_id, c.title, c.measured, c.target, c.weight, c.contribution,
        c.is_measured, c.met, c.remedy, e.evidence_html
    from readiness_criteria as c
    left join evidence_cells as e using (employee_id, criterion_id)
    where c.run_id = $run_id
      and c.employee_id in (select employee_id from report_batch)
),

criterion_rows as (
    select
        employee_id, criterion_id, weight, is_measured, met,
        '<tr><td>' || html_text(title) || '<br><code>' || html_text(criterion_id) || '</code></td>'
        || '<td>' || case when is_measured then html_num(measured) else 'not measured' end || '</td>'
        || '<td>' || html_num(target) || '</td><td>' || html_num(weight) || '</td>'
        || '<td>' || html_score(contribution) || '</td>'
        || '<td>' || case when not is_measured then '<i>no source data</i>'
                          when met then '<b class="ok">yes</b>'
                          else '<b class="bad">no</b>' end || '</td>' || chr(10)
        || '<td>' || coalesce(evidence_html, '<i>none</i>') || '</td></tr>' || chr(10) as row_html,
        -- a measured criterion below its target, with the ladder's remedy
        case when is_measured and not coalesce(met, false) then
            '<li><b>' || html_text(title) || '</b>: ' || html_num(measured) || ' of ' || html_num(target) || '. '
            || html_text(coalesce(remedy, '')) || '</li>' || chr(10)
        end as gap_html,
        case when not is_measured then
            '<li class="muted">' || html_text(title) || ': not measured (its source export was not loaded).</li>'
            || chr(10)
        end as unmeasured_html
    from criteria
),

final as (
    select
        employee_id,
        -- the packet's order: heaviest criterion first, then by id
        string_agg(row_html, '' order by weight desc, criterion_id) as criteria_html,
        nullif(coalesce(string_agg(gap_html, '' order by weight desc, criterion_id), '')
               || coalesce(string_agg(unmeasured_html, '' order by weight desc, criterion_id), ''), '') as gaps_html
    from criterion_rows
    group by employee_id
)

select * from final
