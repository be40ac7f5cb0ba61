-- signal count_projects: how many counted projects match the filters.
-- Grain: one row per engineer with at least one matching project.
select
    employee_id,
    count(*)::double as value,
    list(row_id order by row_id) as row_ids
from evidence_projects
where {{where}}
group by employee_id
