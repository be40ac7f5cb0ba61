-- score_population: every employee the run reports on, with level, windows and tenure.
-- Grain: one row per roster employee who is not terminated (leave counts as active).
-- not_scored_reason is set when the rubric does not score the employee's track or level.
with

roster as (
    select * from roster where employment_status <> 'terminated'
),

tenure as (
    select * from level_tenure
),

levels as (
    select * from rubric_levels
),

tracks as (
    select * from rubric_tracks
),

final as (
    select
        r.employee_id,
        r.name,
        r.manager_id,
        r.team,
        r.track,
        r.level,
        lv.next_level,
        t.level_start_date,
        t.level_start_source,
        t.years_in_level,
        lv.accelerated_min_years,
        lv.realistic_min_years,
        lv.realistic_max_years,
        case
            when lv.level_id is null then 'level not in the ladder'
            when tr.track_id is null then 'track not in the ladder'
            when not tr.scored then tr.not_scored_reason
            when not lv.scored then lv.not_scored_reason
        end as not_scored_reason
    from roster as r
    join tenure as t using (employee_id)
    left join levels as lv on lv.level_id = r.level
    left join tracks as tr on tr.track_id = r.track
)

select * from final
