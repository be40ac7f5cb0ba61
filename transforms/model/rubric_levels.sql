-- rubric_levels: the loaded rubric's levels as a table, so SQL can join on them.
-- Grain: one row per rubric level. Rebuilt from the rubric by every build_model call.
create or replace table rubric_levels (
    level_id           varchar primary key,
    title              varchar not null,
    track              varchar not null,
    level_rank         integer not null,  -- position in the rubric file (ladder order)
    scored             boolean not null,  -- the level has a promotion scored by this rubric
    not_scored_reason  varchar,
    next_level         varchar,
    accelerated_min_years double,
    accelerated_max_years double,
    realistic_min_years   double,
    realistic_max_years   double
)
