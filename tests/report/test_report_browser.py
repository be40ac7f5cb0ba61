"""The reports in a real headless Chromium, network blocked: no request attempted, no console error."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def chromium_binary() -> str | None:
    return shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)


class Browser:
    """Headless Chromium driven over the DevTools protocol (a websocket on the loopback)."""

    def __init__(self, binary: str, profile: Path):
        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
             "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "--remote-allow-origins=*",
             # belt and braces: any fetch that slipped through would go to a closed loopback port
             "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        from websockets.sync.client import connect

        self.ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=10)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=30))
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic()))))

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", expression="1")  # flush events queued during load

    def screenshot(self, path: Path) -> None:
        height = self.call("Page.getLayoutMetrics")["cssContentSize"]["height"]
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=min(int(height), 6000),
                  deviceScaleFactor=1, mobile=False)
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        if getattr(self, "ws", None):
            self.ws.close()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group this test started
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def network_requests(events: list[dict]) -> list[str]:
    """URLs of every request the page attempted other than the report files themselves."""
    urls = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    return [u for u in urls if not u.startswith("file://")]


def console_errors(events: list[dict]) -> list[str]:
    out = []
    for e in events:
        if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
            out.append(e["params"]["entry"]["text"])
        elif e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"):
            out.append(str(e["params"]["args"]))
        elif e.get("method") == "Runtime.exceptionThrown":
            out.append(e["params"]["exceptionDetails"].get("text", "exception"))
    return out


def test_index_and_manager_page_load_nothing_and_log_no_error(story_run, tmp_path, test_artifacts):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not installed: browser test skipped")
    browser = Browser(binary, tmp_path / "profile")
    try:
        for domain in ("Page", "Network", "Log", "Runtime"):
            browser.call(f"{domain}.enable")
        for page, shot in (("index.html", "report-index.png"), ("managers/M1.html", "report-manager-M1.png")):
            browser.open((story_run / page).as_uri())
            title = browser.call("Runtime.evaluate", expression="document.title")["result"]["value"]
            assert title.startswith(("Org-wide readiness", "Ari Lead")), title
            # the injected name is text on the page, not a script: the only script is the index's people search
            scripts = browser.call("Runtime.evaluate", expression="document.scripts.length")["result"]["value"]
            assert scripts == (1 if page == "index.html" else 0)
            loaded = [u for u in (e["params"]["request"]["url"] for e in browser.events
                                  if e.get("method") == "Network.requestWillBeSent")]
            assert loaded == [(story_run / page).as_uri()]  # the page itself and nothing else
            assert network_requests(browser.events) == []
            assert console_errors(browser.events) == []
            browser.screenshot(test_artifacts / shot)
            assert (test_artifacts / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        browser.close()


def evaluate(browser: Browser, expression: str):
    return browser.call("Runtime.evaluate", expression=expression)["result"].get("value")


VISIBLE_ROWS = "[...document.querySelectorAll('#people-table tbody tr')].filter(r => !r.hidden).map(r => r.querySelector('.muted').textContent)"


def test_people_search_with_scripts_on_and_a_plain_table_with_scripts_off(story_run, tmp_path):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not installed: browser test skipped")
    browser = Browser(binary, tmp_path / "profile")
    index = (story_run / "index.html").as_uri()
    try:
        for domain in ("Page", "Network", "Log", "Runtime"):
            browser.call(f"{domain}.enable")
        browser.open(index)
        # the script ran (its CSP hash matched): the search box shows, every one of the 10 people is listed
        assert evaluate(browser, "document.getElementById('people-search').hidden") is False
        assert evaluate(browser, "document.getElementById('people-shown').textContent") == "10 of 10 shown"
        # "lead": Ari Lead and Bo Lead by name, Dana Root by team (Leadership), and everyone whose manager
        # is Ari or Bo Lead (E1, E2, E4, E5, E6, E8); E3 (manager Cam Ready, team Vision) does not match
        evaluate(browser, "const q = document.getElementById('people-q'); q.value = 'lead'; q.dispatchEvent(new Event('input')); 0")
        assert sorted(json.loads(evaluate(browser, f"JSON.stringify({VISIBLE_ROWS})"))) == [
            "E1", "E2", "E4", "E5", "E6", "E8", "M0", "M1", "M2"]
        # two words must both match: "bo watch" finds Ivy Watch (manager Bo Lead) only
        evaluate(browser, "q.value = 'bo watch'; q.dispatchEvent(new Event('input')); 0")
        assert evaluate(browser, f"JSON.stringify({VISIBLE_ROWS})") == '["E6"]'
        assert evaluate(browser, "document.getElementById('people-shown').textContent") == "1 of 10 shown"
        assert network_requests(browser.events) == [] and console_errors(browser.events) == []

        browser.call("Emulation.setScriptExecutionDisabled", value=True)
        browser.open(index)
        # scripts off: no search box, the whole (capped) table as plain rows, still nothing fetched
        assert evaluate(browser, "document.getElementById('people-search').hidden") is True
        assert evaluate(browser, "document.getElementById('people-shown').textContent") == ""  # the script did not run
        assert len(json.loads(evaluate(browser, f"JSON.stringify({VISIBLE_ROWS})"))) == 10
        assert network_requests(browser.events) == [] and console_errors(browser.events) == []
    finally:
        browser.close()
