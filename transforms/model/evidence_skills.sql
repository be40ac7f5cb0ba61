-- evidence_skills: the skill assessment that counts, per engineer and skill.
-- Grain: one row per roster employee x skill (lower-cased).
-- Only assessments from the rubric's evidence.skill_sources count ($skill_sources; the default
-- rubric: manager and peer, never self); the latest on or before the as-of date wins, a
-- manager's assessment before a peer's on the same day.
with

skills as (
    select * from clean_skills
),

roster as (
    select employee_id from roster
),

final as (
    select
        s.employee_id,
        lower(trim(s.skill)) as skill,
        s.proficiency,
        s.assessed_on,
        s.source,
        s.row_id
    from skills as s
    join roster using (employee_id)
    where list_contains($skill_sources, s.source)
      and s.assessed_on <= $as_of
    qualify row_number() over (
        partition by s.employee_id, lower(trim(s.skill))
        order by s.assessed_on desc, s.source = 'manager' desc, s.proficiency desc, s.row_id
    ) = 1
)

select * from final
