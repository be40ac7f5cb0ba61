-- Purpose: the manager column of each people file being typed, read as an employee id or, in a
-- roster whose manager column holds names (BambooHR "Reports To" = "Lindqvist, Vera"), resolved
-- to the id of the one employee of the same file with exactly that name. A file holds names when
-- fewer than half of its non-empty manager values are employee ids of the file and more than half
-- are names of the file. `manager_name_match` says how a name resolved: resolved, ambiguous (two
-- or more employees carry it) or unknown (nobody does); NULL when the file holds ids.
-- Grain: one row per raw people row with a non-empty manager value (files in v_files_to_type).
-- Inputs: raw_people, v_files_to_type (file_sha256).
with

raw as (
    select
        r.row_id,
        r.file_sha256,
        nullif(trim(r.employee_id), '') as employee_id,
        nullif(trim(r.name), '') as name,
        nullif(trim(r.manager_id), '') as manager_value
    from raw_people as r
    where exists (select 1 from v_files_to_type as f where f.file_sha256 = r.file_sha256)
),

file_ids as (
    select distinct file_sha256, employee_id from raw where employee_id is not null
),

file_names as (
    select file_sha256, name, min(employee_id) as employee_id, count(distinct employee_id) as holders
    from raw
    where name is not null and employee_id is not null
    group by file_sha256, name
),

manager_values as (
    select
        r.row_id,
        r.file_sha256,
        r.manager_value,
        exists (select 1 from file_ids as i
                where i.file_sha256 = r.file_sha256 and i.employee_id = r.manager_value) as is_employee_id,
        n.employee_id as named_employee_id,
        coalesce(n.holders, 0) as name_holders
    from raw as r
    left join file_names as n on n.file_sha256 = r.file_sha256 and n.name = r.manager_value
    where r.manager_value is not null
),

file_holds_names as (
    select
        file_sha256,
        2 * count(*) filter (where is_employee_id) < count(*)
            and 2 * count(*) filter (where name_holders > 0) > count(*) as holds_names
    from manager_values
    group by file_sha256
),

final as (
    select
        v.row_id,
        v.file_sha256,
        f.holds_names as manager_holds_names,
        case
            when not f.holds_names then v.manager_value
            when v.name_holders = 1 then v.named_employee_id
        end as resolved_manager_id,
        case
            when not f.holds_names then null
            when v.name_holders = 1 then 'resolved'
            when v.name_holders > 1 then 'ambiguous'
            else 'unknown'
        end as manager_name_match
    from manager_values as v
    join file_holds_names as f on f.file_sha256 = v.file_sha256
)

select * from final
