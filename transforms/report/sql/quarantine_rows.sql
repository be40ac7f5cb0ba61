-- Every input row a run could not use: quarantined rows plus records that did not parse.
-- Grain: one row per bad input record. raw_text is never selected (it may hold salary values),
-- and every sentence of a reason that names a sensitive column ($sensitive, a regex of their names)
-- is replaced by "<column> failed a check (value withheld)": it may quote the value.
with

run_hashes as (
    select input_hashes from pipeline_runs where run_id = $run_id
),

quarantined as (
    select kind, source_file, source_line, employee_id, checks, reason
    from quarantine
    where run_id = $run_id
),

unparseable as (
    select
        f.kind, r.source_file, r.source_line, null::varchar as employee_id,
        ['unparseable_row'] as checks, r.reason
    from ingest_rejects as r
    join ingest_files as f using (file_sha256), run_hashes as h
    where h.input_hashes is null or list_contains(h.input_hashes, r.file_sha256)
),

bad_rows as (
    select * from quarantined
    union all
    select * from unparseable
),

final as (
    select
        kind, source_file, source_line, employee_id, checks,
        array_to_string(list_transform(string_split(reason, '; '), lambda sentence:
            case
                when regexp_matches(sentence, '(?i)' || $sensitive)
                    then lower(regexp_extract(sentence, '(?i)' || $sensitive, 0)) || ' failed a check (value withheld)'
                else sentence
            end), '; ') as reason
    from bad_rows
)

select * from final order by source_file, source_line
