-- signal max_projects_in_one_domain: the most counted projects in any single domain.
-- Grain: one row per engineer with at least one matching project that names a domain.
with

per_domain as (
    select
        employee_id,
        domain,
        count(*) as projects,
        list(row_id order by row_id) as row_ids
    from evidence_projects
    where {{where}} and domain is not null
    group by employee_id, domain
),

final as (
    select
        employee_id,
        max(projects)::double as value,
        first(row_ids order by projects desc, domain) as row_ids
    from per_domain
    group by employee_id
)

select * from final
