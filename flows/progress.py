"""The one place the command line prints: the summary to stdout, progress, warnings and errors to stderr.

Every message is plain text printed as a rich Text object, so user-supplied strings (file
names like `skills_[draft].csv`, values, configuration text such as "[header_aliases]")
are shown as written and never read as rich markup. Long stages show live progress
(StageProgress). Wiring only.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

console = Console(stderr=True, highlight=False, soft_wrap=True)  # progress, warnings, errors
out = Console(highlight=False, soft_wrap=True)  # the end-of-run summary (stdout, for scripts)
_t0 = [time.perf_counter()]


def reset_clock() -> None:
    _t0[0] = time.perf_counter()


def stage(name: str, detail: str) -> None:
    """Print `[  1.2s] name  detail` for a finished stage (stderr)."""
    line = Text(f"[{time.perf_counter() - _t0[0]:6.1f}s] ", style="dim")
    line.append(f"{name:<10}", style="bold").append(f" {detail}")
    console.print(line)


def info(message: str) -> None:
    """A progress line (stderr)."""
    console.print(Text(message))


def warn(message: str) -> None:
    """A warning: something the user should read, the run goes on (stderr)."""
    console.print(Text(message, style="yellow"))


def error(message: str) -> None:
    """`error: ...` for a problem that stops the command (stderr)."""
    console.print(Text(f"error: {message}", style="red"))


def summary(message: str, style: str | None = None) -> None:
    """One line of the end-of-run summary (stdout)."""
    out.print(Text(message, style=style or ""))


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


class StageProgress:
    """Live progress inside a long stage: a Rich bar per step on a terminal, else a plain line every few seconds.

    Called as `progress(step, done, total)`; transforms/ receives it as a plain callback.
    """

    def __init__(self, name: str, every_s: float = 5.0):
        self.name, self.every_s = name, every_s
        self._bar: Progress | None = None
        self._tasks: dict[str, int] = {}
        self._printed: dict[str, float] = {}

    def __enter__(self) -> "StageProgress":
        if console.is_terminal:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, transient=True)
            self._bar.start()
        return self

    def __call__(self, step: str, done: int, total: int) -> None:
        if self._bar is not None:
            if step not in self._tasks:
                self._tasks[step] = self._bar.add_task(f"{self.name} {step}", total=total)
            self._bar.update(self._tasks[step], completed=done, total=total)
            return
        now = time.perf_counter()
        if done >= total or step not in self._printed or now - self._printed[step] >= self.every_s:
            self._printed[step] = now
            line = Text(f"[{now - _t0[0]:6.1f}s] ", style="dim")
            console.print(line.append(f"{self.name:<10} {step}: {done:,} of {total:,}"))

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
