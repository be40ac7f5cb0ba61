-- Purpose: the benchmark's reference for the pipeline's readiness table: score, status,
-- accelerated flag and next level of every engineer, recomputed in plain SQL from the
-- rubric's numbers (ref_* tables, read straight from the ladder YAML by
-- benchmarks/reference.py, not from the pipeline's rubric tables) and each criterion's
-- measured value. It checks the scoring arithmetic and the status rules of DESIGN.md:
--   score     100 * sum(weight * min(1, measured / target)) / sum(weight), over the
--             criteria whose source export is loaded (is_measured)
--   ready     score >= ready_score and years >= accelerated minimum (accelerated when
--             years < realistic minimum)
--   stuck     not ready and years > realistic maximum
--   watch     not ready and (years within the watch months of the realistic maximum, or
--             years > realistic minimum with score < watch_low_score)
--   on_track  every other scored engineer
--   not_scored  a level without a next level or marked not scored, a track (the
--             engineer's or the level's) the ladder does not score, or no measured criterion
-- Grain: one row per engineer of the run's readiness table.
-- Inputs: readiness, readiness_criteria ($run_id), ref_criteria, ref_promotions,
-- ref_levels, ref_tracks, ref_statuses.
with

engineers as (
    select employee_id, level, track, years_in_level from readiness where run_id = $run_id
),

measures as (
    select employee_id, criterion_id, measured, is_measured from readiness_criteria where run_id = $run_id
),

criteria as (
    select * from ref_criteria
),

thresholds as (
    select * from ref_statuses
),

per_criterion as (
    select e.employee_id, c.weight, c.target, m.measured, coalesce(m.is_measured, false) as is_measured
    from engineers as e
    join criteria as c on c.from_level = e.level
    left join measures as m on m.employee_id = e.employee_id and m.criterion_id = c.criterion_id
),

scores as (
    select
        employee_id,
        count(*) filter (where is_measured) as criteria_measured,
        -- rounded to 9 decimals: the exact score, without the last bits of float noise that
        -- could put an exact 50 or 80 on the wrong side of a threshold
        round(100 * sum(weight * least(1, measured / target)) filter (where is_measured)
            / sum(weight) filter (where is_measured), 9) as score
    from per_criterion
    group by employee_id
),

windowed as (
    select
        e.employee_id,
        e.years_in_level as t,
        s.score,
        p.to_level,
        p.accelerated_min,
        p.realistic_min,
        p.realistic_max,
        p.to_level is null or not coalesce(l.scored, false) or not coalesce(tr.scored, false)
            or coalesce(s.criteria_measured, 0) = 0 as not_scored
    from engineers as e
    left join ref_levels as l on l.level_id = e.level
    left join ref_tracks as tr on tr.track_id = e.track
    left join ref_promotions as p on p.from_level = e.level
    left join scores as s on s.employee_id = e.employee_id
),

statused as (
    select
        w.*,
        case
            when w.not_scored then 'not_scored'
            when w.score >= th.ready_score and w.t >= w.accelerated_min then 'ready'
            when w.t > w.realistic_max then 'stuck'
            when w.t >= w.realistic_max - th.watch_months_before_ceiling / 12.0 then 'watch'
            when w.t > w.realistic_min and w.score < th.watch_low_score then 'watch'
            else 'on_track'
        end as status
    from windowed as w
    cross join thresholds as th
),

final as (
    select
        employee_id,
        case when not not_scored then score end as readiness_score,
        status,
        status = 'ready' and t < realistic_min as accelerated,
        case when not not_scored then to_level end as next_level
    from statused
)

select * from final
