-- Input of the years-in-level chart of each manager page (report_pages, with its batch): the org's
-- plotted engineers binned by level and $bin_years of tenure, the first $max_stack of each bin.
-- Grain: one row per page x level x bin x engineer drawn, in batch order; bin_size counts the whole bin.
with

pages as (
    select manager_id, batch_no from report_pages
),

plotted as (
    select
        employee_id, name, level, status, years_in_level,
        least(trunc(years_in_level / $bin_years), $last_bin)::integer as bin,
        list_position($statuses, status) as status_rank
    from readiness
    where run_id = $run_id
      and list_contains($statuses, status)
      and list_contains($levels, level)
      and years_in_level is not null
),

members as (
    select t.manager_id, pages.batch_no, p.*
    from org_tree as t
    join pages using (manager_id)
    join plotted as p using (employee_id)
),

ranked as (
    select
        *,
        row_number() over (
            partition by manager_id, level, bin order by status_rank, coalesce(name, ''), employee_id
        ) as position,
        count(*) over (partition by manager_id, level, bin) as bin_size,
        max(years_in_level) over (partition by manager_id) as longest_years
    from members
),

final as (
    select batch_no, manager_id, level, bin, position, employee_id, name, status, years_in_level, bin_size, longest_years
    from ranked
    where position <= $max_stack
)

select * from final order by batch_no, manager_id, level, bin, position
