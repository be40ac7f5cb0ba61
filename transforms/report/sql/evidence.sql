-- The evidence behind every criterion of the engineers in report_batch, as a person reads it:
-- a label (what) and a detail (role, scope, audience, proficiency ...) per evidence row.
-- Grain: one row per engineer x criterion x evidence row (project, activity or skill).
-- Defines the table macro report_evidence(run); evidence.parquet and the packets both read it.
create or replace temp macro report_evidence(run) as table

with

criterion_rows as (
    select employee_id, criterion_id, unnest(evidence_row_ids) as row_id
    from readiness_criteria
    where run_id = run
      and employee_id in (select employee_id from report_batch)
),

projects as (
    select
        c.employee_id, c.criterion_id, 'project' as evidence_kind, 1 as kind_rank, p.row_id,
        p.start_date as evidence_date,
        p.project_id || coalesce(' ' || nullif(p.project_name, ''), '') as label,
        concat_ws(', ', nullif(p.role, ''), nullif(p.scope, '') || ' scope',
                  nullif(p.impact, '') || ' impact', nullif(p.status, '')) as facts,
        p.start_date || ' to ' || coalesce(p.end_date::varchar, 'now') as span,
        null::varchar as counterpart_id
    from criterion_rows as c
    join clean_projects as p using (row_id)
),

activities as (
    select
        c.employee_id, c.criterion_id, 'activity' as evidence_kind, 2 as kind_rank, a.row_id,
        a.activity_date as evidence_date,
        coalesce(nullif(a.title, ''), a.activity_type) as label,
        a.activity_type || coalesce(', ' || nullif(a.audience, '') || ' audience', '') as facts,
        null as span,
        a.counterpart_id
    from criterion_rows as c
    join clean_activities as a using (row_id)
),

skills as (
    select
        c.employee_id, c.criterion_id, 'skill' as evidence_kind, 3 as kind_rank, s.row_id,
        s.assessed_on as evidence_date,
        s.skill as label,
        'proficiency ' || s.proficiency || coalesce(', ' || nullif(s.source, '') || ' assessment', '') as facts,
        null as span,
        null::varchar as counterpart_id
    from criterion_rows as c
    join clean_skills as s using (row_id)
),

final as (
    select
        employee_id, criterion_id, evidence_kind, kind_rank, row_id, evidence_date, label,
        case when span is null then facts when facts = '' then span else facts || '; ' || span end as detail,
        counterpart_id
    from (
        select * from projects
        union all
        select * from activities
        union all
        select * from skills
    )
)

select * from final
