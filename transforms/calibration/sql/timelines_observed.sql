-- timelines_observed: the org's actual years in level before promotion, per level and per team x level,
-- beside the ladder's windows. Grain: one row per from-level (team NULL = whole org) and one per
-- team x from-level for teams with at least $min_team_promotions promotions in all.
-- Quartiles are continuous (linear interpolation between the two nearest stays).
with

promotions as (
    select * from promotions_observed
),

team_sizes as (
    select team, count(*) as team_promotions from promotions where team is not null group by team
),

grouped as (
    select
        from_level,
        case when grouping(team) = 0 then team end as team,
        grouping(team) = 1 as whole_org,
        count(*) as promotions,
        count(*) filter (where accelerated) as accelerated,
        quantile_cont(years_in_level, 0.25) as q1_years,
        median(years_in_level) as median_years,
        quantile_cont(years_in_level, 0.75) as q3_years,
        min(years_in_level) as min_years,
        max(years_in_level) as max_years
    from promotions
    group by grouping sets ((from_level), (from_level, team))
),

final as (
    select
        g.from_level, lv.next_level as to_level, g.team, g.promotions, g.accelerated,
        g.q1_years, g.median_years, g.q3_years, g.min_years, g.max_years,
        lv.accelerated_min_years, lv.accelerated_max_years, lv.realistic_min_years, lv.realistic_max_years,
        lv.level_rank
    from grouped as g
    join rubric_levels as lv on lv.level_id = g.from_level
    left join team_sizes as t on t.team = g.team
    where g.whole_org or (g.team is not null and t.team_promotions >= $min_team_promotions)
)

select * from final order by team nulls first, level_rank
