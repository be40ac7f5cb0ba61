-- signal count_activities: how many activities since the level start match the filters.
-- Grain: one row per engineer with at least one matching activity.
select
    employee_id,
    count(*)::double as value,
    list(row_id order by row_id) as row_ids
from evidence_activities
where {{where}}
group by employee_id
