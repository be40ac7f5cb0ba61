-- Stuck symptoms of one run with the ladder's remedies.
-- Grain: one row per engineer x detected symptom.
with

final as (
    select employee_id, level, symptom_id, title, coalesce(remedies, []) as remedies, evidence
    from readiness_symptoms
    where run_id = $run_id
)

select * from final order by employee_id, symptom_id
