"""Rubric loading: the default ladder, alias resolution, and one clear error per bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from transforms.config import DEFAULT_RUBRIC
from transforms.rubric import RubricError, load_rubric

TINY = Path(__file__).resolve().parents[1] / "score" / "tiny-ladder.yaml"


def test_default_ladder_loads_and_resolves_aliases():
    rubric = load_rubric(DEFAULT_RUBRIC)
    staff = rubric.levels[3]
    # every alias and the title resolve, whatever the case and spacing
    for name in (*staff.aliases, staff.title, staff.title.upper(), "  " + staff.aliases[0] + " "):
        assert rubric.resolve_level(name) == staff.id
    assert rubric.resolve_level("Chief Wizard") is None
    assert rubric.next_level(staff.id) is None
    assert [lv.id for lv in rubric.levels if lv.scored] == [p.from_level for p in rubric.promotions]


def write_broken(tmp_path, edit) -> Path:
    """The tiny ladder with one edit applied, written as YAML (line numbers from the dump)."""
    doc = yaml.safe_load(TINY.read_text())
    edit(doc)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_zero_weight_names_file_line_and_field(tmp_path):
    def edit(doc):
        doc["promotions"][0]["criteria"][1]["weight"] = 0

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    weight_line = [i for i, line in enumerate(path.read_text().splitlines(), 1) if "weight: 0" in line][0]
    assert str(err.value) == f"{path} line {weight_line}: promotions[0].criteria[1].weight: must be > 0"


def test_unknown_level_in_a_promotion(tmp_path):
    def edit(doc):
        doc["promotions"][1]["to"] = "guru"

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=rf"line {line_of(path, 'to: guru')}: promotions\[1\]\.to: unknown level 'guru'"):
        load_rubric(path)


def test_evidence_rules_name_a_known_status(tmp_path):
    def edit(doc):
        doc["evidence"] = {"project_statuses": ["active", "shipped"]}

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert str(err.value) == (f"{path} line {line_of(path, '- shipped')}: evidence.project_statuses[1]: "
                              "'shipped' is not one of planned, active, done, cancelled")


def test_default_ladder_counts_only_active_and_done_projects():
    rules = load_rubric(DEFAULT_RUBRIC).evidence
    assert rules.project_statuses == ("active", "done") and rules.skill_sources == ("manager", "peer")


def test_schema_type_error(tmp_path):
    def edit(doc):
        doc["promotions"][0]["criteria"][0]["target"] = "two"

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=rf"line {line_of(path, 'target: two')}: promotions\[0\]\.criteria\[0\]\.target: 'two' is not of type 'number'"):
        load_rubric(path)


def test_signal_outside_the_vocabulary(tmp_path):
    def edit(doc):
        doc["promotions"][0]["criteria"][0]["signal"] = {"kind": "count_projects", "scope_at_least": "galaxy"}

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=r"promotions\[0\]\.criteria\[0\]\.signal\.scope_at_least: 'galaxy' is not one of"):
        load_rubric(path)


def test_free_sql_is_not_a_signal(tmp_path):
    def edit(doc):
        doc["promotions"][0]["criteria"][0]["signal"] = {"kind": "count_projects", "sql": "select 1"}

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=r"promotions\[0\]\.criteria\[0\]\.signal: unknown field\(s\) \('sql' was unexpected\)"):
        load_rubric(path)


def test_windows_must_be_ordered(tmp_path):
    def edit(doc):
        doc["promotions"][0]["realistic_years"] = {"min": 3, "max": 2}

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=r"promotions\[0\]\.realistic_years\.max: must be >= min"):
        load_rubric(path)


def test_duplicate_level_id(tmp_path):
    def edit(doc):
        doc["levels"][1]["id"] = "associate"

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=r"levels\[1\]\.id: duplicate level id 'associate'"):
        load_rubric(path)


def test_tracks_resolve_by_id_title_or_alias():
    rubric = load_rubric(DEFAULT_RUBRIC)
    for track in rubric.tracks:
        for name in (track.id, track.title.upper(), *track.aliases, " " + track.aliases[-1].lower() + " "):
            assert rubric.resolve_track(name) == track.id, name
    assert rubric.resolve_track("Chief Wizard") is None
    assert rubric.resolve_track(None) is None


def test_a_track_alias_names_one_track_only(tmp_path):
    def edit(doc):
        doc["tracks"][1]["aliases"] = ["Lead", "IC"]  # 'IC' is the other track's id, in another case

    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError, match=rf"line {line_of(path, 'aliases:')}: tracks\[1\]\.aliases: 'IC' already names track 'ic'"):
        load_rubric(path)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(RubricError, match="rubric file not found"):
        load_rubric(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(RubricError, match=rf"{bad} line 2: not valid YAML"):
        load_rubric(bad)
