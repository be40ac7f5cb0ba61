-- manager_consistency: per manager with at least $min_engineers scored engineers in their org, the
-- ready and stuck counts of that org beside the whole org's, and how the manager's own ratings
-- (last_rating of their direct reports) line up with the evidence scores of the same people.
-- Grain: one row per eligible manager.
-- rank_correlation is Spearman's: Pearson's r of average ranks (ties share the mean rank), NULL
-- when fewer than 3 rated reports or either side is constant (e.g. everyone rated 5).
with

scored as (
    select employee_id, status, readiness_score
    from readiness
    where run_id = $run_id and status <> 'not_scored'
),

tree as (
    select * from org_tree
),

people as (
    select employee_id, name, last_rating from roster
),

org as (
    select
        count(*) as org_scored,
        count(*) filter (where status = 'ready') as org_ready,
        count(*) filter (where status = 'stuck') as org_stuck
    from scored
),

org_ratings as (
    select avg(p.last_rating) as org_mean_rating, avg(s.readiness_score) as org_mean_score
    from scored as s
    join people as p using (employee_id)
    where p.last_rating is not null
),

subtree as (
    select
        t.manager_id,
        count(*) as scored,
        count(*) filter (where s.status = 'ready') as ready,
        count(*) filter (where s.status = 'stuck') as stuck
    from tree as t
    join scored as s using (employee_id)
    group by t.manager_id
    having count(*) >= $min_engineers
),

rated as (
    select t.manager_id, p.last_rating::double as rating, s.readiness_score as score
    from tree as t
    join subtree as st using (manager_id)
    join scored as s using (employee_id)
    join people as p using (employee_id)
    where t.depth = 1 and p.last_rating is not null and s.readiness_score is not null
),

ranked as (
    select
        manager_id, rating, score,
        rank() over (partition by manager_id order by rating)
            + (count(*) over (partition by manager_id, rating) - 1) / 2.0 as rating_rank,
        rank() over (partition by manager_id order by score)
            + (count(*) over (partition by manager_id, score) - 1) / 2.0 as score_rank
    from rated
),

ratings as (
    select
        manager_id,
        count(*) as rated,
        avg(rating) as mean_rating,
        avg(score) as mean_score,
        case when count(*) >= 3 and stddev_pop(rating_rank) > 0 and stddev_pop(score_rank) > 0
            then corr(rating_rank, score_rank) end as rank_correlation
    from ranked
    group by manager_id
),

final as (
    select
        st.manager_id,
        p.name as manager_name,
        st.scored, st.ready, st.stuck,
        o.org_scored, o.org_ready, o.org_stuck,
        coalesce(r.rated, 0) as rated,
        r.mean_rating, r.mean_score, r.rank_correlation,
        orr.org_mean_rating, orr.org_mean_score
    from subtree as st
    cross join org as o
    cross join org_ratings as orr
    left join ratings as r using (manager_id)
    left join people as p on p.employee_id = st.manager_id
)

select * from final order by manager_id
