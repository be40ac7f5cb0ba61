-- One people snapshot with its cross-row checks as boolean columns (checked by GX).
-- Grain: one row per raw people row of the snapshot. Inputs: v_typed (typed rows),
-- v_cycle_members (ids on a management cycle). EXISTS / anti-joins, never `x in (subquery)`,
-- which turns NULL as soon as the subquery holds a NULL.
with

typed as (
    select * from v_typed
),

copies as (
    select employee_id, count(*) as n from typed where employee_id is not null group by employee_id
),

final as (
    select
        t.*,
        coalesce(c.n, 1) = 1 as employee_id__unique_in_snapshot,
        t.manager_id is null
            or exists (select 1 from typed as m where m.employee_id = t.manager_id) as manager_id__in_snapshot,
        not exists (select 1 from v_cycle_members as y where y.employee_id = t.employee_id) as employee_id__not_in_cycle
    from typed as t
    left join copies as c on c.employee_id = t.employee_id
)

select * from final
