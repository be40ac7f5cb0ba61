"""Benchmark: latency from an export landing in the inbox to `reports/latest` updated, under `readiness serve`.

    python -m benchmarks.serve_latency [--engineers 200] [--samples 10]

Starts a local Prefect server (its own PREFECT_HOME in a temp dir, 127.0.0.1) and
`readiness serve` on a temp inbox, loads the demo org once (not measured), then drops a
new people roster `--samples` times (each from another seed, so new bytes) and times
each drop until `reports/latest` points to a new run folder. Prints each sample and the
median. Everything it started is stopped at the end, even on failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ops.prefect_server import start_local_server, stop_process_group, wait_healthy
from transforms.config import PROJECT_ROOT
from demo import generate_demo


def land(src: Path, inbox: Path) -> None:
    """Copy under a hidden name, then rename into place (how exporters should deliver)."""
    tmp = inbox / f".{src.name}.partial"
    shutil.copyfile(src, tmp)
    os.replace(tmp, inbox / src.name)


def latest_target(reports: Path) -> str | None:
    link = reports / "latest"
    return os.path.realpath(link) if link.exists() else None


def wait_new_latest(reports: Path, before: str | None, timeout_s: float, log: Path) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        now = latest_target(reports)
        if now is not None and now != before:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"no new reports/latest within {timeout_s} s; serve log:\n{log.read_text()[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engineers", type=int, default=200)
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    inbox, reports, staging = work / "inbox", work / "reports", work / "staging"
    inbox.mkdir()
    server, serve = None, None
    try:
        server, api_url = start_local_server(work / "prefect-home")
        wait_healthy(api_url, server, timeout_s=120)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
            "PREFECT_API_URL": api_url, "PREFECT_HOME": str(work / "prefect-home"),
            "PREFECT_RUNNER_POLL_FREQUENCY": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
        log = work / "serve.log"
        with open(log, "wb") as fh:
            serve = subprocess.Popen(
                [sys.executable, "-m", "ops.cli", "serve", "--inbox", str(inbox), "--db",
                 str(work / "data" / "warehouse.duckdb"), "--reports", str(reports)],
                env=env, cwd=work, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
            )
        while "Ctrl-C stops" not in log.read_text(errors="replace"):
            if serve.poll() is not None:
                raise SystemExit(f"serve exited:\n{log.read_text()}")
            time.sleep(0.2)

        # warm-up: the whole demo org (people snapshots, projects, activities, ...)
        manifest = generate_demo(staging / "seed-7", engineers=args.engineers, seed=7)
        before = latest_target(reports)
        for f in manifest.files:
            land(staging / "seed-7" / f.name, inbox)
        print(f"warm-up (whole demo org, {len(manifest.files)} files): "
              f"{wait_new_latest(reports, before, 300, log):.1f} s", flush=True)
        time.sleep(8)  # let the coalesced runs of the warm-up burst drain

        samples = []
        for i in range(args.samples):
            out = staging / f"seed-{100 + i}"
            m = generate_demo(out, engineers=args.engineers, seed=100 + i)
            roster = next(f for f in m.files if f.kind == "people" and f.snapshot_as_of == max(
                g.snapshot_as_of for g in m.files if g.kind == "people"))
            before = latest_target(reports)
            land(out / roster.name, inbox)
            samples.append(wait_new_latest(reports, before, 300, log))
            print(f"sample {i + 1}: {samples[-1]:.2f} s", flush=True)
        print(f"median latency file landed -> reports/latest: {statistics.median(samples):.2f} s "
              f"(min {min(samples):.2f}, max {max(samples):.2f}, n={len(samples)}, {args.engineers} engineers)")
    finally:
        if serve is not None:
            serve.send_signal(2)
            try:
                serve.wait(30)
            except subprocess.TimeoutExpired:
                stop_process_group(serve)
        stop_process_group(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
