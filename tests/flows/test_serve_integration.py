"""Always-on and scale-out modes against a real local Prefect server (marker `server`).

One server per session (own PREFECT_HOME in a temp dir, 127.0.0.1 only). Every process
is started in its own process group and killed in a finalizer, even when a test fails.
Input files are the hand-written fixture org (tests/fixtures/org, 16 active people).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops.prefect_server import start_local_server, stop_process_group, wait_healthy
from transforms.config import PROJECT_ROOT

pytestmark = [pytest.mark.server, pytest.mark.slow, pytest.mark.timeout(240)]

FIXTURE_ORG = PROJECT_ROOT / "tests" / "fixtures" / "org"
ROSTER = "people_2026-10-31.csv"
BURST = ["job_history_2026-10-31.csv", "projects_2026-10-31.csv", "skills_2026-10-31.csv"]
ENGINEERS_IN_FIXTURE = 16  # tests/fixtures/org/expected_readiness.csv has 16 rows


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real `prefect server start` on a free 127.0.0.1 port; yields the env to reach it."""
    home = tmp_path_factory.mktemp("prefect-home")
    proc, api_url = start_local_server(home)
    try:
        wait_healthy(api_url, proc, timeout_s=120)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
            "PREFECT_API_URL": api_url,
            "PREFECT_HOME": str(home),
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
        yield env
    finally:
        stop_process_group(proc)


@pytest.fixture
def spawn(request):
    """Start a process in its own group, logging to a file; every one is killed at teardown."""
    started = []

    def start(args, env, cwd, log: Path):
        fh = open(log, "wb")
        proc = subprocess.Popen(
            args, env=env, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        fh.close()
        started.append(proc)
        return proc

    yield start
    for proc in reversed(started):
        stop_process_group(proc, timeout_s=15)


def drop(names, inbox: Path) -> None:
    """Land fixture files the way careful exporters do: write a hidden temp file, then rename."""
    for name in names:
        tmp = inbox / f".{name}.partial"
        shutil.copyfile(FIXTURE_ORG / name, tmp)
        os.replace(tmp, inbox / name)


def sha256(name: str) -> str:
    return hashlib.sha256((FIXTURE_ORG / name).read_bytes()).hexdigest()


def wait_for(predicate, timeout_s: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}\n{tail}")


def latest_report(reports: Path) -> dict | None:
    path = reports / "latest" / "run.json"
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return None


def deployment_flow_runs(env, deployment: str):
    """State of every flow run of deployment `<deployment>` not created by a schedule (calendar runs are months away)."""
    script = (
        "import sys, asyncio\n"
        "from prefect.client.orchestration import get_client\n"
        "from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName\n"
        "async def main():\n"
        "    async with get_client() as c:\n"
        "        runs = await c.read_flow_runs(deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[sys.argv[1]])))\n"
        "        print('\\n'.join(r.state_type.value for r in runs if not r.auto_scheduled))\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", script, deployment], env=env, capture_output=True, text=True, timeout=60)
    return [line for line in out.stdout.splitlines() if line]


def test_serve_runs_on_new_exports_and_coalesces_a_burst(prefect_server, spawn, tmp_path):
    inbox, reports, db = tmp_path / "inbox", tmp_path / "reports", tmp_path / "data" / "warehouse.duckdb"
    inbox.mkdir()
    log = tmp_path / "serve.log"
    serve = spawn(
        [sys.executable, "-m", "ops.cli", "serve", "--inbox", str(inbox), "--db", str(db),
         "--reports", str(reports), "--name", "it-serve"],
        {**prefect_server, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}, tmp_path, log,
    )
    wait_for(lambda: "Ctrl-C stops" in log.read_text(errors="replace"), 90, "serve to start", log)

    # 1. a roster lands: a run scores the 16 people of the fixture from it alone
    drop([ROSTER], inbox)
    first = wait_for(lambda: latest_report(reports), 120, "reports/latest after the roster", log)
    assert [f["name"] for f in first["input_files"]] == [ROSTER]
    assert first["engineers"] == ENGINEERS_IN_FIXTURE

    # 2. three exports at once: 3 events, runs one at a time; the first loads all three,
    #    the two queued behind it find an empty inbox and end without re-scoring
    drop(BURST, inbox)
    wait_for(
        lambda: (r := latest_report(reports)) and r["run_id"] != first["run_id"] and r,
        150, "reports/latest after the burst", log,
    )
    # 4 flow runs in all (1 + 3 events), all completed
    wait_for(lambda: deployment_flow_runs(prefect_server, "it-serve") == ["COMPLETED"] * 4, 90,
             "4 completed flow runs", log)
    final = latest_report(reports)
    # one coherent result: the newest report read all four files, in the ledger's order
    assert sorted(f["name"] for f in final["input_files"]) == sorted([ROSTER, *BURST])
    assert final["engineers"] == ENGINEERS_IN_FIXTURE
    assert sorted(p.name for p in (reports / "runs").iterdir()).__len__() == 2  # coalesced runs write none

    serve.send_signal(2)  # Ctrl-C
    serve.wait(30)
    output = log.read_text(errors="replace")
    assert "stopped." in output
    assert "lock" not in output.lower()

    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    ledger = con.execute("select original_name, file_sha256 from ingest_files order by original_name").fetchall()
    runs = con.execute("select trigger, outcome from pipeline_runs order by started_at").fetchall()
    con.close()
    # every file in the ledger exactly once, by the bytes we dropped
    assert ledger == sorted((name, sha256(name)) for name in [ROSTER, *BURST])
    # two real runs recorded; coalesced events leave no run record
    assert runs == [("event", "completed"), ("event", "completed")]


def test_deploy_on_a_process_work_pool_runs_on_a_worker(prefect_server, spawn, tmp_path):
    inbox, reports, db = tmp_path / "inbox", tmp_path / "reports", tmp_path / "data" / "warehouse.duckdb"
    inbox.mkdir()
    drop([ROSTER, *BURST], inbox)
    deployed = subprocess.run(
        [sys.executable, "-m", "ops.cli", "deploy", "--work-pool", "it-pool", "--name", "it-deploy",
         "--inbox", str(inbox), "--db", str(db), "--reports", str(reports)],
        env=prefect_server, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert "registered on work pool 'it-pool'" in deployed.stdout

    log = tmp_path / "worker.log"
    spawn([sys.executable, "-m", "prefect", "worker", "start", "--pool", "it-pool", "--limit", "1"],
          {**prefect_server, "PREFECT_WORKER_QUERY_SECONDS": "1"}, tmp_path, log)

    script = (
        "from prefect.deployments import run_deployment\n"
        "run = run_deployment('readiness-pipeline/it-deploy', timeout=150)\n"
        "print(run.state_type.value)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], env=prefect_server, capture_output=True, text=True,
                         timeout=180)
    assert ran.stdout.strip().splitlines()[-1:] == ["COMPLETED"], ran.stderr[-2000:] + log.read_text()[-3000:]

    report = latest_report(reports)
    assert sorted(f["name"] for f in report["input_files"]) == sorted([ROSTER, *BURST])
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("select trigger, outcome from pipeline_runs").fetchall()
    con.close()
    # run_deployment uses the deployment's default parameters: trigger 'deployment'
    assert runs == [("deployment", "completed")]
