-- symptom_hit: the engineers at one level for whom every condition of one symptom holds.
-- Grain: one row per engineer showing the symptom. Template placeholders (double braces):
-- joins = the compiled condition signals (c1, c2, ...), conditions = their thresholds,
-- evidence = the explanation built from the measured values.
select
    p.employee_id,
    {{symptom_id}} as symptom_id,
    {{evidence}} as evidence
from score_population as p
{{joins}}
where p.level = {{level}}
  and {{conditions}}
