"""Text -> declared type, as DuckDB expressions: the one place raw text gets a type.

Every cast is paired with a `<column>__parses` flag (true when the value is empty or the
cast worked), so a value that does not parse becomes a failed check, never a silent NULL.
"""

from __future__ import annotations

from transforms.contract import Column
from transforms.sql_files import sql_literal

# Spellings accepted for the contract's bool columns (compared lower-cased).
TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")


def human_date_formats(date_formats: tuple[str, ...]) -> str:
    """strftime formats as people write them: ('%Y-%m-%d', '%d.%m.%Y') -> 'YYYY-MM-DD or DD.MM.YYYY'."""
    words = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%y": "YY", "%b": "Mon", "%B": "Month"}
    out = []
    for fmt in date_formats:
        for code, word in words.items():
            fmt = fmt.replace(code, word)
        out.append(fmt)
    return " or ".join(out)


def cleaned_text(column: str) -> str:
    """The raw value trimmed, with empty text as NULL (empty cells mean 'not given')."""
    return f'nullif(trim("{column}"), \'\')'


def typed_value(col: Column, date_formats: tuple[str, ...]) -> str:
    """The column's value in its declared type; NULL when empty or unparseable."""
    v = cleaned_text(col.name)
    if col.type == "date":
        fmts = "[" + ", ".join(sql_literal(f) for f in date_formats) + "]"
        return f"cast(try_strptime({v}, {fmts}) as date)"
    if col.type == "int":
        # '3' and '3.0' (spreadsheets) are whole numbers; '3.5' is not.
        return (
            f"case when try_cast({v} as double) = round(try_cast({v} as double)) "
            f"and abs(try_cast({v} as double)) < 2147483647 then cast(try_cast({v} as double) as integer) end"
        )
    if col.type == "decimal":
        return f"try_cast({v} as decimal(18,2))"
    if col.type == "bool":
        trues = ", ".join(sql_literal(w) for w in TRUE_WORDS)
        falses = ", ".join(sql_literal(w) for w in FALSE_WORDS)
        return f"case when lower({v}) in ({trues}) then true when lower({v}) in ({falses}) then false end"
    if col.values is not None:
        return f"lower({v})"  # enumerations compare case-insensitively; stored lower-case
    return v


def parses_flag(col: Column, date_formats: tuple[str, ...]) -> str:
    """True when the value is empty (a separate check) or casts to the declared type."""
    return f"({cleaned_text(col.name)} is null or {typed_value(col, date_formats)} is not null)"
