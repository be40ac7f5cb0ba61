-- Purpose: the fate of every row in scope of the kind being validated: clean, quarantined
-- or superseded. A row of a rejected file or with a failed check is quarantined; among the
-- remaining rows the one from the most recently loaded file (then the latest line) wins
-- its natural key, the others are superseded. <natural_key> is the kind's contract
-- natural key (identifiers, filled in from transforms.contract by the caller).
-- Grain: one row per row of v_checked.
-- Inputs: v_checked, v_failures (failed checks), v_gates (one row per file: passed, loaded_at).
with

checked as (
    select row_id, file_sha256, source_line, {{natural_key}} from v_checked
),

bad_rows as (
    select distinct row_id from v_failures
),

flagged as (
    select
        c.*,
        g.loaded_at,
        not g.passed as file_rejected,
        exists (select 1 from bad_rows as b where b.row_id = c.row_id) as has_failed_check
    from checked as c
    join v_gates as g on g.file_sha256 = c.file_sha256
),

ranked as (
    select
        *,
        case when not file_rejected and not has_failed_check then
            row_number() over (
                partition by (not file_rejected and not has_failed_check), {{natural_key}}
                order by loaded_at desc, file_sha256 desc, source_line desc
            )
        end as recency_rank
    from flagged
),

final as (
    select
        row_id,
        file_sha256,
        file_rejected,
        case
            when file_rejected or has_failed_check then 'quarantined'
            when recency_rank = 1 then 'clean'
            else 'superseded'
        end as fate
    from ranked
)

select * from final
