-- stuck.csv: engineers past the realistic window, furthest past it first, with their symptoms,
-- the ladder's remedies (each once, in symptom order) and their gaps (measured criteria not met).
-- Grain: one row per stuck engineer of one run.
with

stuck as (
    select * from readiness where run_id = $run_id and status = 'stuck'
),

windows as (
    select * from report_windows
),

symptoms as (
    select employee_id, symptom_id, title, coalesce(remedies, []) as remedies
    from readiness_symptoms
    where run_id = $run_id and employee_id in (select employee_id from stuck)
),

symptom_lists as (
    select
        employee_id,
        list(symptom_id order by symptom_id) as symptoms,
        list(title order by symptom_id) as symptom_titles
    from symptoms
    group by employee_id
),

remedy_rows as (
    select employee_id, symptom_id, unnest(remedies) as remedy, generate_subscripts(remedies, 1) as position
    from symptoms
),

remedy_lists as (
    select employee_id, list(remedy order by first_seen) as remedies
    from (
        select employee_id, remedy, min({'symptom_id': symptom_id, 'position': position}) as first_seen
        from remedy_rows
        group by employee_id, remedy
    )
    group by employee_id
),

gap_lists as (
    select
        employee_id,
        list(case when coalesce(remedy, '') <> '' then title || ': ' || remedy else title end
             order by weight desc, criterion_id) as gaps
    from readiness_criteria
    where run_id = $run_id and is_measured and not met and employee_id in (select employee_id from stuck)
    group by employee_id
),

measured as (
    select
        s.*, w.realistic_max as realistic_max_years,
        case when s.years_in_level > w.realistic_max then s.years_in_level - w.realistic_max end as past_ceiling
    from stuck as s
    left join windows as w using (level)
),

final as (
    select
        m.employee_id, m.name, m.manager_id, m.team, m.level, m.next_level,
        round(m.years_in_level, 4) as years_in_level, m.realistic_max_years,
        round(m.past_ceiling, 4) as years_past_ceiling, round(m.readiness_score, 2) as readiness_score,
        coalesce(sl.symptoms, []) as symptoms, coalesce(sl.symptom_titles, []) as symptom_titles,
        coalesce(rl.remedies, []) as remedies, coalesce(g.gaps, []) as gaps,
        coalesce(m.past_ceiling, 0) as sort_past_ceiling
    from measured as m
    left join symptom_lists as sl using (employee_id)
    left join remedy_lists as rl using (employee_id)
    left join gap_lists as g using (employee_id)
)

select * exclude (sort_past_ceiling) from final order by sort_past_ceiling desc, employee_id
