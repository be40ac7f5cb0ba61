-- What changed between the previous run and this one: newly ready, newly stuck, promoted, left.
-- Grain: one row per engineer with a change (an engineer has at most one, in that priority:
-- left, promoted, newly_ready, newly_stuck).
with

current_run as (
    select * from readiness where run_id = $run_id
),

previous_run as (
    select * from readiness where run_id = $previous_run_id
),

compared as (
    select
        coalesce(c.employee_id, p.employee_id) as employee_id,
        coalesce(c.name, p.name) as name,
        coalesce(c.team, p.team) as team,
        c.manager_id as manager_id,
        p.manager_id as previous_manager_id,
        p.level as previous_level,
        c.level as level,
        p.status as previous_status,
        c.status as status,
        c.employee_id is null as is_gone,
        p.employee_id is not null and c.level is distinct from p.level
            and c.level = p.next_level as is_promoted
    from current_run as c
    full outer join previous_run as p using (employee_id)
),

final as (
    select
        *,
        case
            when is_gone then 'left'
            when is_promoted then 'promoted'
            when status = 'ready' and previous_status is distinct from 'ready' then 'newly_ready'
            when status = 'stuck' and previous_status is distinct from 'stuck' then 'newly_stuck'
        end as change
    from compared
)

select * from final where change is not null order by change, team, name, employee_id
