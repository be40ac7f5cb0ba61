-- Skill assessments behind the criteria of a batch of engineers of one run.
-- Grain: one row per engineer x criterion x evidence skill row, for the engineers in report_batch.
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
    select c.employee_id, c.criterion_id, s.row_id, s.skill, s.proficiency, s.assessed_on, s.source
    from criterion_rows as c
    join clean_skills as s using (row_id)
)

select * from final order by employee_id, criterion_id, skill, assessed_on
