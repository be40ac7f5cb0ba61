"""The data contract: export kinds, their columns and declared types, and the value sets.

This module is the single source for column names and types. Ingestion, validation,
documentation and the demo generator read it; nothing else copies these lists.
Levels and tracks are not here: they come from the rubric (rubric/), which a company replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

# Ordered scales: a position in the tuple is the rank used by "at least" filters.
SCOPES = ("task", "feature", "project", "multi_team", "org")
IMPACTS = ("low", "medium", "high", "critical")
AUDIENCES = ("team", "org", "company", "external")  # also the order of project visibility

ROLES = ("contributor", "lead", "owner")
PROJECT_STATUSES = ("planned", "active", "done", "cancelled")
SKILL_SOURCES = ("self", "manager", "peer")
EMPLOYMENT_STATUSES = ("active", "leave", "terminated")
ACTIVITY_TYPES = (
    "mentoring",
    "design_doc",
    "tech_talk",
    "blog_post",
    "conference_talk",
    "open_source",
    "documentation",
    "automation",
    "process_improvement",
    "interviewing",
    "paper",
)

# Readiness statuses (DESIGN.md "Statuses"), in the order reports count them.
STATUSES = ("ready", "watch", "stuck", "on_track", "not_scored")

# Text dates every source may use without configuration: ISO first, then forms whose day and
# month cannot be swapped. Any other format (01/03/2020) is pinned per source in the config.
UNAMBIGUOUS_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d-%b-%Y", "%b %d, %Y")

# Columns that never reach a manager's view; they feed only the people team's aggregates.
SENSITIVE_COLUMNS = ("base_salary", "currency", "gender")


@dataclass(frozen=True)
class Column:
    """One canonical column: its declared type and, when it is an enumeration, its values."""

    name: str
    type: str  # "text" | "date" | "int" | "decimal" | "bool"
    required: bool = False
    values: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Kind:
    """One export kind: its columns and the key that identifies a row across files."""

    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, type_: str = "text", required: bool = False, values=None) -> Column:
    return Column(name, type_, required, tuple(values) if values else None)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "people",
            (
                _c("employee_id", required=True),
                _c("name", required=True),
                _c("manager_id", required=True),  # the column is required; its value is empty for the top
                _c("level", required=True),
                _c("team", required=True),
                _c("hire_date", "date", required=True),
                _c("email"),
                _c("track"),  # a track of the rubric (id, title or alias); empty: the level's track
                _c("level_start_date", "date"),
                _c("employment_status", values=EMPLOYMENT_STATUSES),
                _c("location"),
                _c("last_rating", "int"),
                _c("base_salary", "decimal"),
                _c("currency"),
                _c("gender"),
                _c("as_of", "date"),
            ),
            natural_key=("employee_id",),
        ),
        Kind(
            "job_history",
            (
                _c("employee_id", required=True),
                _c("effective_date", "date", required=True),
                _c("level", required=True),
                _c("manager_id"),
                _c("job_title"),
                _c("change_reason"),
            ),
            natural_key=("employee_id", "effective_date"),
        ),
        Kind(
            "projects",
            (
                _c("project_id", required=True),
                _c("employee_id", required=True),
                _c("role", required=True, values=ROLES),
                _c("scope", required=True, values=SCOPES),
                _c("start_date", "date", required=True),
                _c("project_name"),
                _c("impact", values=IMPACTS),
                _c("visibility", values=AUDIENCES),
                _c("cross_team", "bool"),
                _c("domain"),
                _c("end_date", "date"),
                _c("status", values=PROJECT_STATUSES),
            ),
            natural_key=("project_id", "employee_id"),
        ),
        Kind(
            "activities",
            (
                _c("employee_id", required=True),
                _c("activity_type", required=True, values=ACTIVITY_TYPES),
                _c("date", "date", required=True),
                _c("title"),
                _c("audience", values=AUDIENCES),
                _c("counterpart_id"),
            ),
            natural_key=("employee_id", "activity_type", "date", "title", "counterpart_id"),
        ),
        Kind(
            "skills",
            (
                _c("employee_id", required=True),
                _c("skill", required=True),
                _c("proficiency", "int", required=True),
                _c("assessed_on", "date", required=True),
                _c("source", values=SKILL_SOURCES),
            ),
            natural_key=("employee_id", "skill", "assessed_on", "source"),
        ),
    )
}

# The evidence kinds: every export kind but the roster, in contract order.
EVIDENCE_KINDS = tuple(k for k in KINDS if k != "people")

# clean_<kind>: the typed rows validation keeps, as the later stages read them.
SQL_TYPES = {"text": "varchar", "date": "date", "int": "integer", "decimal": "decimal(18, 2)", "bool": "boolean"}
CLEAN_RENAMES = {("activities", "date"): "activity_date"}
CLEAN_DROPS = {("people", "as_of")}  # the snapshot's date is snapshot_as_of


def clean_columns(kind: Kind) -> tuple[tuple[str, str, str], ...]:
    """clean_<kind>'s columns as (name, SQL type, the typed column it comes from)."""
    cols = [("snapshot_as_of", "date", "snapshot_as_of")] if kind.name == "people" else []
    for col in kind.columns:
        if (kind.name, col.name) in CLEAN_DROPS:
            continue
        if col.name == "level":  # the rubric's level id, and the text as delivered
            cols += [("level", "varchar", "level__id"), ("level_raw", "varchar", "level__raw")]
        else:
            cols.append((CLEAN_RENAMES.get((kind.name, col.name), col.name), SQL_TYPES[col.type], col.name))
    return (*cols, ("row_id", "varchar", "row_id"), ("source_file", "varchar", "source_file"),
            ("source_line", "bigint", "source_line"))


def clean_tables_ddl() -> str:
    """Empty clean_* tables for kinds validation has not written yet (it replaces them)."""
    return ";\n".join(
        f"create table if not exists clean_{kind.name} ("
        + ", ".join(f'"{name}" {type_}' for name, type_, _ in clean_columns(kind)) + ")"
        for kind in KINDS.values()
    )
