"""What the reports need from the rubric: level order and titles, and the promotion windows."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.rubric import Rubric


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


def level_ids(rubric: Rubric) -> list[str]:
    """Level ids in ladder order."""
    return list(rubric.level_ids)


def level_titles(rubric: Rubric) -> dict[str, str]:
    """Level id -> title as the ladder words it."""
    return {lv.id: lv.title for lv in rubric.levels}


def promotion_windows(rubric: Rubric) -> dict[str, Window]:
    """From-level id -> its promotion window, for every level the ladder promotes from (ladder order)."""
    windows: dict[str, Window] = {}
    for level in rubric.level_ids:
        promo = rubric.promotion(level)
        if promo is not None:
            acc, real = promo.accelerated, promo.realistic
            windows[level] = Window(level, promo.to_level, acc.min, acc.max, real.min, real.max)
    return windows
