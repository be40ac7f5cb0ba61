-- Purpose: parsed CSV records with the physical line each starts on (the header is line 1):
-- a running sum of the lines spanned by the records before it, in file order.
-- Grain: one row per data record.
create or replace temp view _ingest_stage as
with parsed as (
    select rowid as record_index, {{newlines_in_record}} as newlines_in_record, {{fields}}
    from _ingest_parsed
),

final as (
    select
        2 + coalesce(sum(1 + newlines_in_record) over (
            order by record_index rows between unbounded preceding and 1 preceding
        ), 0) as source_line,
        {{fields}}
    from parsed
)

select * from final
