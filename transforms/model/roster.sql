-- roster: the current people snapshot, i.e. the newest snapshot_as_of on or before the as-of date.
-- Grain: one row per employee (terminated employees included; scoring leaves them out).
-- track: the export's track when given, else the track of the employee's rubric level.
with

people as (
    select * from clean_people
),

rubric_levels as (
    select level_id, track from rubric_levels
),

current_snapshot as (
    select max(snapshot_as_of) as snapshot_as_of
    from people
    where snapshot_as_of <= $as_of
),

current_people as (
    select people.*
    from people
    join current_snapshot using (snapshot_as_of)
    qualify row_number() over (partition by employee_id order by source_line) = 1
),

final as (
    select
        p.snapshot_as_of,
        p.employee_id,
        p.name,
        p.email,
        nullif(trim(p.manager_id), '') as manager_id,
        p.level,
        p.level_raw,
        coalesce(p.track, rl.track) as track,
        p.team,
        p.hire_date,
        p.level_start_date,
        coalesce(p.employment_status, 'active') as employment_status,
        p.location,
        p.last_rating,
        p.row_id
    from current_people as p
    left join rubric_levels as rl on rl.level_id = p.level
)

select * from final
