"""The one exception ingestion raises internally for a user's file it cannot take."""

from __future__ import annotations


class FileRejected(Exception):
    """The file cannot be loaded; `problem` and `fix` become its one-line reason."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem}; {fix}")
        self.problem = problem
        self.fix = fix
