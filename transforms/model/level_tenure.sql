-- level_tenure: when each employee entered their current level, and how long ago.
-- Grain: one row per roster employee.
-- Level start: the start of the current unbroken run at the current level in job history
-- (when its latest row on or before the as-of date is at the roster's level), else the
-- roster's level_start_date, else hire_date; level_start_source says which.
with

roster as (
    select employee_id, level, level_start_date, hire_date from roster
),

history as (
    select employee_id, effective_date, level
    from clean_job_history
    where effective_date <= $as_of
),

run_starts as (
    select employee_id, effective_date, level
    from history
    qualify lag(level) over (partition by employee_id order by effective_date) is distinct from level
),

latest_run as (
    select
        employee_id,
        max(effective_date) as run_start,
        arg_max(level, effective_date) as run_level
    from run_starts
    group by employee_id
),

resolved as (
    select
        r.employee_id,
        case
            when lr.run_level = r.level then lr.run_start
            when r.level_start_date is not null then r.level_start_date
            else r.hire_date
        end as level_start_date,
        case
            when lr.run_level = r.level then 'job_history'
            when r.level_start_date is not null then 'level_start_date'
            else 'hire_date'
        end as level_start_source
    from roster as r
    left join latest_run as lr using (employee_id)
),

final as (
    select
        employee_id,
        level_start_date,
        level_start_source,
        datediff('day', level_start_date, $as_of) / 365.25 as years_in_level
    from resolved
)

select * from final
