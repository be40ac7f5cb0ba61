-- evidence.parquet: the evidence behind every criterion of one run (report_batch holds the whole run).
-- Grain: one row per engineer x criterion x evidence row (kind_rank only orders them: projects, activities, skills).
with

evidence as (
    select * from report_evidence($run_id)
),

final as (
    select employee_id, criterion_id, evidence_kind, kind_rank, row_id, evidence_date, label, detail, counterpart_id
    from evidence
)

select * from final
order by employee_id, criterion_id, kind_rank, case when evidence_kind = 'skill' then label end, evidence_date, label
