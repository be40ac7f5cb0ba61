"""Statuses in words for the pages: the glossary from the rubric's thresholds, and one line per engineer."""

from __future__ import annotations

from transforms.report.facts import Engineer
from transforms.rubric import Thresholds


def span(years: float | None) -> str:
    """A duration in years as a person says it, to the month ("1 year 3 months", "under a month")."""
    if years is None:
        return "–"
    months = round(abs(years) * 12)
    if months == 0:
        return "under a month"
    y, m = divmod(months, 12)
    parts = ([f"{y} year{'s' if y != 1 else ''}"] if y else []) + ([f"{m} month{'s' if m != 1 else ''}"] if m else [])
    return " ".join(parts)


def _n(value: float) -> str:
    return f"{value:g}"


def _score(score: float, threshold: float) -> str:
    """A score to one decimal (no ".0"); two when one would round it onto the threshold it misses."""
    text = f"{score:.1f}".removesuffix(".0")
    if float(text) == threshold and score != threshold:
        text = f"{score:.2f}"
    return text


def glossary(thresholds: Thresholds) -> list[tuple[str, str]]:
    """(status, meaning) of every status, with this rubric's thresholds."""
    t = thresholds
    return [
        ("ready", f"score at least {_n(t.ready_score)} and at least the accelerated minimum of years in level "
                  "(accelerated: still under the realistic minimum)"),
        ("watch", f"not ready, and within {_n(t.watch_months_before_ceiling)} months of the realistic maximum, "
                  f"or past the realistic minimum with a score under {_n(t.watch_low_score)}"),
        ("stuck", "not ready and longer in level than the realistic maximum (the ceiling)"),
        ("on_track", "every other scored engineer"),
        ("not_scored", "no next level in the ladder, a track the ladder does not score, "
                       "or no evidence export loaded for the criteria; the reason is given"),
    ]


def status_why(e: Engineer, thresholds: Thresholds) -> str:
    """Why `e` has their status, in one line ("watch: 4.7 years in level, 3 months from the 5-year ceiling, score 55 < 80")."""
    label = e.status.replace("_", " ")
    if e.status == "not_scored" or e.window is None or e.years_in_level is None or e.readiness_score is None:
        return f"{label}: {e.not_scored_reason or 'no promotion window in the ladder'}"
    w, t, s, ready = e.window, e.years_in_level, e.readiness_score, thresholds.ready_score
    years = f"{t:.1f} years in level"
    score = f"score {_score(s, ready)}"
    if e.status == "ready":
        if e.accelerated:
            return f"{label}: {score} ≥ {_n(ready)}, {years}, accelerated (under the {_n(w.realistic_min)}-year realistic minimum)"
        return f"{label}: {score} ≥ {_n(ready)}, {years} (accelerated minimum {_n(w.accelerated_min)})"
    if t > w.realistic_max:
        return f"{label}: {years}, {span(t - w.realistic_max)} past the {_n(w.realistic_max)}-year ceiling, {score} < {_n(ready)}"
    to_ceiling = f"{span(w.realistic_max - t)} from the {_n(w.realistic_max)}-year ceiling"
    if e.status == "watch" and t < w.realistic_max - thresholds.watch_months_before_ceiling / 12:
        low = thresholds.watch_low_score
        return f"{label}: {years}, past the {_n(w.realistic_min)}-year realistic minimum, score {_score(s, low)} < {_n(low)}"
    if e.status == "watch":
        return f"{label}: {years}, {to_ceiling}, {score} < {_n(ready)}"
    if s >= ready:
        return f"{label}: {score} ≥ {_n(ready)} but {years}, under the {_n(w.accelerated_min)}-year accelerated minimum"
    return f"{label}: {years}, {to_ceiling}, {score} < {_n(ready)}"
