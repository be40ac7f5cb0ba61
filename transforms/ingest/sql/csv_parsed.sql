-- Purpose: one CSV export as DuckDB parses it, every field kept as text (no type guessing).
-- Grain: one row per data record DuckDB could parse, in file order (the table's rowid).
-- Records DuckDB cannot parse land in the rejects table named below; the caller proves
-- that parsed + rejected records cover every physical line before trusting this table.
create or replace temp table _ingest_parsed as
select *
from read_csv(
    $path,
    header = true,
    auto_detect = false,
    columns = {{columns}},
    delim = $delim,
    quote = '"',
    escape = '"',
    strict_mode = true,
    null_padding = false,
    encoding = 'utf-8',
    store_rejects = true,
    rejects_table = '_ingest_csv_errors',
    rejects_scan = '_ingest_csv_scans'
)
