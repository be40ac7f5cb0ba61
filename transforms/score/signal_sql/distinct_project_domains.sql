-- signal distinct_project_domains: how many domains the counted projects span (no domain: ignored).
-- Grain: one row per engineer with at least one matching project that names a domain.
select
    employee_id,
    count(distinct domain)::double as value,
    list(row_id order by row_id) as row_ids
from evidence_projects
where {{where}} and domain is not null
group by employee_id
