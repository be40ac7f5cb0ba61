-- retention_risk: per team, stuck engineers and how many of them are paid below their level's salary
-- band (the career guide's "compensation significantly below market"). Grain: one row per team with
-- at least one stuck engineer. Only counts leave this query: no salary is ever selected. An engineer
-- whose salary, currency or band (level x currency, from the rubric in temp table salary_bands) is
-- missing counts as not comparable.
with

stuck as (
    select employee_id, team, level from readiness where run_id = $run_id and status = 'stuck'
),

pay as (
    select r.employee_id, p.base_salary, upper(trim(p.currency)) as currency
    from roster as r
    join clean_people as p on p.row_id = r.row_id
),

bands as (
    select level_id, upper(currency) as currency, min_salary from salary_bands
),

compared as (
    select
        s.team,
        s.employee_id,
        case when p.base_salary is not null and b.min_salary is not null then p.base_salary < b.min_salary end as below_band
    from stuck as s
    left join pay as p using (employee_id)
    left join bands as b on b.level_id = s.level and b.currency = p.currency
),

final as (
    select
        coalesce(team, '(no team)') as team,
        count(*) as stuck,
        count(*) filter (where below_band) as stuck_below_band,
        count(*) filter (where below_band is null) as stuck_not_comparable
    from compared
    group by all
)

select * from final order by stuck_below_band desc, stuck desc, team
