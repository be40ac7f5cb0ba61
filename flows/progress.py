"""Terminal progress for long runs: one line per stage with counts. Wiring only."""

from __future__ import annotations

import time

from rich.console import Console

console = Console(stderr=True, highlight=False, soft_wrap=True)
_t0 = [time.perf_counter()]


def reset_clock() -> None:
    _t0[0] = time.perf_counter()


def stage(name: str, detail: str) -> None:
    """Print `[  1.2s] name  detail` for a finished stage."""
    console.print(f"[dim][{time.perf_counter() - _t0[0]:6.1f}s][/dim] [bold]{name:<10}[/bold] {detail}")


class StageClock:
    """Seconds per stage of one run, for the run record (the printed lines are for people)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, name: str) -> float:
        """Add the time since the previous lap to stage `name`; returns it."""
        now = time.perf_counter()
        spent, self._mark = now - self._mark, now
        self.seconds[name] = round(self.seconds.get(name, 0.0) + spent, 3)
        return spent
