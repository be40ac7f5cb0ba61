-- Stuck symptoms of a batch of engineers of one run, with the ladder's remedies.
-- Grain: one row per engineer x detected symptom, for the engineers in report_batch.
with

batch as (
    select employee_id from report_batch
),

final as (
    select employee_id, level, symptom_id, title, coalesce(remedies, []) as remedies, evidence
    from readiness_symptoms
    where run_id = $run_id
      and employee_id in (select employee_id from batch)
)

select * from final order by employee_id, symptom_id
