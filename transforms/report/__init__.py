"""Stage 5, reports: the run folder (HTML, CSV, Parquet, run.json) and the `latest` link."""

from transforms.report.writer import write_reports

__all__ = ["write_reports"]
