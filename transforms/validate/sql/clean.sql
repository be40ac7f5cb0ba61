-- Purpose: clean_<kind>, the rows whose fate is clean, with the typed columns the later
-- stages read (<clean_columns>: transforms.contract.clean_columns names and types them; level
-- is the rubric id and level_raw the text as delivered), in file and line order.
-- Grain: one row per clean row (none when every file was rejected).
-- Inputs: v_checked, v_fates.
with

checked as (
    select * from v_checked
),

clean_rows as (
    select row_id from v_fates where fate = 'clean'
),

final as (
    select {{clean_columns}}
    from checked as c
    where exists (select 1 from clean_rows as f where f.row_id = c.row_id)
)

select * from final
order by source_file, source_line
