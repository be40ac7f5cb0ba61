-- org_tree: every manager -> every direct and indirect report in the current roster.
-- Grain: one row per (manager_id, employee_id); depth 1 = direct report.
-- Cycle-safe: the walk starts at the tops (no manager, or a manager missing from the
-- roster) and goes down, so people inside a management cycle are never reached.
with recursive

edges as (
    select employee_id, manager_id from roster
),

walk(employee_id, ancestors) as (
    select e.employee_id, []::varchar[]
    from edges as e
    where e.manager_id is null
       or e.manager_id not in (select employee_id from edges)
    union all
    select child.employee_id, list_append(walk.ancestors, walk.employee_id)
    from walk
    join edges as child on child.manager_id = walk.employee_id
    where not list_contains(walk.ancestors, child.employee_id)
),

final as (
    select
        ancestors[i] as manager_id,
        employee_id,
        len(ancestors) - i + 1 as depth
    from walk, range(1, len(ancestors) + 1) as r(i)
)

select * from final
