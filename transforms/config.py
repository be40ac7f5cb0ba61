"""Settings: the one place where paths, header aliases, gates and the calendar are read.

Defaults live in transforms/defaults/readiness.toml (shipped in the package); a user file
given with --config overrides any key it names (tables are merged key by key). Command-line
options override both. Steps receive a Settings value as an argument; none reads
configuration on its own. Both files are checked against transforms/defaults/schema.json
before anything runs
(transforms/config_check.py): an unknown key, a wrong type or a date format that cannot
read a date is a ConfigError naming the file, line, key, value and fix.

Adding a key: one line in transforms/defaults/schema.json, the key with a comment in
transforms/defaults/readiness.toml, a Settings field (with a default) and its line below.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from transforms.config_check import ConfigError, ConfigSource, check_schema, check_values
from transforms.contract import UNAMBIGUOUS_DATE_FORMATS
from transforms.package_files import package_file

# The folder holding the packages: the checkout in development, site-packages when installed.
# Only for what runs code from there (serve's flow-run processes, deploy's source, git describe);
# shipped files are found by package (package_file), never from here.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = package_file("transforms", "defaults", "readiness.toml")
DEFAULT_RUBRIC = package_file("rubric", "ml-engineer-ladder.yaml")


@dataclass(frozen=True)
class Calendar:
    timezone: str
    run_time: str
    days_before: int
    dates: tuple[date, ...]
    weekly_refresh: str


@dataclass(frozen=True)
class WarehouseLimits:
    """DuckDB's memory limit, thread count and spill folder ([warehouse] in the config)."""

    memory_limit: str = "2GB"  # spill beyond this; "": DuckDB's default (80 % of RAM)
    threads: int = 0  # 0: DuckDB's default, one per core
    temp_directory: Path | None = None  # None: <warehouse file>.tmp


@dataclass(frozen=True)
class ReportSettings:
    """[report]: how much each page lists and how many run folders are kept."""

    max_people_per_page: int = 500  # indirect reports listed on a manager page; the rest are on sub-org pages
    max_listed: int = 200  # people, teams and managers per list on the org-wide pages (totals always shown)
    search_rows: int = 1000  # people in the org-wide searchable table, by name (everyone is in readiness.csv)
    keep_runs: int = 10  # run folders kept; older ones are removed after a successful run
    processes: int = 0  # processes rendering manager pages; 0: one per CPU core (Linux; elsewhere 1)


@dataclass(frozen=True)
class CalibrationSettings:
    """The committee pack's thresholds: [fairness], [consistency], [sensitivity] and [pack]."""

    fairness_columns: tuple[str, ...] = ()  # people-export columns tested besides gender and location
    min_group: int = 5  # groups smaller than this are hidden
    alpha: float = 0.05  # a Fisher p-value below this calls a difference unlikely to be chance
    min_ratio: float = 0.8  # a group's rate under this share of the most favoured group's is flagged (four-fifths)
    min_engineers: int = 5  # scored engineers in a manager's org before it is compared
    min_rated: int = 5  # rated direct reports before a manager's ratings are compared with the evidence
    rating_margin: float = 0.5  # mean rating this far from the org's ...
    score_margin: float = 5.0  # ... while the mean score is at most this many points from the org's the other way
    min_rank_correlation: float = -0.3  # ratings correlating less than this with scores do not follow the evidence
    weight_change: float = 0.2  # a criterion's weight moves by this share up and down
    target_step: float = 1.0  # a criterion's target moves by this much up and down
    min_team_promotions: int = 5  # teams with fewer promotions get no row of their own in observed timelines
    max_listed: int = 500  # people per list in the pack (the CSV has everyone)


@dataclass(frozen=True)
class Settings:
    inbox: Path
    db: Path
    archive: Path
    rejected: Path
    reports: Path
    rubric: Path
    fallback_encodings: tuple[str, ...]
    max_bad_row_share: float
    calendar: Calendar
    report: ReportSettings = ReportSettings()
    sheet: str = ""  # XLSX: the sheet to read; empty = the first that holds a known export
    warehouse: WarehouseLimits = field(default_factory=WarehouseLimits)
    # Text date formats validation reads; other formats are loaded as ISO by ingest when pinned.
    date_formats: tuple[str, ...] = UNAMBIGUOUS_DATE_FORMATS
    # Pinned day/month formats: per kind ([ingest.date_formats]) and per file-name glob
    # ([ingest.date_formats_by_name], which wins), each tried in order.
    pinned_date_formats: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pinned_date_formats_by_name: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # how long a command waits for another process writing the same warehouse, in seconds
    lock_timeout_s: float = 600.0
    # kind -> {normalised header variant -> canonical column}; "any" applies to every kind
    header_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    as_of: date | None = None
    config_file: Path = DEFAULT_CONFIG
    calibration: CalibrationSettings = field(default_factory=CalibrationSettings)

    # path settings left empty in the configuration: they live beside the warehouse file
    beside_db: tuple[str, ...] = ()

    def with_overrides(self, **changes) -> "Settings":
        """A copy with the non-None keyword values replaced (command-line options).

        Archive and rejected folders that were not set explicitly follow a new `db`.
        """
        changes = {k: v for k, v in changes.items() if v is not None}
        beside = tuple(name for name in self.beside_db if name not in changes)
        if "db" in changes:
            changes.update(beside_warehouse(Path(changes["db"]), beside))
        return replace(self, **changes, beside_db=beside)

    def pinned_date_formats_for(self, file_name: str, kind: str) -> tuple[tuple[str, ...], str, str]:
        """The formats pinned for a file (its first matching name pattern, else its kind), and the
        config table and key that pin them (or would)."""
        for pattern, formats in self.pinned_date_formats_by_name.items():
            if fnmatch.fnmatch(file_name.lower(), pattern.lower()):
                return formats, "[ingest.date_formats_by_name]", f'"{pattern}"'
        return self.pinned_date_formats.get(kind, ()), "[ingest.date_formats]", kind

    def aliases_for(self, kind: str) -> dict[str, str]:
        """Normalised header variant -> canonical name, kind-specific entries winning."""
        merged = dict(self.header_aliases.get("any", {}))
        merged.update(self.header_aliases.get(kind, {}))
        return merged


