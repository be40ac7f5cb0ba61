"""Stage 5, reports: the run folder (HTML, CSV, JSON) and the `latest` link."""

from transforms.report.writer import write_reports

__all__ = ["write_reports"]
