-- Management edges of employees whose chain never reaches the top (see people_reached.sql).
-- Grain: one row per distinct (employee_id, manager_id) of an unreached employee.
-- transforms.validate.validation peels leaves off this set until only cycles remain.
with

people as (
    select employee_id, manager_id from v_scope_typed where employee_id is not null
),

final as (
    select distinct p.employee_id, p.manager_id
    from people as p
    where not exists (select 1 from v_people_reached as r where r.employee_id = p.employee_id)
)

select * from final
