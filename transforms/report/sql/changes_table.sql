-- changes.csv: everyone whose standing changed since the previous run (report_changes, changes.sql).
-- Grain: one row per engineer with a change.
with

changes as (
    select * from report_changes
),

final as (
    select employee_id, name, team, change, previous_level, level, previous_status, status
    from changes
)

select * from final order by change, team, name, employee_id
