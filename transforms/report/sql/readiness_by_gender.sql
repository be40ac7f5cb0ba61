-- Selection (ready) counts per gender group, per level and for the whole org, for adverse-impact ratios.
-- Grain: one row per level x gender group (level '*' = whole org). Only counts leave this query:
-- no individual gender value is ever selected. Scored engineers only; gender is read from the
-- people row the roster was built from.
with

scored as (
    select employee_id, level, status
    from readiness
    where run_id = $run_id and status <> 'not_scored'
),

groups as (
    select s.level, s.status, nullif(trim(p.gender), '') as gender_group
    from scored as s
    join roster as r using (employee_id)
    join clean_people as p on p.row_id = r.row_id
),

final as (
    select
        case when grouping(level) = 1 then '*' else level end as level, gender_group,
        count(*) as engineers, count(*) filter (where status = 'ready') as ready
    from groups
    group by grouping sets ((level, gender_group), (gender_group))
)

select * from final order by level, gender_group nulls last
