-- Purpose: typed rows of a non-people kind in scope with the checks that look beyond the
-- row as boolean columns, evaluated in SQL: each date not after its file's export date
-- (<not_after_flags>, from the contract) and employee_id__known (the employee is in the
-- served people snapshot; every employee_id of it, quarantined rows included, so one bad
-- roster row does not cascade into its evidence). EXISTS, never `x in (subquery)`.
-- Grain: one row per typed row of the files in scope.
-- Inputs: v_scope_typed, v_export_dates (file_sha256, export_date), v_served_ids (employee_id).
with

typed as (
    select * from v_scope_typed
),

export_dates as (
    select * from v_export_dates
),

final as (
    select
        t.*,
        {{not_after_flags}}
        t.employee_id is null
            or exists (select 1 from v_served_ids as s where s.employee_id = t.employee_id) as employee_id__known
    from typed as t
    -- Inner join: every file has an export date; a row lost here fails conservation loudly.
    join export_dates as xd on xd.file_sha256 = t.file_sha256
)

select * from final
