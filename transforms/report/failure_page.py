"""The page of a run that served nothing: reports/runs/<run_id>/failed.html, with every reason.

Written into the run's own folder; `reports/latest` is never pointed at it, so the last
good report stays the one people open. Plain HTML, every value escaped, nothing loaded.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from transforms.files import private_dir, write_private

FAILURE_PAGE = "failed.html"
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def failure_page_html(run_id: str, problem: str, reasons: tuple[str, ...]) -> str:
    """The page's HTML: what failed, each reason on its own line, and what is still served."""
    items = "".join(f"<li>{escape(r)}</li>\n" for r in reasons) or "<li>no further detail was recorded</li>\n"
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">\n"
        f"<title>Run {escape(run_id)} served nothing</title></head>\n<body>\n"
        f"<h1>Run {escape(run_id)} served nothing</h1>\n<p>{escape(problem)}</p>\n"
        f"<h2>Reasons</h2>\n<ul>\n{items}</ul>\n"
        "<p>No readiness report was written for this run; <code>reports/latest</code> still opens the "
        "last run that served a snapshot (if there was one).</p>\n</body></html>\n"
    )


def write_failure_page(reports_dir: Path, run_id: str, problem: str, reasons: tuple[str, ...]) -> Path:
    """Write reports_dir/runs/<run_id>/failed.html (owner-only) and return its path."""
    folder = private_dir(Path(reports_dir) / "runs" / run_id)
    return write_private(folder / FAILURE_PAGE, failure_page_html(run_id, problem, reasons))
