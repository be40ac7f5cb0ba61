"""File names for ids that come from HR exports (a manager id may hold any character)."""

from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")


def safe_file_stem(identifier: str) -> str:
    """`identifier` when it is a plain name, else a slug plus a hash of the original (collision-free)."""
    text = str(identifier)
    if _SAFE.match(text):
        return text
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")[:60] or "id"
    return f"{slug}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}"


def safe_file_stems(identifiers) -> dict[str, str]:
    """A file stem per id, unique even on case-insensitive file systems."""
    stems = {i: safe_file_stem(i) for i in identifiers}
    seen: dict[str, int] = {}
    for stem in stems.values():
        seen[stem.lower()] = seen.get(stem.lower(), 0) + 1
    for ident, stem in stems.items():
        if seen[stem.lower()] > 1:
            stems[ident] = f"{stem}-{hashlib.sha256(str(ident).encode('utf-8')).hexdigest()[:10]}"
    return stems
