-- Activity rows behind the criteria of one run.
-- Grain: one row per engineer x criterion x evidence activity row.
with

criterion_rows as (
    select employee_id, criterion_id, unnest(evidence_row_ids) as row_id
    from readiness_criteria
    where run_id = $run_id
),

final as (
    select
        c.employee_id, c.criterion_id, a.row_id, a.activity_type, a.title, a.activity_date,
        a.audience, a.counterpart_id
    from criterion_rows as c
    join clean_activities as a using (row_id)
)

select * from final order by employee_id, criterion_id, activity_date, title
