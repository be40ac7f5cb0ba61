-- readiness: per engineer, the readiness score (0-100), status, symptoms and coverage.
-- Grain: one row per non-terminated roster employee (scored or not_scored).
-- Status (the readiness_status macro of status_rule.sql; thresholds and windows from the rubric):
--   ready     score >= ready_score and years >= accelerated minimum (accelerated when
--             years < realistic minimum)
--   stuck     not ready and years > realistic maximum
--   watch     not ready and (years within watch_months of the realistic maximum, or
--             years > realistic minimum with score < watch_low_score)
--   on_track  every other scored engineer; not_scored with a reason.
with

population as (
    select * from score_population
),

criteria as (
    select * from readiness_criteria where run_id = $run_id
),

coverage as (
    select
        employee_id,
        count(*) filter (where is_measured) as criteria_measured,
        count(*) as criteria_total,
        -- 9 decimals: float noise of the sum's order (79.99999999999999) must not decide a threshold
        round(sum(contribution), 9) as readiness_score
    from criteria
    group by employee_id
),

symptoms as (
    select h.employee_id, list(h.symptom_id order by s.position) as symptoms
    from symptom_hits as h
    join population as p using (employee_id)
    join rubric_symptoms as s on s.symptom_id = h.symptom_id and s.level = p.level
    group by h.employee_id
),

reasoned as (
    select
        p.*,
        c.criteria_measured,
        c.criteria_total,
        c.readiness_score,
        coalesce(
            p.not_scored_reason,
            case when coalesce(c.criteria_measured, 0) = 0 then 'no evidence export loaded for its criteria' end
        ) as reason
    from population as p
    left join coverage as c using (employee_id)
),

statused as (
    select
        *,
        case
            when reason is not null then 'not_scored'
            else readiness_status(readiness_score, years_in_level, accelerated_min_years, realistic_min_years,
                                  realistic_max_years, $ready_score, $watch_months_before_ceiling, $watch_low_score)
        end as status
    from reasoned
),

final as (
    select
        $run_id as run_id,
        s.employee_id,
        s.name,
        s.manager_id,
        s.team,
        s.track,
        s.level,
        case when s.reason is null then s.next_level end as next_level,
        s.level_start_date,
        s.level_start_source,
        s.years_in_level,
        case when s.reason is null then s.readiness_score end as readiness_score,
        s.status,
        s.status = 'ready' and s.years_in_level < s.realistic_min_years as accelerated,
        s.reason as not_scored_reason,
        coalesce(y.symptoms, []::varchar[]) as symptoms,
        s.criteria_measured,
        s.criteria_total
    from statused as s
    left join symptoms as y using (employee_id)
)

select * from final
