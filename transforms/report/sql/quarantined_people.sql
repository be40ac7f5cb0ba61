-- People missing from the manager pages (report_pages, with their batch) because their roster row was
-- quarantined: a row of the served people snapshot whose own manager (as the row names them, by id
-- or by a name unique in the roster) is the page's manager or in their org. The first $max_people
-- per page are kept, by name; quarantined_on_page counts them all. The row's raw text, salary and
-- demographic columns are never selected: the page says why in words made from the check names.
-- Grain: one row per page x quarantined people row listed, in batch order.
with

pages as (
    select manager_id, batch_no from report_pages
),

served_files as (
    select file_sha256 from file_gates where run_id = $run_id and kind = 'people' and passed
),

quarantined as (
    select q.row_id, q.employee_id, q.checks, q.source_file, q.source_line
    from quarantine as q
    join served_files using (file_sha256)
    where q.run_id = $run_id and q.kind = 'people' and not list_contains(q.checks, 'file_rejected')
),

raw_rows as (
    select r.row_id, nullif(trim(r.name), '') as name, nullif(trim(r.manager_id), '') as raw_manager
    from raw_people as r
    join quarantined using (row_id)
),

-- a manager named rather than id'd: the roster person of that name, when only one has it
unique_names as (
    select name, any_value(employee_id) as employee_id
    from roster
    where name in (select raw_manager from raw_rows)
    group by name
    having count(*) = 1
),

placed as (
    select
        q.*, r.name,
        coalesce(by_id.employee_id, by_name.employee_id) as their_manager_id,
        coalesce(by_id.name, by_name.name) as their_manager_name
    from quarantined as q
    join raw_rows as r using (row_id)
    left join roster as by_id on by_id.employee_id = r.raw_manager
    left join unique_names as by_name on by_name.name = r.raw_manager
    where q.employee_id is null or q.employee_id not in (select employee_id from roster)
),

on_pages as (
    select p.manager_id, p.batch_no, q.* from placed as q join pages as p on p.manager_id = q.their_manager_id
    union all
    select p.manager_id, p.batch_no, q.*
    from placed as q
    join org_tree as t on t.employee_id = q.their_manager_id
    join pages as p on p.manager_id = t.manager_id
),

ranked as (
    select
        *,
        row_number() over (partition by manager_id order by name, employee_id, row_id) as position,
        count(*) over (partition by manager_id) as quarantined_on_page
    from on_pages
),

final as (
    select batch_no, manager_id, employee_id, name, checks, their_manager_id, their_manager_name, quarantined_on_page
    from ranked
    where position <= $max_people
)

select * from final order by batch_no, manager_id, name, employee_id
