"""The one way every stage reads its .sql files and fills their placeholders.

A placeholder is `{{name}}` (double braces, so SQL's own braces need no escaping); it is
replaced by generated SQL text, never by a user's value (values go in as parameters,
`$name`, or through `sql_literal`).
"""

from __future__ import annotations

import re
from importlib.resources import files

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def sql_text(package: str, name: str, **parts: str) -> str:
    """The text of `name`.sql in `package` (e.g. "transforms.model", "roster"; name may hold a
    folder, "sql/fates"), with every `{{part}}` filled in one pass; a placeholder not given raises."""
    text = files(package).joinpath(*f"{name}.sql".split("/")).read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        if match.group(1) not in parts:
            raise KeyError(f"{package} {name}.sql: placeholder {{{{{match.group(1)}}}}} was not given")
        return parts[match.group(1)]

    return PLACEHOLDER.sub(fill, text)


def sql_literal(value: object) -> str:
    """A single-quoted SQL string literal (single quotes doubled)."""
    return "'" + str(value).replace("'", "''") + "'"
