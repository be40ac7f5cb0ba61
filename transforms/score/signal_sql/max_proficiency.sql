-- signal max_proficiency: the best counted proficiency (1-5) over a set of skills.
-- Grain: one row per engineer with a counted assessment of one of the skills.
select
    employee_id,
    max(proficiency)::double as value,
    [first(row_id order by proficiency desc, row_id)] as row_ids
from evidence_skills
where skill in ({{skills}})
group by employee_id
