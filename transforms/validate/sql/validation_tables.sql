-- Validation's own tables (not part of the shared contract). The typed_<kind> tables are
-- created by transforms.validate.validation from the contract (see typed.sql).

-- Findings that do not quarantine a row. Grain: one row per flagged clean row per warning
-- per run. warning 'manager_quarantined': the row's manager is in the snapshot but was
-- quarantined; the report is kept (its own row is fine) and the org tree shows a gap.
create table if not exists validation_warnings (
    run_id       varchar not null,
    kind         varchar not null,
    row_id       varchar not null,
    employee_id  varchar,
    warning      varchar not null,
    detail       varchar not null
);

-- Files whose rows are typed (typed_<kind>) and checked by the kind's GX suite (row
-- checks, stored in check_failures). Grain: one row per loaded file. A file is typed and
-- checked again only when context_sha256 (suite, casting, date formats and, for kinds
-- with a level, the rubric) differs from the current one: incremental validation.
create table if not exists validated_files (
    file_sha256     varchar primary key,
    kind            varchar not null,
    context_sha256  varchar not null,
    rows_typed      bigint not null,
    run_id          varchar not null,   -- the run that typed and checked the file
    validated_at    timestamp not null
);

-- Row checks the GX suite failed, kept per file until the file is checked again.
-- Grain: one row per failing row x check (passing rows have no row here).
create table if not exists check_failures (
    file_sha256  varchar not null,
    row_id       varchar not null,
    check_name   varchar not null
);
