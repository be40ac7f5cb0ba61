-- signal others_promoted_instead: teammates (same team in the roster) who entered this
-- engineer's level after the engineer did and were promoted out of it on or before the
-- as-of date, from job history. Grain: one row per engineer overtaken at least once.
-- row_ids: the teammates' promotion rows in clean_job_history.
with

history as (
    select employee_id, effective_date, level, row_id
    from clean_job_history
    where effective_date <= $as_of
),

steps as (
    select
        *,
        lag(level) over (partition by employee_id order by effective_date) as previous_level
    from history
),

entries as (
    select employee_id, level, effective_date as entered_on
    from steps
    where previous_level is distinct from level
),

promotions as (
    select s.employee_id, s.previous_level as from_level, s.effective_date as promoted_on, s.row_id
    from steps as s
    join rubric_levels as rl on rl.level_id = s.previous_level and rl.next_level = s.level
),

overtakers as (
    select e.employee_id, e.level, e.entered_on, p.row_id
    from entries as e
    join promotions as p
      on p.employee_id = e.employee_id
     and p.from_level = e.level
     and p.promoted_on > e.entered_on
),

engineers as (
    select r.employee_id, r.team, r.level, t.level_start_date
    from roster as r
    join level_tenure as t using (employee_id)
),

final as (
    select
        me.employee_id,
        count(distinct o.employee_id)::double as value,
        list_sort(list(distinct o.row_id)) as row_ids
    from engineers as me
    join roster as mate on mate.team = me.team and mate.employee_id <> me.employee_id
    join overtakers as o
      on o.employee_id = mate.employee_id
     and o.level = me.level
     and o.entered_on > me.level_start_date
    group by me.employee_id
)

select * from final
