"""Crash hook for the crash-safety test: SIGKILL this process at a named point of a run.

Inert unless READINESS_CRASH_AT is set (then or later through `arm`): `reached(name)` is
one comparison when nothing is armed. READINESS_CRASH_AT=name[#n][+delay_s] kills this
process with SIGKILL the n-th time (default the first) `name` is reached, at once or
`delay_s` seconds later from a timer thread, so that the kill lands inside the work that
follows the point (report writing, a checkpoint, validation).
"""

from __future__ import annotations

import os
import re
import signal
import threading

ENV = "READINESS_CRASH_AT"
_SPEC = re.compile(r"^(?P<name>[a-z_.]+)(?:#(?P<n>\d+))?(?:\+(?P<delay>\d+(?:\.\d+)?))?$")

_armed: tuple[str, int, float] | None = None
_hits = 0


def arm(spec: str | None) -> None:
    """Arm the hook from a spec (`ingest.parsed#2`, `report.writing+0.05`); None disarms it."""
    global _armed, _hits
    _hits = 0
    if not spec:
        _armed = None
        return
    match = _SPEC.match(spec)
    if match is None:
        raise ValueError(f"{ENV}={spec!r}: write name[#n][+seconds], e.g. ingest.parsed#2")
    _armed = (match["name"], int(match["n"] or 1), float(match["delay"] or 0))


def reached(name: str) -> None:
    """A named point of a run; kills the process here when the hook is armed for it."""
    global _hits
    if _armed is None or _armed[0] != name:
        return
    _hits += 1
    if _hits == _armed[1]:
        if _armed[2]:
            threading.Timer(_armed[2], _kill).start()
        else:
            _kill()


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


arm(os.environ.get(ENV))
