-- sensitivity: for every scored engineer, each single change of the rubric that flips their status:
-- one criterion's weight times (1 +/- $weight_change), or its target moved by +/- $target_step.
-- Grain: one row per engineer x criterion x change that flips the status (no row: not borderline).
-- Score as in readiness_criteria: 100 x sum(w x min(1, measured / target)) / sum(w) over measured
-- criteria; only the changed criterion's term and weight differ. Scores are compared rounded to
-- 1e-6 and against the status recomputed the same way, so float noise never reads as a flip.
-- $only: the employee ids to analyse (the rows a page lists), or null for everyone.
-- Needs the readiness_status macro (transforms/score/status_rule.sql) and rubric_levels.
with

criteria as (
    select employee_id, criterion_id, title, measured, target, weight
    from readiness_criteria
    where run_id = $run_id and is_measured and ($only is null or list_contains($only, employee_id))
),

engineers as (
    select
        r.employee_id, r.status, r.years_in_level,
        lv.accelerated_min_years, lv.realistic_min_years, lv.realistic_max_years
    from readiness as r
    join rubric_levels as lv on lv.level_id = r.level
    where r.run_id = $run_id and r.status <> 'not_scored'
),

totals as (
    select employee_id, sum(weight) as weight_total, sum(weight * least(1, measured / target)) as points
    from criteria
    group by employee_id
),

changes as (
    select * from (values
        ('weight', 1 + $weight_change, 0.0),
        ('weight', 1 - $weight_change, 0.0),
        ('target', 1.0, $target_step),
        ('target', 1.0, -$target_step)
    ) as v(change_kind, weight_factor, target_delta)
),

perturbed as (
    select
        c.employee_id, c.criterion_id, c.title, c.measured, c.target, c.weight,
        ch.change_kind, ch.weight_factor, ch.target_delta,
        round(100 * t.points / t.weight_total, 6) as base_score,
        round(100 * (t.points - c.weight * least(1, c.measured / c.target)
                     + c.weight * ch.weight_factor * least(1, c.measured / (c.target + ch.target_delta)))
              / (t.weight_total - c.weight + c.weight * ch.weight_factor), 6) as new_score
    from criteria as c
    join totals as t using (employee_id)
    cross join changes as ch
    where c.target + ch.target_delta > 0
),

statused as (
    select
        p.*,
        readiness_status(p.base_score, e.years_in_level, e.accelerated_min_years, e.realistic_min_years,
                         e.realistic_max_years, $ready_score, $watch_months_before_ceiling, $watch_low_score) as base_status,
        readiness_status(p.new_score, e.years_in_level, e.accelerated_min_years, e.realistic_min_years,
                         e.realistic_max_years, $ready_score, $watch_months_before_ceiling, $watch_low_score) as new_status
    from perturbed as p
    join engineers as e using (employee_id)
),

final as (
    select
        employee_id, criterion_id, title, change_kind,
        round(case when change_kind = 'weight' then weight * weight_factor else target + target_delta end, 6) as changed_to,
        case when change_kind = 'weight' then weight else target end as changed_from,
        base_score, new_score, base_status, new_status
    from statused
    where new_status <> base_status
)

select * from final order by employee_id, criterion_id, change_kind, changed_to
