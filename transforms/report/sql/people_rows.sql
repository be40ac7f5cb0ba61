-- The people tables of the manager pages of one batch ($batch_no), each listed person as the HTML
-- row the page shows: built here, set-based, instead of a template loop over up to max_people rows
-- a page. Reads report_page_people (staged from page_people.sql) and report_pages (every page with
-- its file). Texts go through html_text and numbers through html_score (sql/html.sql), so a row is
-- what the template would write. The name links to the person's packet on their direct manager's
-- page, when that manager has one.
-- Grain: one row per page x person listed, in the page's order (nearest first).
with

people as (
    select * from report_page_people where batch_no = $batch_no
),

pages as (
    select manager_id as direct_manager_id, file from report_pages
),

titles as (
    select unnest($levels::varchar[]) as level, unnest($titles::varchar[]) as title
),

final as (
    select
        p.manager_id, p.position, p.employee_id, p.name, p.direct_manager_id,
        '<tr><td>'
        || case when pages.file is not null
                then '<a href="' || html_text(pages.file) || '#e-' || html_text(p.employee_id) || '">'
                     || html_text(p.name) || '</a>'
                else html_text(p.name) end
        || ' <span class="muted">' || html_text(p.employee_id) || '</span></td>'
        || '<td>' || html_text(coalesce(nullif(p.team, ''), '–')) || '</td>'
        || '<td>' || html_text(coalesce(titles.title, p.level)) || '</td>'
        || '<td><span class="status status-' || html_text(p.status) || '">' || html_text(replace(p.status, '_', ' '))
        || '</span>'
        || case when p.accelerated
                then ' <span class="acc" title="ready before the realistic window">accelerated</span>' else '' end
        || '</td><td>' || html_score(p.readiness_score) || '</td><td>' || html_score(p.years_in_level) || '</td></tr>'
        || chr(10) as row_html
    from people as p
    left join pages using (direct_manager_id)
    left join titles on titles.level = p.level
)

select * exclude (position) from final order by manager_id, position
