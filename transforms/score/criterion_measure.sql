-- criterion_measure: one criterion's measured signal for every engineer it applies to.
-- Grain: one row per scored engineer at the criterion's from-level. Template: placeholders in double braces are
-- filled from the rubric by transforms.score (ids quoted, the signal compiled from its vocabulary).
select
    p.employee_id,
    {{criterion_id}} as criterion_id,
    coalesce(s.value, 0) as measured,
    coalesce(s.row_ids, []::varchar[]) as evidence_row_ids
from score_population as p
left join ({{signal}}) as s using (employee_id)
where p.not_scored_reason is null
  and p.level = {{from_level}}
