-- readiness_criteria: per engineer and criterion of the target level, what was measured
-- against the target, its weight, and the points it adds to the 0-100 score.
-- Grain: one row per scored engineer x criterion. A criterion whose source export has no
-- clean rows is not measured: measured/contribution/met NULL, excluded from the score.
with

measures as (
    select * from criterion_measures
),

criteria as (
    select * from rubric_criteria
),

loaded as (
    select * from kinds_loaded
),

joined as (
    select
        m.employee_id,
        c.criterion_id,
        c.target_level,
        c.title,
        c.target,
        c.weight,
        c.remedy,
        l.loaded as is_measured,
        m.measured,
        m.evidence_row_ids
    from measures as m
    join score_population as p using (employee_id)
    join criteria as c on c.criterion_id = m.criterion_id and c.from_level = p.level
    join loaded as l on l.kind = c.source_kind
),

measured_weight as (
    select employee_id, sum(weight) filter (where is_measured) as weight_measured
    from joined
    group by employee_id
),

final as (
    select
        $run_id as run_id,
        j.employee_id,
        j.criterion_id,
        j.target_level,
        j.title,
        case when j.is_measured then j.measured end as measured,
        j.target,
        j.weight,
        case when j.is_measured
            then 100 * j.weight * least(1, j.measured / j.target) / w.weight_measured
        end as contribution,
        j.is_measured,
        case when j.is_measured then j.measured >= j.target end as met,
        j.remedy,
        case when j.is_measured then j.evidence_row_ids else []::varchar[] end as evidence_row_ids
    from joined as j
    join measured_weight as w using (employee_id)
)

select * from final
