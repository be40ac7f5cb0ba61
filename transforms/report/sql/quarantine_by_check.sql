-- Quarantined rows of one run counted per kind and failed check.
-- Grain: one row per kind x check.
with

checks as (
    select kind, unnest(checks) as check_name from quarantine where run_id = $run_id
),

final as (
    select kind, check_name, count(*) as rows_failed from checks group by all
)

select * from final order by kind, rows_failed desc, check_name
