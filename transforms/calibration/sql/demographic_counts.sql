-- demographic_counts: scored engineers, ready and stuck per demographic group, for adverse impact.
-- Grain: one row per grouping set x group: each demographic column alone and each pair of columns
-- (grouped_<column> = 1 when the column is not part of the row's grouping set). Template:
-- {{values}} selects the columns (trimmed, '' as NULL = not recorded), {{columns}} lists them,
-- {{grouped}} gives the grouping flags, {{sets}} the grouping sets. Only counts leave this query:
-- this is the one place demographics are joined to readiness.
with

scored as (
    select employee_id, status from readiness where run_id = $run_id and status <> 'not_scored'
),

demographics as (
    select r.employee_id, {{values}}
    from roster as r
    join clean_people as p on p.row_id = r.row_id
),

joined as (
    select s.status, d.* exclude (employee_id)
    from scored as s
    join demographics as d using (employee_id)
),

final as (
    select
        {{columns}},
        {{grouped}},
        count(*) as scored,
        count(*) filter (where status = 'ready') as ready,
        count(*) filter (where status = 'stuck') as stuck
    from joined
    group by grouping sets ({{sets}})
)

select * from final
