-- Purpose: records of a loaded file that could not be parsed, kept with their raw text.
-- Grain: one row per rejected record (file x source line).
insert into ingest_rejects
with staged as (
    select * from _ingest_stage_rejects
),

final as (
    select
        $sha256 as file_sha256,
        $source_file as source_file,
        source_line,
        rtrim(raw_text, chr(13) || chr(10)) as raw_text,
        reason
    from staged
)

select * from final
