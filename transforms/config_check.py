"""Configuration files checked like the rubric: transforms/defaults/schema.json, then the checks a schema cannot say.

Every problem is one ConfigError line naming the file, the line, the key, the value and
the fix ("... line 12: unknown key max_bad_row_shar under [validate]; did you mean
max_bad_row_share?").
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from transforms.contract import KINDS
from transforms.package_files import package_file

SCHEMA_FILE = package_file("transforms", "defaults", "schema.json")
# A date every usable format writes and reads back unchanged; day 27 cannot pass for a month.
PROBE_DATE = date(2026, 11, 27)


class ConfigError(ValueError):
    """A configuration file is missing or wrong; the message names the file and the fix."""


@dataclass(frozen=True)
class ConfigSource:
    """One configuration file as read: its path, its text (for line numbers), its parsed table."""

    path: Path
    text: str
    doc: dict = field(default_factory=dict)


def _schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def toml_value(value) -> str:
    """A value written as TOML, for messages: "text", 0.2, ["a", "b"]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _where(parts, table: bool = False) -> str:
    """('validate', 'max_bad_row_share') -> '[validate] max_bad_row_share'; list items as key[1]; tables as [a.b]."""
    names = [p for p in parts if isinstance(p, str)]
    index = "".join(f"[{p}]" for p in parts[len(names):] if isinstance(p, int))
    if len(names) < 2 or table:
        return f"[{'.'.join(names)}]" + index
    return f"[{'.'.join(names[:-1])}] {names[-1]}{index}"