BESIDE_DB = ("archive", "rejected")  # folder names used when the configuration leaves them empty


def beside_warehouse(db: Path, names=BESIDE_DB) -> dict[str, Path]:
    """Default folders next to the warehouse file: <db folder>/archive, <db folder>/rejected."""
    return {name: Path(db).parent / name for name in names}


def normalise_header(text: str) -> str:
    """The form headers are compared in: lower case, no spaces, underscores, dashes, '#', quotes."""
    return re.sub(r"[\s_\-#'’.()/]+", "", str(text).strip().lower())


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> tuple[dict, str]:
    """The parsed file and its text (the text locates a key's line in error messages)."""
    try:
        text = path.read_bytes().decode("utf-8")
        return tomllib.loads(text), text
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found; check the --config path") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a configuration file; check the --config path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax at that position") from None


def _warehouse_limits(table: dict) -> WarehouseLimits:
    temp = table["temp_directory"].strip()
    return WarehouseLimits(memory_limit=table["memory_limit"].strip(), threads=int(table["threads"]),
                           temp_directory=Path(temp) if temp else None)


def load_settings(config_file: Path | None = None) -> Settings:
    """Defaults from transforms/defaults/readiness.toml, overridden by `config_file` when given; both checked first."""
    files = [(DEFAULT_CONFIG, *_read_toml(DEFAULT_CONFIG))]
    if config_file is not None:
        files.append((Path(config_file), *_read_toml(Path(config_file))))
    for path, doc, text in files:
        check_schema(doc, ConfigSource(path, text))
    raw = files[0][1]
    for _, doc, _ in files[1:]:
        raw = _merge(raw, doc)
    check_values(raw, [ConfigSource(path, text, doc) for path, doc, text in reversed(files)])
    source = files[-1][0]
    paths, ingest, validate, cal = raw["paths"], raw["ingest"], raw["validate"], raw["calendar"]
    db = Path(paths["db"])
    beside = tuple(name for name in BESIDE_DB if not paths.get(name))
    return Settings(
        inbox=Path(paths["inbox"]),
        db=db,
        **{name: Path(paths[name]) for name in BESIDE_DB if name not in beside},
        **beside_warehouse(db, beside),
        beside_db=beside,
        reports=Path(paths["reports"]),
        rubric=Path(paths["rubric"]) if paths.get("rubric") else DEFAULT_RUBRIC,
        pinned_date_formats={kind: tuple(f) for kind, f in ingest.get("date_formats", {}).items()},
        pinned_date_formats_by_name={glob: tuple(f) for glob, f in ingest.get("date_formats_by_name", {}).items()},
        fallback_encodings=tuple(ingest["fallback_encodings"]),
        sheet=ingest["sheet"],
        max_bad_row_share=float(validate["max_bad_row_share"]),
        report=ReportSettings(
            max_people_per_page=int(raw["report"]["max_people_per_page"]),
            max_listed=int(raw["report"]["max_listed"]),
            search_rows=int(raw["report"]["search_rows"]),
            keep_runs=int(raw["report"]["keep_runs"]),
            processes=int(raw["report"]["processes"]),
        ),
        warehouse=_warehouse_limits(raw["warehouse"]),
        lock_timeout_s=float(raw["warehouse"]["lock_timeout_seconds"]),
        calendar=Calendar(
            timezone=cal["timezone"],
            run_time=cal["run_time"],
            days_before=int(cal["days_before"]),
            dates=tuple(date.fromisoformat(d) for d in cal["dates"]),
            weekly_refresh=cal["weekly_refresh"],
        ),
        header_aliases={
            kind: {
                normalise_header(variant): canonical
                for canonical, variants in table.items()
                for variant in [canonical, *variants]
            }
            for kind, table in raw["header_aliases"].items()
        },
        config_file=source,
        calibration=_calibration(raw),
    )


def _calibration(raw: dict) -> CalibrationSettings:
    fairness, consistency, sensitivity, pack = (raw[k] for k in ("fairness", "consistency", "sensitivity", "pack"))
    return CalibrationSettings(
        fairness_columns=tuple(fairness["columns"]),
        min_group=int(fairness["min_group"]),
        alpha=float(fairness["alpha"]),
        min_ratio=float(fairness["min_ratio"]),
        min_engineers=int(consistency["min_engineers"]),
        min_rated=int(consistency["min_rated"]),
        rating_margin=float(consistency["rating_margin"]),
        score_margin=float(consistency["score_margin"]),
        min_rank_correlation=float(consistency["min_rank_correlation"]),
        weight_change=float(sensitivity["weight_change"]),
        target_step=float(sensitivity["target_step"]),
        min_team_promotions=int(pack["min_team_promotions"]),
        max_listed=int(pack["max_listed"]),
    )
