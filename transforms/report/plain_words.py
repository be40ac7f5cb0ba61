"""Validation check names (quarantine.checks) as sentences a manager reads; never a row's value."""

from __future__ import annotations

from transforms.contract import SENSITIVE_COLUMNS

# Checks that look beyond one value: said whole.
WHOLE = {
    "duplicate_employee_id": "the same employee id appears more than once in the roster",
    "manager_exists": "their manager's id is not an employee of this roster",
    "manager_name_known": "their manager's name matches nobody in this roster",
    "manager_name_unique": "their manager's name matches more than one person in this roster",
    "no_management_cycle": "their reporting line loops back on itself",
    "level_known": "their level is not a level of the career ladder",
    "track_known": "their track is not a track of the career ladder",
    "level_start_not_before_hire": "their level start date is before their hire date",
    "end_not_before_start": "the project ends before it starts",
    "employee_known": "the employee id is not in the people snapshot",
    "file_rejected": "its whole file was rejected",
    "unparseable_row": "the line could not be read",
}
# Checks named <column>_<suffix>: the column in words, then what is wrong with it.
SUFFIXES = {
    "_required": "is missing",
    "_well_formed": "is not a well-formed id",
    "_is_date": "is not a date",
    "_is_whole_number": "is not a whole number",
    "_is_number": "is not a number",
    "_is_true_false": "is not yes or no",
    "_not_after_as_of": "is after the export date",
    "_in_range": "is outside its scale",
    "_valid": "is not one of the allowed values",
}


def plain_check(check: str) -> str:
    """One failed check in plain words; a confidential column is not named."""
    if check in WHOLE:
        return WHOLE[check]
    for suffix, words in SUFFIXES.items():
        if check.endswith(suffix):
            column = check[: -len(suffix)]
            if column in SENSITIVE_COLUMNS:
                return "a confidential field could not be read (the people team can see which)"
            return f"{column.replace('_', ' ')} {words}"
    return check.replace("_", " ")


def plain_checks(checks: list[str]) -> str:
    """Every failed check of a row in plain words, each once, joined by '; '."""
    return "; ".join(dict.fromkeys(plain_check(c) for c in checks))
