"""What the reports need from the rubric: level order and titles, and the promotion windows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Window:
    """Years in level at which the ladder expects a promotion to `to_level`."""

    from_level: str
    to_level: str
    accelerated_min: float
    accelerated_max: float
    realistic_min: float
    realistic_max: float

    def position(self, years_in_level: float | None) -> str:
        """Where `years_in_level` falls against the window, in words."""
        if years_in_level is None:
            return "unknown"
        if years_in_level < self.accelerated_min:
            return "early"
        if years_in_level < self.realistic_min:
            return "accelerated window"
        if years_in_level <= self.realistic_max:
            return "realistic window"
        return "past the ceiling"

    def years_past_ceiling(self, years_in_level: float | None) -> float | None:
        """Years beyond the realistic maximum (None when not past it)."""
        if years_in_level is None or years_in_level <= self.realistic_max:
            return None
        return years_in_level - self.realistic_max


def _get(obj, name):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _range(promo, kind: str) -> tuple[float, float]:
    """(min, max) of the accelerated or realistic years of a promotion, whatever its shape."""
    value = _get(promo, f"{kind}_years") or _get(promo, kind)
    if value is not None:
        if isinstance(value, (tuple, list)):
            return float(value[0]), float(value[1])
        lo = _get(value, "min") if _get(value, "min") is not None else _get(value, "low")
        hi = _get(value, "max") if _get(value, "max") is not None else _get(value, "high")
        return float(lo), float(hi)
    return float(_get(promo, f"{kind}_min")), float(_get(promo, f"{kind}_max"))


def level_ids(rubric) -> list[str]:
    """Level ids in ladder order."""
    levels = _get(rubric, "levels") or []
    if isinstance(levels, dict):
        return list(levels)
    return [_get(level, "id") for level in levels]


def level_titles(rubric) -> dict[str, str]:
    """Level id -> title as the ladder words it."""
    levels = _get(rubric, "levels") or []
    items = levels.values() if isinstance(levels, dict) else levels
    return {_get(level, "id"): (_get(level, "title") or _get(level, "id")) for level in items}


def promotion_windows(rubric) -> dict[str, Window]:
    """From-level id -> its promotion window, for every level the ladder promotes from."""
    windows: dict[str, Window] = {}
    for level in level_ids(rubric):
        try:
            promo = rubric.promotion(level)
        except (KeyError, LookupError, ValueError):
            promo = None
        if promo is None:
            continue
        acc, real = _range(promo, "accelerated"), _range(promo, "realistic")
        to_level = _get(promo, "to_level") or _get(promo, "to") or _get(promo, "target")
        windows[level] = Window(level, str(to_level), acc[0], acc[1], real[0], real[1])
    return windows


def rubric_file_label(path) -> str:
    """The rubric file as reports name it: its file name only (no machine paths in outputs)."""
    return Path(str(path)).name if path else "unknown"
