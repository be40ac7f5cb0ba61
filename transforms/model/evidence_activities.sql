-- evidence_activities: the activities dated from the level start to the as-of date.
-- Grain: one row per roster employee x clean_activities row.
with

activities as (
    select * from clean_activities
),

tenure as (
    select employee_id, level_start_date from level_tenure
),

final as (
    select
        a.employee_id,
        a.row_id,
        a.activity_type,
        a.activity_date,
        a.audience,
        nullif(trim(a.counterpart_id), '') as counterpart_id
    from activities as a
    join tenure as t using (employee_id)
    where a.activity_date between t.level_start_date and $as_of
)

select * from final
