-- Purpose: staged records into raw_<kind> with their lineage. Contract columns the file
-- lacks are left out (NULL); empty text is NULL; nothing is typed here (validation casts).
-- Grain: one row per loaded data record; row_id = '<first 16 hex of sha256>:<source_line>'.
insert into raw_{{kind}} by name
with staged as (
    select * from _ingest_stage
),

final as (
    select
        $sha_prefix || ':' || source_line as row_id,
        $sha256 as file_sha256,
        $source_file as source_file,
        source_line,
        {{snapshot}}{{columns}}
    from staged
)

select * from final
