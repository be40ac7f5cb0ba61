-- pack_engineers: every scored engineer of one run as the committee pack lists them, with their
-- direct manager's name, their level's window and what their criteria add up to.
-- Grain: one row per scored engineer of the run. Never selects a sensitive column.
with

readiness_run as (
    select * from readiness where run_id = $run_id and status <> 'not_scored'
),

criteria as (
    select * from readiness_criteria where run_id = $run_id
),

manager_names as (
    select employee_id as manager_id, name as manager_name from roster
),

criteria_summary as (
    select
        employee_id,
        count(*) filter (where met) as criteria_met,
        count(*) filter (where is_measured) as criteria_measured,
        count(*) as criteria_total,
        list({'title': title, 'measured': measured, 'target': target} order by weight desc, criterion_id)
            filter (where is_measured and not met) as gaps
    from criteria
    group by employee_id
),

symptom_titles as (
    select employee_id, list(title order by symptom_id) as symptoms
    from readiness_symptoms
    where run_id = $run_id
    group by employee_id
),

final as (
    select
        r.employee_id, r.name, r.manager_id, m.manager_name, r.team, r.level, r.next_level, r.status,
        r.readiness_score, r.years_in_level, r.accelerated,
        lv.realistic_min_years, lv.realistic_max_years,
        coalesce(c.criteria_met, 0) as criteria_met,
        coalesce(c.criteria_measured, 0) as criteria_measured,
        coalesce(c.criteria_total, 0) as criteria_total,
        coalesce(c.gaps, []) as gaps,
        coalesce(s.symptoms, []) as symptoms
    from readiness_run as r
    left join manager_names as m using (manager_id)
    left join rubric_levels as lv on lv.level_id = r.level
    left join criteria_summary as c using (employee_id)
    left join symptom_titles as s using (employee_id)
)

select * from final order by team, name, employee_id
