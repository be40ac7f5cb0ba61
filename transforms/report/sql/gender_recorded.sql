-- Whether the current roster carries any gender value at all (the fairness view exists only then).
-- Grain: one row, one count.
with

final as (
    select count(p.gender) filter (where trim(p.gender) <> '') as people_with_gender
    from roster as r
    join clean_people as p on p.row_id = r.row_id
)

select * from final
