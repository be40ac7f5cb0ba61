-- Purpose: a Parquet export as text, typed columns rendered the way the CSV exports write
-- them (dates ISO, whole numbers without '.0'); the source line is the 1-based row + 1.
-- Grain: one row per Parquet row.
create or replace temp view _ingest_stage as
with source as (
    select * from read_parquet($path, file_row_number = true)
),

final as (
    select file_row_number + 2 as source_line, {{fields}}
    from source
)

select * from final
