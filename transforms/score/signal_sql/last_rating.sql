-- signal last_rating: the roster's last performance rating (1-5).
-- Grain: one row per roster employee with a rating.
select
    employee_id,
    last_rating::double as value,
    [row_id] as row_ids
from roster
where last_rating is not null
