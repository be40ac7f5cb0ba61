-- Purpose: raw rows of one kind with every contract column in its declared type, plus a
-- `<column>__parses` flag per typed column (true when empty or the cast worked) and a
-- `<column>__present` flag per required typed column; `level` is the rubric level id when
-- the raw text resolves (else the text as written, which fails level_known), with the
-- resolved id in level__id and the text in level__raw; `track` likewise is the rubric track
-- id when the text resolves (else as written, which fails track_known). No check is decided here.
-- Grain: one row per raw row of the files being typed (v_files_to_type).
-- people: manager_id is the id manager_names.sql gives (a name resolved within the file), with
-- its manager_id__name_known / __name_unique flags.
-- Inputs: raw_<kind>, v_files_to_type (file_sha256), v_level_map (level_raw, level_id),
-- v_track_map (track_raw, track_id),
-- v_manager_names (people: row_id, manager_holds_names, resolved_manager_id, manager_name_match).
-- <typed_columns> comes from transforms.contract via transforms.validate.model_sql.
with

raw as (
    select r.*
    from raw_{{kind}} as r
    where exists (select 1 from v_files_to_type as f where f.file_sha256 = r.file_sha256)
),

level_map as (
    select * from v_level_map
),

track_map as (
    select * from v_track_map
),

final as (
    select {{typed_columns}}
    from raw as s
    {{rubric_joins}}
    {{manager_join}}
)

select * from final
