-- readiness_symptoms: the stuck-at-level symptoms detected per engineer, with remedies.
-- Grain: one row per engineer x symptom detected.
with

hits as (
    select * from symptom_hits
),

final as (
    select
        $run_id as run_id,
        h.employee_id,
        s.level,
        h.symptom_id,
        s.title,
        s.remedies,
        h.evidence
    from hits as h
    join score_population as p using (employee_id)
    join rubric_symptoms as s on s.symptom_id = h.symptom_id and s.level = p.level
)

select * from final
