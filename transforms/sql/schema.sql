-- The warehouse contract: every table the stages share, with its grain.
-- Raw tables keep what was delivered (text, canonical column names); everything after
-- them is derived and rebuilt by each run. Tables keyed by run_id keep history.

-- Ingest -------------------------------------------------------------------------

-- One row per loaded file (by content). The same bytes again load nothing.
create table if not exists ingest_files (
    file_sha256      varchar primary key,
    kind             varchar not null,      -- people | job_history | projects | activities | skills
    original_name    varchar not null,      -- file name as it landed in the inbox
    archived_path    varchar not null,      -- immutable copy under the archive folder
    file_format      varchar not null,      -- csv | xlsx | parquet
    snapshot_as_of   date,                  -- people only: the roster's as-of date
    as_of_source     varchar,               -- people only: column | file_name | option
    physical_lines   bigint not null,       -- data records in the file (header excluded)
    rows_loaded      bigint not null,       -- rows written to raw_<kind>
    rows_rejected    bigint not null,       -- rows unreadable at parse level (ingest_rejects)
    ignored_columns  varchar[],             -- source headers outside the contract
    loaded_at        timestamp not null
);

-- One row per record that could not be parsed (wrong field count, bad quoting, ...).
create table if not exists ingest_rejects (
    file_sha256  varchar not null,
    source_file  varchar not null,
    source_line  bigint not null,
    raw_text     varchar,
    reason       varchar not null
);

-- One row per file that could not be read at all and was moved aside.
create table if not exists rejected_files (
    file_sha256    varchar,
    original_name  varchar not null,
    moved_to       varchar not null,
    reason         varchar not null,
    rejected_at    timestamp not null
);

-- raw_<kind>: one row per data record, every contract column as text (NULL when the
-- file lacks the optional column), plus lineage. Created by transforms.warehouse from
-- transforms.contract so the column lists live in one place:
--   row_id varchar not null        -- '<first 16 hex of sha256>:<source_line>', stable, unique by construction
--   file_sha256 varchar, source_file varchar, source_line bigint,
--   snapshot_as_of date            -- raw_people only
--   <contract columns> varchar

-- Validate -----------------------------------------------------------------------

-- One row per bad input row per run, with every check it failed.
create table if not exists quarantine (
    run_id       varchar not null,
    kind         varchar not null,
    row_id       varchar not null,
    file_sha256  varchar not null,
    source_file  varchar not null,
    source_line  bigint not null,
    employee_id  varchar,            -- the row's key where it has one
    checks       varchar[] not null, -- names of the failed checks
    reason       varchar not null    -- one human sentence per failed check, '; '-joined
);

-- Counts per check per file per run (the data-quality view and GX results summary).
create table if not exists validation_results (
    run_id        varchar not null,
    kind          varchar not null,
    file_sha256   varchar not null,
    source_file   varchar not null,
    check_name    varchar not null,
    engine        varchar not null,  -- great_expectations | duckdb
    rows_checked  bigint not null,
    rows_failed   bigint not null
);

-- Conservation and whole-file gates per file per run: rows_in = clean + quarantined + superseded.
create table if not exists file_gates (
    run_id          varchar not null,
    kind            varchar not null,
    file_sha256     varchar not null,
    source_file     varchar not null,
    snapshot_as_of  date,
    rows_in         bigint not null,
    rows_clean      bigint not null,
    rows_quarantined bigint not null,
    rows_superseded bigint not null,   -- same natural key in a later file
    bad_share       double not null,
    passed          boolean not null,
    reason          varchar            -- why the file was rejected whole, when it was
);

-- clean_<kind> tables are rebuilt by every run (create or replace) with typed columns: their
-- names and types are transforms.contract.clean_columns (the contract's, level as the rubric id
-- plus level_raw, then row_id, source_file, source_line).

-- Runs and scores ------------------------------------------------------------------

-- One row per pipeline run.
create table if not exists pipeline_runs (
    run_id          varchar primary key,
    trigger         varchar not null,   -- cli | watch | event | schedule | deployment
    as_of           date,
    snapshot_as_of  date,               -- the people snapshot that was scored
    started_at      timestamp not null,
    finished_at     timestamp,
    duration_s      double,
    outcome         varchar not null,   -- running | completed | unchanged (nothing new: report_dir is the earlier run's) | failed
    error           varchar,
    input_hashes    varchar[],          -- sha256 of every file the run read
    rubric_name     varchar,
    rubric_version  varchar,
    rubric_sha256   varchar,
    counts          json,               -- files by status, stage_seconds per stage, settings_sha256, the stages' counts
    report_dir      varchar
);

-- One row per active, validated employee per run (scored or not_scored).
create table if not exists readiness (
    run_id              varchar not null,
    employee_id         varchar not null,
    name                varchar,
    manager_id          varchar,
    team                varchar,
    track               varchar,
    level               varchar,
    next_level          varchar,
    level_start_date    date,
    level_start_source  varchar,          -- job_history | level_start_date | hire_date
    years_in_level      double,
    readiness_score     double,           -- 0-100, NULL when not_scored
    status              varchar not null, -- ready | watch | stuck | on_track | not_scored
    accelerated         boolean not null,
    not_scored_reason   varchar,
    symptoms            varchar[],        -- symptom ids
    criteria_measured   integer,          -- criteria with source data
    criteria_total      integer,
    primary key (run_id, employee_id)
);

-- One row per engineer x criterion of the target level per run.
create table if not exists readiness_criteria (
    run_id             varchar not null,
    employee_id        varchar not null,
    criterion_id       varchar not null,
    target_level       varchar not null,
    title              varchar not null,
    measured           double,            -- NULL when not measured (no source data)
    target             double not null,
    weight             double not null,
    contribution       double,            -- points of the 0-100 score this criterion adds
    is_measured        boolean not null,
    met                boolean,
    remedy             varchar,
    evidence_row_ids   varchar[],         -- row_id values in clean_projects/activities/skills
    primary key (run_id, employee_id, criterion_id)
);

-- One row per engineer x detected stuck symptom per run.
create table if not exists readiness_symptoms (
    run_id       varchar not null,
    employee_id  varchar not null,
    level        varchar not null,
    symptom_id   varchar not null,
    title        varchar not null,
    remedies     varchar[],
    evidence     varchar                 -- short human explanation of what triggered it
);
