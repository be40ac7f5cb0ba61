"""Archive and rejected folders live beside the warehouse file, never in the current directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_fixture_org
from transforms.config import load_settings


def test_default_folders_sit_beside_the_warehouse_and_follow_db():
    moved = load_settings().with_overrides(db=Path("/srv/hr/warehouse.duckdb"))
    assert (moved.archive, moved.rejected) == (Path("/srv/hr/archive"), Path("/srv/hr/rejected"))


def test_a_flag_or_a_configured_folder_wins_over_the_default(tmp_path):
    flagged = load_settings().with_overrides(db=Path("/srv/hr/warehouse.duckdb"), archive=Path("/backup/hr"))
    assert (flagged.archive, flagged.rejected) == (Path("/backup/hr"), Path("/srv/hr/rejected"))
    config = tmp_path / "mine.toml"
    config.write_text('[paths]\nrejected = "/quarantine/files"\n')
    mine = load_settings(config).with_overrides(db=Path("/srv/hr/warehouse.duckdb"))
    assert (mine.archive, mine.rejected) == (Path("/srv/hr/archive"), Path("/quarantine/files"))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ingest_with_inbox_and_db_writes_nothing_under_the_current_directory(tmp_path, spawn_cli):
    home, inbox, db = tmp_path / "home", tmp_path / "exports", tmp_path / "hr" / "warehouse.duckdb"
    home.mkdir()
    inbox.mkdir()
    copy_fixture_org(inbox)
    (inbox / "people_notes.csv").write_bytes(b"\xff\xfe\x00garbage")  # unreadable: goes to rejected
    ingest = spawn_cli(["ingest", "--inbox", inbox, "--db", db], home, tmp_path / "ingest.log")
    assert ingest.wait(240) == 0, ingest.log.read_text()
    assert list(home.iterdir()) == []  # nothing under the directory the user ran it from
    assert list(inbox.iterdir()) == []  # every file left the inbox ...
    archived = sorted(p.name.split(".", 1)[1] for p in (db.parent / "archive").iterdir())
    # ... the five fixture exports into the archive beside the warehouse, each with its load record
    assert archived == ["csv"] * 5 + ["csv.json"] * 5
    assert sorted(p.name for p in (db.parent / "rejected").iterdir()) == ["people_notes.csv", "people_notes.csv.reason.txt"]
