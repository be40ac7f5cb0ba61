-- promotions_observed: every promotion in job history along the ladder, with the years spent in the
-- level before it. Grain: one row per employee x promotion (from a level to the rubric's next level).
-- A level's stay starts at the first of an unbroken run of job-history rows at that level and ends
-- at the first row at the next level; moves that are not the ladder's next step (demotions, track
-- changes, skipped levels) are not promotions. team is the employee's current team in the roster.
with

history as (
    select employee_id, effective_date, level, source_line
    from clean_job_history
    where effective_date <= $as_of and level is not null
),

runs as (
    select employee_id, effective_date as run_start, level
    from history
    qualify lag(level) over (partition by employee_id order by effective_date, source_line) is distinct from level
),

stays as (
    select
        employee_id,
        level as from_level,
        run_start,
        lead(level) over w as to_level,
        lead(run_start) over w as promoted_on
    from runs
    window w as (partition by employee_id order by run_start)
),

levels as (
    select * from rubric_levels
),

final as (
    select
        s.employee_id,
        r.team,
        s.from_level,
        s.to_level,
        s.run_start as level_start_date,
        s.promoted_on,
        datediff('day', s.run_start, s.promoted_on) / 365.25 as years_in_level,
        datediff('day', s.run_start, s.promoted_on) / 365.25 < lv.realistic_min_years as accelerated
    from stays as s
    join levels as lv on lv.level_id = s.from_level and lv.next_level = s.to_level
    left join roster as r using (employee_id)
)

select * from final
