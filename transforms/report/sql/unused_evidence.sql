-- Evidence rows of the engineers with a packet (those whose direct manager has a page in
-- report_pages, with the page's batch) that their packets do not use, and why:
-- quarantined by validation (checks: the failed check names), or clean but not eligible under the
-- evidence rules of the model stage (transforms/model/evidence_*.sql, with the rubric's
-- $project_statuses and $skill_sources; `why` words the rule).
-- Grain: one row per engineer x export kind x reason, with the number of rows, in batch order.
with

batch as (
    select r.employee_id, p.batch_no
    from readiness as r
    join report_pages as p using (manager_id)
    where r.run_id = $run_id
),

run as (
    select as_of from pipeline_runs where run_id = $run_id
),

engineers as (
    select r.employee_id, r.level_start_date
    from readiness as r
    join batch using (employee_id)
    where r.run_id = $run_id
),

quarantined as (
    select q.employee_id, q.kind, true as is_quarantined, q.checks, null::varchar as why
    from quarantine as q
    join batch using (employee_id)
    where q.run_id = $run_id and q.kind in ('projects', 'activities', 'skills')
),

projects_not_eligible as (
    select
        p.employee_id, 'projects' as kind, false as is_quarantined, []::varchar[] as checks,
        case
            when not list_contains($project_statuses, p.status) then 'project status ' || p.status || ' does not count'
            when p.start_date > run.as_of then 'starts after the as-of date'
            else 'ended before the current level started'
        end as why
    from clean_projects as p
    join engineers as e using (employee_id), run
    where p.row_id not in (select row_id from evidence_projects)
),

activities_not_eligible as (
    select
        a.employee_id, 'activities' as kind, false as is_quarantined, []::varchar[] as checks,
        case
            when a.activity_date < e.level_start_date then 'before the current level started'
            else 'after the as-of date'
        end as why
    from clean_activities as a
    join engineers as e using (employee_id)
    where a.row_id not in (select row_id from evidence_activities)
),

skills_not_eligible as (
    select
        s.employee_id, 'skills' as kind, false as is_quarantined, []::varchar[] as checks,
        case
            when s.source is null then 'assessment without a source'
            when not list_contains($skill_sources, s.source) then s.source || '-assessment does not count'
            when s.assessed_on > run.as_of then 'after the as-of date'
            else 'a later assessment of the same skill counts'
        end as why
    from clean_skills as s
    join engineers as e using (employee_id), run
    where s.row_id not in (select row_id from evidence_skills)
),

unused as (
    select * from quarantined
    union all select * from projects_not_eligible
    union all select * from activities_not_eligible
    union all select * from skills_not_eligible
),

final as (
    select b.batch_no, u.employee_id, u.kind, u.is_quarantined, list_sort(u.checks) as checks, u.why, count(*) as rows
    from unused as u
    join batch as b using (employee_id)
    group by all
)

select * from final order by batch_no, employee_id, kind, is_quarantined desc, rows desc, why, checks
