"""The demo org's committee pack in a real headless Chromium: nothing loaded, no console error, one printed page per part."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timezone

import pytest

from tests.report.test_report_browser import Browser, chromium_binary, console_errors, network_requests
from transforms.calibration.pack import PACK_HTML, write_pack
from transforms.config import DEFAULT_RUBRIC, load_settings
from demo import generate_demo
from transforms.ingest import discover_files, ingest_file
from transforms.model import build_model
from transforms.rubric import load_rubric
from transforms.runs import finish_run, new_run_id, resolve_as_of, start_run
from transforms.score import score
from transforms.validate import validate
from transforms.warehouse import connect

pytestmark = pytest.mark.browser
PARTS = ("nominations", "borderline", "stuck", "fairness", "timelines")
# the flags of the Makefile's `screenshots` target: no network, no first-run noise
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                  "--proxy-server=127.0.0.1:9"]


@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory):
    """The committee pack of a 40-engineer demo org, run through the stages without Prefect."""
    out = tmp_path_factory.mktemp("demo-pack")
    rubric = load_rubric(DEFAULT_RUBRIC)
    settings = load_settings().with_overrides(inbox=out / "inbox", db=out / "warehouse.duckdb", archive=out / "archive",
                                               rejected=out / "rejected", reports=out / "reports")
    settings.inbox.mkdir()
    generate_demo(settings.inbox, engineers=40, seed=7, rubric=rubric)
    con = connect(settings.db, limits=settings.warehouse)
    run_id = new_run_id()
    start_run(con, run_id, "test", datetime.now(timezone.utc))
    for path in discover_files(settings.inbox):
        ingest_file(con, path, settings, None)
    as_of = resolve_as_of(con, None)
    summary = validate(con, rubric, settings, run_id, as_of)
    build_model(con, rubric, as_of)
    score(con, rubric, run_id, as_of)
    finish_run(con, run_id, outcome="completed", finished_at=datetime.now(timezone.utc), as_of=as_of,
               snapshot_as_of=summary.snapshot_as_of, rubric=rubric)
    pack, folder = write_pack(con, rubric, as_of, settings.reports, settings.calibration)
    con.close()
    return pack, folder / PACK_HTML


def test_pack_loads_nothing_and_logs_no_error(demo_pack, tmp_path, test_artifacts):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not installed: browser test skipped")
    _, page = demo_pack
    browser = Browser(binary, tmp_path / "profile")
    try:
        for domain in ("Page", "Network", "Log", "Runtime"):
            browser.call(f"{domain}.enable")
        browser.open(page.as_uri())
        title = browser.call("Runtime.evaluate", expression="document.title")["result"]["value"]
        assert title.startswith("Calibration committee pack")
        loaded = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
        assert loaded == [page.as_uri()] and network_requests(browser.events) == []
        assert console_errors(browser.events) == []
        # in print, every part starts a new page
        browser.call("Emulation.setEmulatedMedia", media="print")
        breaks = browser.call("Runtime.evaluate", returnByValue=True, expression=(
            "[...document.querySelectorAll('section.part')].map(s => [s.id, getComputedStyle(s).breakBefore])"
        ))["result"]["value"]
        assert breaks == [[part, "page"] for part in PARTS]
        browser.call("Emulation.setEmulatedMedia", media="screen")
        browser.screenshot(test_artifacts / "calibration-pack.png")
    finally:
        browser.close()


def test_pack_prints_to_pdf_with_a_page_per_part(demo_pack, tmp_path):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not installed: browser test skipped")
    pack, page = demo_pack
    pdf = tmp_path / "pack.pdf"
    subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    # the cover and one page at least per part; a 40-engineer org's parts are short, so more
    # pages than parts + 1 would only come from long tables, which this org does not have
    assert len(PARTS) + 1 <= pages <= 3 * (len(PARTS) + 1), pages
