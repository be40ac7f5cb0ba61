"""Source headers -> canonical contract columns, and the kind a header describes."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.config import Settings, normalise_header
from transforms.contract import KINDS


@dataclass(frozen=True)
class HeaderMap:
    """How one file's header maps onto a kind: source position -> canonical column."""

    kind: str
    columns: dict[int, str]           # source column index -> canonical name
    ignored: tuple[str, ...]          # source headers outside the contract
    missing: tuple[str, ...]          # required canonical columns the header lacks
    repeated: tuple[str, ...] = ()    # "'Manager ID' (column 3) and 'manager_id' (column 5) are both manager_id"


def lookup_for(kind: str, settings: Settings) -> dict[str, str]:
    """Normalised header -> canonical column of `kind`; the kind's own column names always win."""
    names = set(KINDS[kind].names)
    lookup = {v: c for v, c in settings.aliases_for(kind).items() if c in names}
    lookup.update({normalise_header(c): c for c in names})
    return lookup


def map_header(headers: list[str], kind: str, settings: Settings) -> HeaderMap:
    """Map each source header to a canonical column; a column mapped twice is listed in `repeated`
    (the first source column is kept in `columns`, but such a file is refused: the two may disagree)."""
    lookup = lookup_for(kind, settings)
    columns: dict[int, str] = {}
    first_of: dict[str, int] = {}
    ignored: list[str] = []
    repeated: list[str] = []
    for index, header in enumerate(headers):
        canonical = lookup.get(normalise_header(header))
        if canonical is None:
            ignored.append(str(header) if str(header).strip() else f"(blank header, column {index + 1})")
        elif canonical in first_of:
            first = first_of[canonical]
            repeated.append(
                f"{headers[first]!r} (column {first + 1}) and {header!r} (column {index + 1}) are both {canonical}"
            )
        else:
            columns[index] = canonical
            first_of[canonical] = index
    missing = tuple(c for c in KINDS[kind].required if c not in columns.values())
    return HeaderMap(kind, columns, tuple(ignored), missing, tuple(repeated))


def kind_from_header(headers: list[str], settings: Settings) -> str | None:
    """The kind whose required columns are all present; on a tie, the one matching most columns."""
    complete = []
    for order, kind in enumerate(KINDS):
        mapped = map_header(headers, kind, settings)
        if not mapped.missing:
            complete.append((-len(mapped.columns), order, kind))
    return min(complete)[2] if complete else None
