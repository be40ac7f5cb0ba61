-- kinds_loaded: which export kinds have any clean rows at all. A criterion or symptom whose
-- source kind has none is "not measured" rather than zero. Grain: one row per export kind.
select 'people' as kind, exists (select 1 from clean_people) as loaded
union all select 'job_history', exists (select 1 from clean_job_history)
union all select 'projects', exists (select 1 from clean_projects)
union all select 'activities', exists (select 1 from clean_activities)
union all select 'skills', exists (select 1 from clean_skills)
