-- Purpose: one people snapshot with the checks that look beyond the row as boolean
-- columns, evaluated in SQL: dates not after the snapshot's date (<not_after_flags>),
-- unique employee_id, manager in the snapshot, not on a management cycle.
-- EXISTS / anti-joins, never `x in (subquery)`, which turns NULL as soon as the subquery
-- holds a NULL.
-- Grain: one row per typed people row of the snapshot.
-- Inputs: v_scope_typed, v_export_dates, v_cycle_members (ids on a management cycle).
with

typed as (
    select * from v_scope_typed
),

export_dates as (
    select * from v_export_dates
),

copies as (
    select employee_id, count(*) as n from typed where employee_id is not null group by employee_id
),

final as (
    select
        t.*,
        {{not_after_flags}}
        coalesce(c.n, 1) = 1 as employee_id__unique_in_snapshot,
        t.manager_id is null
            or exists (select 1 from typed as m where m.employee_id = t.manager_id) as manager_id__in_snapshot,
        not exists (select 1 from v_cycle_members as y where y.employee_id = t.employee_id) as employee_id__not_in_cycle
    from typed as t
    join export_dates as xd on xd.file_sha256 = t.file_sha256
    left join copies as c on c.employee_id = t.employee_id
)

select * from final
