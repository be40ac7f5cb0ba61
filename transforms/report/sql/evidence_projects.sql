-- Project rows behind the criteria of a batch of engineers of one run.
-- Grain: one row per engineer x criterion x evidence project row, for the engineers in report_batch.
with

batch as (
    select employee_id from report_batch
),

criterion_rows as (
    select employee_id, criterion_id, unnest(evidence_row_ids) as row_id
    from readiness_criteria
    where run_id = $run_id
      and employee_id in (select employee_id from batch)
),

final as (
    select
        c.employee_id, c.criterion_id, p.row_id, p.project_id, p.project_name, p.role, p.scope,
        p.impact, p.status, p.start_date, p.end_date
    from criterion_rows as c
    join clean_projects as p using (row_id)
)

select * from final order by employee_id, criterion_id, start_date, project_id
