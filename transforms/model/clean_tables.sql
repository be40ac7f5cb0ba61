-- clean_tables: empty clean_* tables for kinds the validation stage has not written yet,
-- so the model can run when an export kind was never delivered (it is then "not measured").
-- Grain: as in schema.sql comments; validation replaces these with `create or replace`.
create table if not exists clean_people (
    snapshot_as_of date, employee_id varchar, name varchar, email varchar, manager_id varchar,
    level varchar, level_raw varchar, track varchar, team varchar, hire_date date,
    level_start_date date, employment_status varchar, location varchar, last_rating integer,
    base_salary decimal(18, 2), currency varchar, gender varchar,
    row_id varchar, source_file varchar, source_line bigint
);
create table if not exists clean_job_history (
    employee_id varchar, effective_date date, level varchar, level_raw varchar, manager_id varchar,
    job_title varchar, change_reason varchar, row_id varchar, source_file varchar, source_line bigint
);
create table if not exists clean_projects (
    project_id varchar, project_name varchar, employee_id varchar, role varchar, scope varchar,
    impact varchar, visibility varchar, cross_team boolean, domain varchar, start_date date,
    end_date date, status varchar, row_id varchar, source_file varchar, source_line bigint
);
create table if not exists clean_activities (
    employee_id varchar, activity_type varchar, activity_date date, title varchar, audience varchar,
    counterpart_id varchar, row_id varchar, source_file varchar, source_line bigint
);
create table if not exists clean_skills (
    employee_id varchar, skill varchar, proficiency integer, assessed_on date, source varchar,
    row_id varchar, source_file varchar, source_line bigint
);
