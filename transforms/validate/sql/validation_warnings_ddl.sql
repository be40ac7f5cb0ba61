-- Validation's own table (not part of the shared contract): findings that do not
-- quarantine a row. Grain: one row per flagged clean row per warning per run.
-- warning 'manager_quarantined': the row's manager is in the snapshot but was
-- quarantined; the report is kept (its own row is fine) and the org tree shows a gap.
create table if not exists validation_warnings (
    run_id       varchar not null,
    kind         varchar not null,
    row_id       varchar not null,
    employee_id  varchar,
    warning      varchar not null,
    detail       varchar not null
);
