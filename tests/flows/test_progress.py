"""Progress inside a long stage, as a plain line when the output is not a terminal."""

from __future__ import annotations

from flows.progress import StageProgress


def test_plain_lines_at_the_start_and_end_of_each_step_and_not_in_between(capsys):
    with StageProgress("report", every_s=3600) as progress:  # an hour apart: only the first and last call print
        for done in range(0, 11):
            progress("manager pages", done, 10)
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert [line.split("] ", 1)[1] for line in lines] == [
        "report     manager pages: 0 of 10", "report     manager pages: 10 of 10"]