def _line(text: str, parts) -> int | None:
    """1-based line where the key (or table) at `parts` is written, or its nearest written parent."""
    want = [p for p in parts if isinstance(p, str)]
    table: list[str] = []
    best, best_len = None, 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith(("'", '"')) else raw.strip()
        if header := re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]", line):
            table = [part.strip().strip('"') for part in header.group(1).split(".")]
            path = table
        elif key := re.match(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""", line):
            path = [*table, key.group(1).strip("\"'")]
        else:
            continue
        common = 0
        while common < min(len(path), len(want)) and path[common] == want[common]:
            common += 1
        if common == len(path) and common > best_len:
            best, best_len = number, common
            if common == len(want):
                return best
    return best


def _at(source: ConfigSource, parts) -> str:
    line = _line(source.text, parts)
    return f"{source.path} line {line}" if line else str(source.path)


def _nearest(name: str, known, shape: str = "{}") -> str:
    """'did you mean X?' for the closest known name, else the list of known names."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {shape.format(close[0])}?"
    return "known: " + ", ".join(shape.format(k) for k in sorted(known))


def _node(schema: dict, parts) -> dict:
    """The schema of the value at `parts` (list items share their list's schema)."""
    node = schema
    for part in parts:
        if isinstance(part, int):
            continue
        props = node.get("properties", {})
        nxt = props.get(part, node.get("additionalProperties"))
        if not isinstance(nxt, dict):
            return {}
        if "$ref" in nxt:
            nxt = schema["$defs"][nxt["$ref"].rsplit("/", 1)[1]]
        node = nxt
    return node


def _fix(key: str, node: dict, value) -> str:
    """`write key = <example>`: the user's own text in a list when a list was expected."""
    example = (node.get("examples") or [None])[0]
    if node.get("type") == "array" and isinstance(value, str) and value:
        example = [value]
    elif node.get("type") == "number" and isinstance(value, str):
        try:
            number = float(value.strip().rstrip("%"))
            example = number / 100 if value.strip().endswith("%") else number
        except ValueError:
            pass
    return f"write {key} = {toml_value(example)}" if example is not None else "fix that value"


def _schema_message(error, source: ConfigSource, schema: dict) -> str:
    parts = list(error.absolute_path)
    if error.validator == "additionalProperties" and error.validator_value is False:
        known = error.schema.get("properties", {})
        unknown = sorted(set(error.instance) - set(known))[0]
        at = _at(source, [*parts, unknown])
        if not parts:
            return f"{at}: unknown section [{unknown}]; {_nearest(unknown, known, '[{}]')}"
        return f"{at}: unknown key {unknown} under {_where(parts)}; {_nearest(unknown, known)}"
    key_parts = [p for p in parts if isinstance(p, str)]
    node = _node(schema, parts)
    if error.validator == "type" and error.validator_value == "object":
        noun = "a table" if len(key_parts) < 2 else "a table of keys"
        hint = f": {node['description']}" if node.get("description") else ""
        return f"{_at(source, parts)}: {_where(parts)} must be {noun}, not {toml_value(error.instance)}{hint}"
    key = key_parts[-1] if key_parts else "?"
    value_node = _node(schema, key_parts)  # the key's own schema: its description and example
    expected = value_node.get("description") or node.get("description") or error.message
    whole = _value(source.doc, key_parts)
    return (
        f"{_at(source, parts)}: {_where(parts)} = {toml_value(error.instance)} is not "
        f"{expected}; {_fix(key, value_node, whole)}"
    )


def check_schema(doc: dict, source: ConfigSource) -> None:
    """Raise ConfigError for the first schema problem of one file (in file order)."""
    import jsonschema

    schema = _schema()
    source = ConfigSource(source.path, source.text, doc)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    if errors:
        first = min(errors, key=lambda e: (_line(source.text, list(e.absolute_path)) or 0, -len(e.absolute_path)))
        raise ConfigError(_schema_message(first, source, schema))


def date_format_problem(fmt: str) -> str | None:
    """Why a strftime pattern cannot read a whole date (None when it can, in Python and DuckDB)."""
    import duckdb

    try:
        written = PROBE_DATE.strftime(fmt)
        if datetime.strptime(written, fmt).date() != PROBE_DATE:
            return "cannot read a whole date (it needs a year, a month and a day, like \"%d/%m/%Y\")"
    except ValueError as exc:
        return f"is not a strftime pattern ({exc})"
    try:
        con = duckdb.connect()
        try:
            got = con.execute("select strptime(?, ?)::date", [written, fmt]).fetchone()[0]
        finally:
            con.close()
    except duckdb.Error:
        return "uses a directive DuckDB cannot read; use %Y %m %d %y %b %B and literal text"
    if got != PROBE_DATE:
        return "reads a different date in DuckDB; use %Y %m %d %y %b %B and literal text"
    return None


def _pinned_format_problems(parts: tuple, formats: list[str]):
    """Each pinned format reads a whole date; one list never holds a format and its day/month swap."""
    for i, fmt in enumerate(formats):
        if problem := date_format_problem(fmt):
            yield (*parts, i), f"= {toml_value(fmt)} {problem}"
        swapped = fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        if swapped != fmt and swapped in formats[:i]:
            yield (*parts, i), (
                f"= {toml_value(fmt)} is the day/month swap of {toml_value(swapped)} in the same list, which is a guess "
                "between day-first and month-first; keep the one this source writes"
            )


def _value_problems(raw: dict):
    """(parts, problem) for what the schema cannot say: formats, encodings, zones, alias targets."""
    for table in ("date_formats", "date_formats_by_name"):
        for key, formats in raw.get("ingest", {}).get(table, {}).items():
            if table == "date_formats" and key not in KINDS:
                yield ("ingest", table, key), f"is not an export kind; {_nearest(key, KINDS)}"
                continue
            yield from _pinned_format_problems(("ingest", table, key), formats)
    for i, name in enumerate(raw.get("ingest", {}).get("fallback_encodings", [])):
        try:
            codecs.lookup(name)
        except LookupError:
            yield ("ingest", "fallback_encodings", i), f"= {toml_value(name)} is not a known text encoding; use e.g. \"cp1252\""
    cal = raw.get("calendar", {})
    if "timezone" in cal:
        try:
            ZoneInfo(cal["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            yield ("calendar", "timezone"), f"= {toml_value(cal['timezone'])} is not a known time zone; use an IANA name like \"Europe/Berlin\""
    for i, text in enumerate(cal.get("dates", [])):
        try:
            date.fromisoformat(text)
        except ValueError:
            yield ("calendar", "dates", i), f"= {toml_value(text)} is not a calendar date; write it as \"YYYY-MM-DD\""
    every_column = {c for kind in KINDS.values() for c in kind.names}
    for kind, table in raw.get("header_aliases", {}).items():
        if kind != "any" and kind not in KINDS:
            yield ("header_aliases", kind), f"is not an export kind; {_nearest(kind, ['any', *KINDS])}"
            continue
        columns = every_column if kind == "any" else set(KINDS[kind].names)
        for canonical in table:
            if canonical not in columns:
                yield (
                    ("header_aliases", kind, canonical),
                    f"is not a column of {'any export kind' if kind == 'any' else kind}; {_nearest(canonical, columns)}",
                )


def check_values(raw: dict, sources: list[ConfigSource]) -> None:
    """Raise ConfigError for the first value problem of the merged settings, naming the file that set it."""
    for parts, problem in _value_problems(raw):
        source = next((s for s in sources if _has(s.doc, parts)), sources[-1])
        table = isinstance(_value(raw, parts), dict)
        raise ConfigError(f"{_at(source, parts)}: {_where(parts, table)} {problem}")


_MISSING = object()


def _value(doc, parts):
    """The value at `parts` in a parsed file, or _MISSING."""
    node = doc
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return _MISSING
    return node


def _has(doc: dict, parts) -> bool:
    return _value(doc, parts) is not _MISSING
