"""Inline SVG charts as geometry: Python places the shapes, a template draws them (no scripts)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from transforms.report.ladder import Window

PX_PER_YEAR = 84
BIN_YEARS = 0.25  # engineers within a quarter year share a stack of dots
DOT_PITCH = 7
MAX_STACK = 6  # dots per stack; more are summarised as "+N" so the chart stays small at any org size
LEFT = 170
BAND_GAP = 10
PLOTTED_STATUSES = ("ready", "on_track", "watch", "stuck")


@dataclass
class Shape:
    kind: str  # rect | circle | line | text
    css: str
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    r: float = 0
    x2: float = 0
    y2: float = 0
    text: str = ""
    anchor: str = "start"
    tip: str = ""  # shown as an SVG <title> (hover text), escaped by the template


@dataclass
class Chart:
    width: float
    height: float
    title: str
    shapes: list[Shape] = field(default_factory=list)


MAX_AXIS_YEARS = 15
LAST_BIN = int(MAX_AXIS_YEARS / BIN_YEARS) - 1  # the widest axis's last bin; narrower axes merge into theirs


@dataclass
class Dot:
    """One engineer drawn on the years-in-level chart."""

    employee_id: str
    name: str | None
    status: str
    years_in_level: float


def _axis_years(longest: float, windows: dict[str, Window]) -> int:
    ceiling = max((w.realistic_max for w in windows.values()), default=5)
    return int(min(max(math.ceil(ceiling) + 2, math.ceil(longest + 0.01)), MAX_AXIS_YEARS))


def _dot_order(d: Dot):
    return PLOTTED_STATUSES.index(d.status), d.name or "", d.employee_id


def chart_stacks(engineers, windows: dict[str, Window]) -> tuple[dict[str, dict[int, tuple[list[Dot], int]]], float]:
    """(level -> bin -> (first MAX_STACK dots, engineers in the bin), longest years) of the plotted engineers."""
    bins: dict[str, dict[int, list[Dot]]] = defaultdict(lambda: defaultdict(list))
    longest = 0.0
    for e in engineers:
        if e.status in PLOTTED_STATUSES and e.window and e.years_in_level is not None and e.level in windows:
            b = min(int(e.years_in_level / BIN_YEARS), LAST_BIN)
            bins[e.level][b].append(Dot(e.employee_id, e.name, e.status, e.years_in_level))
            longest = max(longest, e.years_in_level)
    stacks = {
        level: {b: (sorted(dots, key=_dot_order)[:MAX_STACK], len(dots)) for b, dots in by_bin.items()}
        for level, by_bin in bins.items()
    }
    return stacks, longest


def years_in_level_chart(engineers, windows: dict[str, Window], level_order, level_titles, title: str) -> Chart | None:
    """Years in level of every scored engineer against the ladder window of their level."""
    stacks, longest = chart_stacks(engineers, windows)
    return stacked_chart(stacks, longest, windows, level_order, level_titles, title)


def stacked_chart(stacks, longest: float, windows: dict[str, Window], level_order, level_titles, title: str) -> Chart | None:
    """The years-in-level chart from binned dots: level -> bin -> (first dots, engineers in the bin)."""
    levels = [lv for lv in level_order if lv in windows and stacks.get(lv)]
    if not levels:
        return None
    years = _axis_years(longest, windows)
    band_h = MAX_STACK * DOT_PITCH + 18
    top = 8
    plot_w = years * PX_PER_YEAR
    height = top + len(levels) * (band_h + BAND_GAP) + 28
    chart = Chart(LEFT + plot_w + 20, height, title)
    x = lambda t: LEFT + min(t, years) * PX_PER_YEAR  # noqa: E731
    last_bin = int(years / BIN_YEARS) - 1
    for i, level in enumerate(levels):
        w = windows[level]
        y0 = top + i * (band_h + BAND_GAP)
        chart.shapes.append(Shape("rect", "band", x=LEFT, y=y0, w=plot_w, h=band_h))
        chart.shapes.append(
            Shape("rect", "win-real", x=x(w.realistic_min), y=y0, w=x(w.realistic_max) - x(w.realistic_min), h=band_h,
                  tip=f"realistic window {w.realistic_min:g}-{w.realistic_max:g} years")
        )
        chart.shapes.append(
            Shape("rect", "win-acc", x=x(w.accelerated_min), y=y0, w=x(w.accelerated_max) - x(w.accelerated_min), h=band_h / 3,
                  tip=f"accelerated window {w.accelerated_min:g}-{w.accelerated_max:g} years")
        )
        chart.shapes.append(
            Shape("rect", "win-past", x=x(w.realistic_max), y=y0, w=LEFT + plot_w - x(w.realistic_max), h=band_h,
                  tip=f"past the realistic ceiling of {w.realistic_max:g} years")
        )
        label = f"{level_titles.get(level, level)}"
        chart.shapes.append(Shape("text", "band-label", x=LEFT - 8, y=y0 + band_h / 2, text=label, anchor="end"))
        chart.shapes.append(
            Shape("text", "band-sub", x=LEFT - 8, y=y0 + band_h / 2 + 13, text=f"to {level_titles.get(w.to_level, w.to_level)}", anchor="end")
        )
        merged: dict[int, tuple[list[Dot], int]] = {}
        for b, (dots, size) in stacks[level].items():
            b = min(b, last_bin)  # tenure beyond the axis piles up in its last bin
            if b in merged:
                dots, size = sorted(merged[b][0] + dots, key=_dot_order)[:MAX_STACK], merged[b][1] + size
            merged[b] = (dots, size)
        for b, (dots, size) in sorted(merged.items()):
            cx = LEFT + (b + 0.5) * BIN_YEARS * PX_PER_YEAR
            for k, d in enumerate(dots):
                chart.shapes.append(
                    Shape("circle", f"dot st-{d.status}", x=cx, y=y0 + band_h - 6 - k * DOT_PITCH, r=3,
                          tip=f"{d.name} ({d.employee_id}): {d.years_in_level:.1f} years, {d.status.replace('_', ' ')}")
                )
            if size > MAX_STACK:
                chart.shapes.append(Shape("text", "more", x=cx, y=y0 + 9, text=f"+{size - MAX_STACK}", anchor="middle"))
    axis_y = top + len(levels) * (band_h + BAND_GAP)
    for t in range(years + 1):
        chart.shapes.append(Shape("line", "grid", x=x(t), y=top, x2=x(t), y2=axis_y))
        chart.shapes.append(Shape("text", "tick", x=x(t), y=axis_y + 14, text=f"{t}" + ("+" if t == years else ""), anchor="middle"))
    chart.shapes.append(Shape("text", "axis-label", x=LEFT + plot_w / 2, y=axis_y + 27, text="years in current level", anchor="middle"))
    return chart


WINDOW_BAR_WIDTH = 340
# Colours of a window bar's background as SVG attributes: a <use> copy of a <symbol> is not reached
# by the page's CSS classes (the same colours as base.html.j2's svg .band / .win-* rules).
WINDOW_FILLS = {"band": "#f1f3f6", "win-real": "#cfe3f7", "win-acc": "#b9e4c6", "win-past": "#f8d7d3", "tick": "#5b6475"}


def _window_scale(w: Window, width: int):
    """Axis years and the x of a number of years on a level's window bar (a fixed axis per level)."""
    years = math.ceil(w.realistic_max) + 2
    scale = (width - 20) / years
    return years, lambda v: 10 + min(v, years) * scale


