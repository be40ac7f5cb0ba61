-- rubric_tracks, rubric_criteria, rubric_symptoms: the loaded rubric's tracks, criteria and
-- symptoms as tables for the scoring SQL. Grain: one row per track / per criterion of a
-- promotion / per symptom of a level. Rebuilt by every score() call; values inserted from Python.
create or replace table rubric_tracks (
    track_id           varchar primary key,
    scored             boolean not null,
    not_scored_reason  varchar
);
create or replace table rubric_criteria (
    from_level    varchar not null,
    target_level  varchar not null,
    criterion_id  varchar not null,
    position      integer not null,   -- order in the rubric file
    title         varchar not null,
    target        double not null,
    weight        double not null,
    remedy        varchar not null,
    source_kind   varchar not null    -- projects | activities | skills
);
create or replace table rubric_symptoms (
    level        varchar not null,
    symptom_id   varchar not null,
    position     integer not null,
    title        varchar not null,
    remedies     varchar[]
);
