-- Employees of the snapshot being validated whose management chain reaches the top.
-- Grain: one row per reachable employee_id. Input: v_scope_typed (one people
-- snapshot, cleaned ids). The walk goes down from every top: rows with an empty
-- manager_id, or a manager_id outside the snapshot (that row fails manager_exists, not
-- the cycle check). UNION (not UNION ALL) drops ids already reached, so duplicates and
-- cycles cannot loop. An id never reached sits in a cycle or below one.
with recursive

people as (
    select employee_id, manager_id from v_scope_typed where employee_id is not null
),

tops as (
    select p.employee_id
    from people as p
    where p.manager_id is null
       or not exists (select 1 from people as m where m.employee_id = p.manager_id)
),

reached(employee_id) as (
    select employee_id from tops
    union
    select c.employee_id
    from people as c
    join reached as r on c.manager_id = r.employee_id
),

final as (
    select distinct employee_id from reached
)

select * from final