def window_axis(w: Window, width: int = WINDOW_BAR_WIDTH) -> Chart:
    """A level's promotion windows on a years axis: the background of every window bar of that level."""
    years, x = _window_scale(w, width)
    chart = Chart(width, 40, f"the {w.from_level} to {w.to_level} window")
    chart.shapes += [
        Shape("rect", "band", x=10, y=4, w=width - 20, h=18),
        Shape("rect", "win-real", x=x(w.realistic_min), y=4, w=x(w.realistic_max) - x(w.realistic_min), h=18,
              tip=f"realistic {w.realistic_min:g}-{w.realistic_max:g} years"),
        Shape("rect", "win-acc", x=x(w.accelerated_min), y=4, w=x(w.accelerated_max) - x(w.accelerated_min), h=6,
              tip=f"accelerated {w.accelerated_min:g}-{w.accelerated_max:g} years"),
        Shape("rect", "win-past", x=x(w.realistic_max), y=4, w=width - 10 - x(w.realistic_max), h=18,
              tip=f"past the ceiling of {w.realistic_max:g} years"),
    ]
    for v in range(0, years + 1):  # tenure beyond the axis is drawn at its end, hence "N+"
        chart.shapes.append(Shape("text", "tick", x=x(v), y=36, text=f"{v}" + ("+" if v == years else ""), anchor="middle"))
    return chart


def window_marker(engineer, width: int = WINDOW_BAR_WIDTH) -> Shape | None:
    """One engineer's years in level as a marker line over their level's window_axis."""
    w, t = engineer.window, engineer.years_in_level
    if w is None or t is None:
        return None
    _, x = _window_scale(w, width)
    return Shape("line", f"marker st-{engineer.status}", x=x(t), y=1, x2=x(t), y2=25,
                 tip=f"{t:.1f} years in level against the {w.from_level} to {w.to_level} window")


def window_bar(engineer, width: int = WINDOW_BAR_WIDTH) -> Chart | None:
    """One engineer's years in level as a marker on their level's window, as one chart."""
    marker = window_marker(engineer, width)
    if marker is None:
        return None
    chart = window_axis(engineer.window, width)
    chart.title = marker.tip
    chart.shapes.append(marker)
    return chart
