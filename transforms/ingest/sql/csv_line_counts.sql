-- Purpose: the evidence for the CSV line proof: records parsed and the line breaks inside
-- their quoted fields (a record spans 1 + that many physical lines).
-- Grain: one row for the whole file.
with parsed as (
    select {{newlines_in_record}} as newlines_in_record
    from _ingest_parsed
),

final as (
    select
        count(*) as records,
        coalesce(sum(newlines_in_record), 0) as embedded_newlines
    from parsed
)

select * from final
