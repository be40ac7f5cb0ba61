-- signal distinct_counterparts: how many different people (e.g. mentees) the matching
-- activities since the level start were with. Grain: one row per engineer with any.
select
    employee_id,
    count(distinct counterpart_id)::double as value,
    list(row_id order by row_id) as row_ids
from evidence_activities
where {{where}} and counterpart_id is not null
group by employee_id
