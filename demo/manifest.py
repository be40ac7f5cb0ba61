"""What generate_demo wrote: files with row counts, the story engineers, the planted bad rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

# Statuses a story can expect: the rubric's statuses, plus `absent` for someone who must
# not appear in readiness.csv (terminated, or gone from the newest roster).
ABSENT = "absent"


@dataclass(frozen=True)
class DemoFile:
    name: str
    kind: str
    rows: int  # data records, header excluded
    snapshot_as_of: date | None = None  # people snapshots only
    header: str = "contract"  # "contract" or the tool whose header variant the file uses


@dataclass(frozen=True)
class Story:
    """One named engineer whose rows tell a story, and what scoring should conclude."""

    employee_id: str
    name: str
    story: str
    expected_status: str
    accelerated: bool = False
    symptoms: tuple[str, ...] = ()  # symptom ids the engineer should show, exactly
    level_start_source: str | None = None  # job_history | level_start_date | hire_date
    readiness_score: float | None = None  # hand-computed at the default as-of date, 1 decimal


@dataclass(frozen=True)
class BadRows:
    """Rows planted to fail one validation check; `keys` are their natural keys, '|'-joined."""

    kind: str
    check: str
    file: str
    keys: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class DemoManifest:
    out_dir: Path
    as_of: date
    seed: int
    engineers: int
    files: tuple[DemoFile, ...]
    stories: tuple[Story, ...]
    bad_rows: tuple[BadRows, ...]
    escaping_ids: tuple[str, ...]  # employees whose names carry a formula or markup

    @property
    def snapshot_dates(self) -> tuple[date, ...]:
        """The people snapshots' as-of dates, oldest first."""
        return tuple(sorted(f.snapshot_as_of for f in self.files if f.snapshot_as_of))

    def file(self, kind: str, snapshot_as_of: date | None = None) -> DemoFile:
        """The file of `kind` (for people: the snapshot of that date, default the newest)."""
        want = snapshot_as_of or (self.as_of if kind == "people" else None)
        return next(f for f in self.files if f.kind == kind and f.snapshot_as_of == want)

    def story(self, name: str) -> Story:
        return next(s for s in self.stories if s.name == name)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["out_dir"] = str(self.out_dir)
        data["as_of"] = self.as_of.isoformat()
        for f in data["files"]:
            f["snapshot_as_of"] = f["snapshot_as_of"].isoformat() if f["snapshot_as_of"] else None
        for b in data["bad_rows"]:
            b["count"] = len(b["keys"])
            b["keys"] = list(b["keys"][:5])  # a sample; the full list stays on the object
        return data
