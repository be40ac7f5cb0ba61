-- Rows of a non-people kind with the cross-table check as a boolean column (checked by GX).
-- Grain: one row per raw row of the kind. Inputs: v_typed, v_served_ids (every employee_id
-- of the served people snapshot, quarantined rows included, so one bad roster row does not
-- cascade into its evidence). EXISTS, never `x in (subquery)`.
with

typed as (
    select * from v_typed
),

final as (
    select
        t.*,
        t.employee_id is null
            or exists (select 1 from v_served_ids as s where s.employee_id = t.employee_id) as employee_id__known
    from typed as t
)

select * from final
