"""CSV outputs that a spreadsheet opens safely and that never carry a sensitive column."""

from __future__ import annotations

import csv
import io
import re

from transforms.contract import SENSITIVE_COLUMNS

# A spreadsheet runs a cell starting with these as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet shows as text: formula-like values get a leading single quote."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _cell(value, kind: str):
    if value is None:
        return ""
    if kind == "number":
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else float(value)
    if kind == "bool":
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return neutralise(str(value))


def csv_text(columns: list[tuple[str, str]], rows: list[dict]) -> str:
    """CSV with a header; `columns` are (name, kind) with kind text | number | bool."""
    leaked = {name for name, _ in columns} & set(SENSITIVE_COLUMNS)
    if leaked:
        raise ValueError(f"report CSV: sensitive column(s) {sorted(leaked)} must not be written")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([_cell(row.get(name), kind) for name, kind in columns])
    return buf.getvalue()


_SENSITIVE_MENTION = re.compile("|".join(re.escape(c) for c in SENSITIVE_COLUMNS), re.IGNORECASE)


def redact_sensitive(reason: str | None) -> str | None:
    """A quarantine reason with every sentence about a sensitive column replaced (it may quote the value)."""
    if reason is None:
        return None
    parts = []
    for sentence in reason.split("; "):
        match = _SENSITIVE_MENTION.search(sentence)
        parts.append(f"{match.group(0).lower()} failed a check (value withheld)" if match else sentence)
    return "; ".join(parts)
