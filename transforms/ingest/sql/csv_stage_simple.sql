-- Purpose: parsed CSV records with the physical line each starts on, when no field holds a
-- line break: record n (0-based, file order) starts on line n + 2 (the header is line 1).
-- Grain: one row per data record.
create or replace temp view _ingest_stage as
with parsed as (
    select rowid as record_index, {{fields}}
    from _ingest_parsed
),

final as (
    select record_index + 2 as source_line, {{fields}}
    from parsed
)

select * from final
