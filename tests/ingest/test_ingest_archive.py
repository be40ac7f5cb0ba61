"""The archive copy written in the pass that hashes a file, and the byte scan behind it."""

from __future__ import annotations

import hashlib

from transforms.ingest import bytescan, ingest_file, ingest_inbox, load

PROJECTS = "project_id,employee_id,role,scope,start_date\nP1,E1,lead,project,2025-01-06\nP2,E2,owner,org,2025-02-01\n"


def test_duplicate_and_rejected_files_leave_no_incoming_copy(con, settings, drop):
    ingest_file(con, drop("projects_q1.csv", PROJECTS), settings)
    ingest_file(con, drop("projects_again.csv", PROJECTS), settings)  # same bytes: duplicate
    ingest_file(con, drop("lunch_orders.csv", "dish,price\nsoup,4\n"), settings)  # no known export
    sha = hashlib.sha256(PROJECTS.encode()).hexdigest()
    assert sorted(p.name for p in settings.archive.iterdir()) == [f"{sha}.csv", f"{sha}.csv.json"]


def test_a_failed_load_removes_its_copy_and_a_crashed_one_is_cleared_by_the_next_ingest(con, settings, drop, monkeypatch):
    path = drop("projects_q1.csv", PROJECTS)

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(load.archiving.ArchiveCopy, "keep", disk_full)
    try:
        ingest_file(con, path, settings)
    except OSError:
        pass
    monkeypatch.undo()
    assert list(settings.archive.iterdir()) == []
    # a process killed mid-load leaves its incoming folder (and older code a .part file)
    (settings.archive / ".incoming-crashed").mkdir()
    (settings.archive / ".incoming-crashed" / "projects_q1.csv").write_text("half")
    (settings.archive / ".abc.csv.part").write_text("half")
    assert [o.status for o in ingest_inbox(con, settings)] == ["loaded"]
    assert not [p for p in settings.archive.iterdir() if p.name.startswith(".")]


def test_scan_counts_and_hashes_across_chunks_and_finds_utf8_split_between_them(tmp_path, monkeypatch):
    monkeypatch.setattr(bytescan, "CHUNK_BYTES", 4)
    cases = {
        # 'é' is two bytes; with 4-byte chunks it is split between the first and second chunk
        "split.csv": ("abcé\nxyz\n".encode(), True),
        "bad_after_ascii.csv": (b"abcd\nef\xffg\n", False),
        # an ASCII chunk right after a cut sequence is still decoded, and fails
        "cut_then_ascii.csv": (b"abc\xc3defg", False),
        "cut_at_end.csv": ("abcd".encode() + "é".encode()[:1], False),
    }
    for name, (content, utf8) in cases.items():
        (tmp_path / name).write_bytes(content)
        copied: list[bytes] = []
        scan = bytescan.scan_bytes(tmp_path / name, sink=copied.append)
        assert (scan.utf8, scan.sha256, scan.newlines, b"".join(copied)) == (
            utf8, hashlib.sha256(content).hexdigest(), content.count(b"\n"), content), name
