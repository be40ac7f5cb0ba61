"""The career ladder as validated data: `load_rubric(path) -> Rubric`.

The rubric file (YAML) is checked against rubric/schema.json and then semantically
(unknown levels, duplicate ids, weights > 0, ordered windows, the signal vocabulary).
A bad file raises RubricError naming the file, the line and the field.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from transforms.contract import ACTIVITY_TYPES, AUDIENCES, IMPACTS, PROJECT_STATUSES, ROLES, SCOPES, SKILL_SOURCES


class RubricError(ValueError):
    """A rubric file is missing or wrong; the message names the file, line and field."""


# Signal vocabulary: kind -> (source export kind, filters it accepts).
PROJECT_FILTERS = ("role", "status", "scope_at_least", "impact_at_least", "visibility_at_least", "cross_team", "any_of")
ACTIVITY_FILTERS = ("type", "audience_at_least", "any_of")
SIGNAL_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "count_projects": ("projects", PROJECT_FILTERS),
    "max_projects_in_one_domain": ("projects", PROJECT_FILTERS),
    "distinct_project_domains": ("projects", PROJECT_FILTERS),
    "count_activities": ("activities", ACTIVITY_FILTERS),
    "distinct_counterparts": ("activities", ACTIVITY_FILTERS),
    "max_proficiency": ("skills", ("skills",)),
    "last_rating": ("people", ()),
    "others_promoted_instead": ("job_history", ()),
}
# Filter -> the value set it draws from (lists: every item; *_at_least: one value).
FILTER_VALUES: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "status": PROJECT_STATUSES,
    "scope_at_least": SCOPES,
    "impact_at_least": IMPACTS,
    "visibility_at_least": AUDIENCES,
    "type": ACTIVITY_TYPES,
    "audience_at_least": AUDIENCES,
}


@dataclass(frozen=True)
class Window:
    """A range of years in level, inclusive at both ends."""

    min: float
    max: float


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    track: str
    rank: int  # position in the file; order within a track is the ladder order
    aliases: tuple[str, ...] = ()
    years_experience: tuple[float, float | None] | None = None
    salary_band: tuple[float, float | None, str] | None = None  # (min, max, currency)
    salary_bands: tuple[tuple[float, float | None, str], ...] = ()  # every band: salary_band first, then salary_bands
    scored: bool = True
    not_scored_reason: str | None = None


@dataclass(frozen=True)
class Signal:
    """One whitelisted measurement; compiled to SQL by transforms.score.signals."""

    kind: str
    filters: dict[str, Any] = field(default_factory=dict)  # AND-ed filters
    any_of: tuple[dict[str, Any], ...] = ()  # a row also has to match one of these groups
    skills: tuple[str, ...] = ()

    @property
    def source_kind(self) -> str:
        """The export kind the signal reads (projects, activities, skills, people, job_history)."""
        return SIGNAL_KINDS[self.kind][0]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    ladder_quote: str
    signal: Signal
    target: float
    weight: float
    remedy: str


@dataclass(frozen=True)
class Promotion:
    from_level: str
    to_level: str
    accelerated: Window
    realistic: Window
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Condition:
    signal: Signal
    at_least: float | None = None
    at_most: float | None = None


@dataclass(frozen=True)
class Symptom:
    level: str
    id: str
    title: str
    ladder_quote: str
    when: tuple[Condition, ...]
    remedies: tuple[str, ...]


@dataclass(frozen=True)
class Thresholds:
    ready_score: float
    watch_months_before_ceiling: float
    watch_low_score: float


@dataclass(frozen=True)
class EvidenceRules:
    """Which export rows count as evidence at all (rubric `evidence:`); a row without the field counts."""

    project_statuses: tuple[str, ...] = ("planned", "active", "done")  # without `evidence:`, all but cancelled
    skill_sources: tuple[str, ...] = ("manager", "peer")  # an assessment with no source never counts


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    scored: bool
    not_scored_reason: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    name: str
    version: str
    path: Path
    sha256: str
    levels: tuple[Level, ...]
    tracks: tuple[Track, ...]
    promotions: tuple[Promotion, ...]
    symptoms: tuple[Symptom, ...]
    statuses: Thresholds
    evidence: EvidenceRules = EvidenceRules()

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levels)

    @property
    def track_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tracks)

    @property
    def scored_tracks(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tracks if t.scored)

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)

    def track(self, track_id: str) -> Track:
        return next(t for t in self.tracks if t.id == track_id)

    def promotion(self, from_level: str) -> Promotion | None:
        """The promotion out of `from_level`, or None at the top or on an unscored track."""
        return next((p for p in self.promotions if p.from_level == from_level), None)

    def next_level(self, level_id: str) -> str | None:
        promo = self.promotion(level_id)
        return promo.to_level if promo else None

    def symptoms_for(self, level_id: str) -> tuple[Symptom, ...]:
        return tuple(s for s in self.symptoms if s.level == level_id)

    def resolve_level(self, raw: str | None) -> str | None:
        """The level id that `raw` names (id, title or alias; case, space and dash insensitive)."""
        return _resolve(self.levels, raw)

    def resolve_track(self, raw: str | None) -> str | None:
        """The track id that `raw` names (id, title or alias; case, space and dash insensitive)."""
        return _resolve(self.tracks, raw)


def _resolve(items: tuple[Level, ...] | tuple[Track, ...], raw: str | None) -> str | None:
    """The id of the first item whose id, title or alias is `raw` in normalised form."""
    if raw is None:
        return None
    wanted = normalise_name(raw)
    return next((it.id for it in items for name in (it.id, it.title, *it.aliases) if normalise_name(name) == wanted), None)


def normalise_name(text: str) -> str:
    """The form level and track names are compared in: lower case, runs of space/_/- as one space."""
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


# Loading -----------------------------------------------------------------------------


def _schema() -> dict:
    return json.loads(files("rubric").joinpath("schema.json").read_text(encoding="utf-8"))


def _format_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"


def _line_of(root: yaml.Node | None, parts) -> int:
    """1-based line of the YAML node at `parts`, or of its deepest existing ancestor."""
    node = root
    line = root.start_mark.line + 1 if root is not None else 1
    for part in parts:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    nxt, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line


class _Checker:
    """Collects semantic problems as (path parts, message)."""

    def __init__(self) -> None:
        self.problems: list[tuple[tuple, str]] = []

    def fail(self, parts: tuple, message: str) -> None:
        self.problems.append((parts, message))


def _check_signal(chk: _Checker, sig: dict, at: tuple) -> None:
    kind = sig["kind"]
    allowed = SIGNAL_KINDS[kind][1]
    for key in sig:
        if key != "kind" and key not in allowed:
            chk.fail(at + (key,), f"not a filter of signal kind {kind!r}; allowed: {', '.join(allowed) or 'none'}")
    if kind == "max_proficiency" and not sig.get("skills"):
        chk.fail(at + ("skills",), "max_proficiency needs a list of skills")
    groups = [(at, {k: v for k, v in sig.items() if k not in ("kind", "any_of", "skills")})]
    groups += [(at + ("any_of", i), g) for i, g in enumerate(sig.get("any_of", []))]
    for where, group in groups:
        for key, value in group.items():
            if where != at and key not in allowed:
                chk.fail(where + (key,), f"not a filter of signal kind {kind!r}")
                continue
            values = FILTER_VALUES.get(key)
            if values is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                if v not in values:
                    chk.fail(where + (key,), f"{v!r} is not one of {', '.join(values)}")


def _semantic_problems(doc: dict) -> list[tuple[tuple, str]]:
    chk = _Checker()
    tracks = [t["id"] for t in doc["tracks"]]
    track_names: dict[str, str] = {}
    for i, t in enumerate(doc["tracks"]):
        if tracks.index(t["id"]) != i:
            chk.fail(("tracks", i, "id"), f"duplicate track id {t['id']!r}")
        if not t["scored"] and not t.get("not_scored_reason"):
            chk.fail(("tracks", i), "an unscored track needs a not_scored_reason")
        for name in (t["id"], t.get("title", t["id"]), *t.get("aliases", [])):
            other = track_names.setdefault(normalise_name(name), t["id"])
            if other != t["id"]:
                chk.fail(("tracks", i, "aliases"), f"{name!r} already names track {other!r}")
    levels = [lv["id"] for lv in doc["levels"]]
    seen_names: dict[str, str] = {}
    for i, lv in enumerate(doc["levels"]):
        if levels.index(lv["id"]) != i:
            chk.fail(("levels", i, "id"), f"duplicate level id {lv['id']!r}")
        if lv["track"] not in tracks:
            chk.fail(("levels", i, "track"), f"unknown track {lv['track']!r}; declare it under tracks")
        for name in (lv["id"], lv["title"], *lv.get("aliases", [])):
            other = seen_names.setdefault(normalise_name(name), lv["id"])
            if other != lv["id"]:
                chk.fail(("levels", i, "aliases"), f"{name!r} already names level {other!r}")
        for key in ("years_experience", "salary_band"):
            rng = lv.get(key)
            if rng and rng.get("max") is not None and rng["max"] < rng["min"]:
                chk.fail(("levels", i, key, "max"), "must be >= min")
        currencies = [b["currency"].upper() for b in ([lv["salary_band"]] if lv.get("salary_band") else [])]
        for j, band in enumerate(lv.get("salary_bands", [])):
            if band.get("max") is not None and band["max"] < band["min"]:
                chk.fail(("levels", i, "salary_bands", j, "max"), "must be >= min")
            if band["currency"].upper() in currencies:
                chk.fail(("levels", i, "salary_bands", j, "currency"), f"a second band in {band['currency']}; one band per currency")
            currencies.append(band["currency"].upper())
    for key, allowed in (("project_statuses", PROJECT_STATUSES), ("skill_sources", SKILL_SOURCES)):
        for j, value in enumerate(doc.get("evidence", {}).get(key, [])):
            if value not in allowed:
                chk.fail(("evidence", key, j), f"{value!r} is not one of {', '.join(allowed)}")
    st = doc["statuses"]
    if st["watch_low_score"] > st["ready_score"]:
        chk.fail(("statuses", "watch_low_score"), "must be <= ready_score")
    froms: list[str] = []
    for i, p in enumerate(doc["promotions"]):
        for end in ("from", "to"):
            if p[end] not in levels:
                chk.fail(("promotions", i, end), f"unknown level {p[end]!r}; declare it under levels")
        if p["from"] in froms:
            chk.fail(("promotions", i, "from"), f"a second promotion out of {p['from']!r}")
        froms.append(p["from"])
        if p["from"] == p["to"]:
            chk.fail(("promotions", i, "to"), "must differ from `from`")
        if p["from"] in levels and doc["levels"][levels.index(p["from"])].get("not_scored"):
            chk.fail(("promotions", i, "from"), f"level {p['from']!r} is marked not_scored but has a promotion")
        for key in ("accelerated_years", "realistic_years"):
            if p[key]["max"] < p[key]["min"]:
                chk.fail(("promotions", i, key, "max"), "must be >= min")
        acc, real = p["accelerated_years"], p["realistic_years"]
        if acc["min"] > real["min"] or acc["max"] > real["max"]:
            chk.fail(("promotions", i, "accelerated_years"), "the accelerated window must not end or start after the realistic one")
        ids: list[str] = []
        for j, c in enumerate(p["criteria"]):
            at = ("promotions", i, "criteria", j)
            if c["id"] in ids:
                chk.fail(at + ("id",), f"duplicate criterion id {c['id']!r}")
            ids.append(c["id"])
            if c["weight"] <= 0:
                chk.fail(at + ("weight",), "must be > 0")
            if c["target"] <= 0:
                chk.fail(at + ("target",), "must be > 0")
            if c["signal"]["kind"] in ("last_rating", "others_promoted_instead"):
                chk.fail(at + ("signal", "kind"), "this signal kind is for symptoms only")
            _check_signal(chk, c["signal"], at + ("signal",))
    symptom_keys: list[tuple[str, str]] = []
    for i, s in enumerate(doc.get("symptoms", [])):
        if s["level"] not in levels:
            chk.fail(("symptoms", i, "level"), f"unknown level {s['level']!r}; declare it under levels")
        if (s["level"], s["id"]) in symptom_keys:
            chk.fail(("symptoms", i, "id"), f"duplicate symptom id {s['id']!r} for level {s['level']!r}")
        symptom_keys.append((s["level"], s["id"]))
        for j, cond in enumerate(s["when"]):
            _check_signal(chk, cond["signal"], ("symptoms", i, "when", j, "signal"))
    return chk.problems


def _signal(raw: dict) -> Signal:
    return Signal(
        kind=raw["kind"],
        filters={k: v for k, v in raw.items() if k not in ("kind", "any_of", "skills")},
        any_of=tuple(dict(g) for g in raw.get("any_of", [])),
        skills=tuple(raw.get("skills", [])),
    )


def _build(doc: dict, path: Path, sha: str) -> Rubric:
    tracks = tuple(
        Track(t["id"], t.get("title", t["id"]), t["scored"], t.get("not_scored_reason"), tuple(t.get("aliases", [])))
        for t in doc["tracks"]
    )
    by_track = {t.id: t for t in tracks}
    levels = []
    for rank, lv in enumerate(doc["levels"]):
        track = by_track[lv["track"]]
        ye, sb = lv.get("years_experience"), lv.get("salary_band")
        levels.append(
            Level(
                id=lv["id"],
                title=lv["title"],
                track=lv["track"],
                rank=rank,
                aliases=tuple(lv.get("aliases", [])),
                years_experience=(ye["min"], ye.get("max")) if ye else None,
                salary_band=(sb["min"], sb.get("max"), sb["currency"]) if sb else None,
                salary_bands=tuple((b["min"], b.get("max"), b["currency"].upper())
                                   for b in ([sb] if sb else []) + lv.get("salary_bands", [])),
                scored=track.scored and not lv.get("not_scored"),
                not_scored_reason=lv.get("not_scored") or (None if track.scored else track.not_scored_reason),
            )
        )
    promotions = tuple(
        Promotion(
            from_level=p["from"],
            to_level=p["to"],
            accelerated=Window(float(p["accelerated_years"]["min"]), float(p["accelerated_years"]["max"])),
            realistic=Window(float(p["realistic_years"]["min"]), float(p["realistic_years"]["max"])),
            criteria=tuple(
                Criterion(
                    c["id"], c["title"], c["ladder_quote"], _signal(c["signal"]),
                    float(c["target"]), float(c["weight"]), c["remedy"],
                )
                for c in p["criteria"]
            ),
        )
        for p in doc["promotions"]
    )
    symptoms = tuple(
        Symptom(
            level=s["level"],
            id=s["id"],
            title=s["title"],
            ladder_quote=s.get("ladder_quote", ""),
            when=tuple(Condition(_signal(c["signal"]), c.get("at_least"), c.get("at_most")) for c in s["when"]),
            remedies=tuple(s["remedies"]),
        )
        for s in doc.get("symptoms", [])
    )
    st = doc["statuses"]
    ev = doc.get("evidence", {})
    default = EvidenceRules()
    return Rubric(
        name=doc["name"],
        version=str(doc["version"]),
        path=path,
        sha256=sha,
        levels=tuple(levels),
        tracks=tracks,
        promotions=promotions,
        symptoms=symptoms,
        statuses=Thresholds(float(st["ready_score"]), float(st["watch_months_before_ceiling"]), float(st["watch_low_score"])),
        evidence=EvidenceRules(tuple(ev.get("project_statuses", default.project_statuses)),
                               tuple(ev.get("skill_sources", default.skill_sources))),
    )


def load_rubric(path: Path | str) -> Rubric:
    """Read, schema-check and semantically check a rubric file."""
    import jsonschema

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise RubricError(f"{path}: rubric file not found; check the --rubric path") from None
    text = data.decode("utf-8", errors="replace")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(f"{path}{where}: not valid YAML ({problem}); fix the syntax there") from None
    validator = jsonschema.Draft202012Validator(_schema())
    errors = list(validator.iter_errors(doc))
    if errors:
        first = min(errors, key=lambda e: (_line_of(root, list(e.absolute_path)), len(e.absolute_path)))
        parts = list(first.absolute_path)
        message = first.message
        if first.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown field(s)")
        raise RubricError(f"{path} line {_line_of(root, parts)}: {_format_path(parts)}: {message}")
    problems = _semantic_problems(doc)
    if problems:
        parts, message = min(problems, key=lambda p: _line_of(root, list(p[0])))
        raise RubricError(f"{path} line {_line_of(root, list(parts))}: {_format_path(parts)}: {message}")
    return _build(doc, path, hashlib.sha256(data).hexdigest())
