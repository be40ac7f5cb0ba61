"""Same seed -> byte-identical files; another seed -> different files; wall clock irrelevant."""

from __future__ import annotations

import stat

from demo import generate_demo


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(tmp_path, rubric):
    a = generate_demo(tmp_path / "a", engineers=60, seed=7, rubric=rubric)
    b = generate_demo(tmp_path / "b", engineers=60, seed=7, rubric=rubric)
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    assert a.files == b.files and a.bad_rows == b.bad_rows


def test_other_seed_changes_generated_rows_but_not_stories(tmp_path, rubric):
    a = generate_demo(tmp_path / "a", engineers=60, seed=7, rubric=rubric)
    b = generate_demo(tmp_path / "b", engineers=60, seed=8, rubric=rubric)
    files_a, files_b = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    # every file carries random generated rows, so every file differs
    assert all(files_a[name] != files_b[name] for name in files_a)
    assert a.stories == b.stories  # stories are hand-written, not drawn


def test_only_the_export_files_are_written_owner_only(small_org):
    manifest, _ = small_org
    names = sorted(p.name for p in manifest.out_dir.iterdir())
    assert names == sorted(f.name for f in manifest.files)  # no .part leftovers, no manifest file
    assert names == [
        "activities_2026-10-31.csv", "job_history_2026-10-31.csv", "people_2026-04-30.csv",
        "people_2026-10-31.csv", "projects_2026-10-31.csv", "skills_2026-10-31.csv",
    ]
    for p in manifest.out_dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest.out_dir.stat().st_mode) == 0o700
