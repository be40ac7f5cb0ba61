-- Clean people whose manager row was quarantined (manager_exists passed, so the manager is
-- in the snapshot, but not in clean_people). Grain: one row per such report.
with

people as (
    select * from clean_people
),

final as (
    select
        r.row_id,
        r.employee_id,
        'manager_id ''' || r.manager_id || ''' was quarantined in this snapshot; the report is kept' as detail
    from people as r
    where r.manager_id is not null
      and not exists (select 1 from people as m where m.employee_id = r.manager_id)
)

select * from final
