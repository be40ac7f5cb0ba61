"""The wheel is what users install: built, installed into a fresh virtualenv, `readiness demo` run from an empty folder.

No network at any step: the wheel is built without build isolation, installed with
--no-index and --no-deps, and the fresh virtualenv reaches the dependencies through a .pth
line naming this virtualenv's site-packages. A plain path line does not process the .pth
files inside that folder, so this checkout's editable install is not seen: the packages can
only come from the wheel (the test checks that they do).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from transforms.config import PROJECT_ROOT
from transforms.report.pages import TEMPLATES_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

# Not part of what the wheel is built from: generated state, virtualenvs, earlier builds (a
# stale build/lib would leak deleted modules into the wheel), and what is not packaged.
TOP_LEVEL_SKIPPED = {".git", "build", "dist", "data", "reports", "tests", "benchmarks", "docs", "test-artifacts"}


def not_sources(folder: str, names: list[str]) -> set[str]:
    """copytree's ignore: the top-level folders above anywhere in the checkout; virtualenvs and caches anywhere."""
    top = Path(folder) == PROJECT_ROOT
    return {n for n in names if (top and n in TOP_LEVEL_SKIPPED) or n.startswith(".venv") or n == "__pycache__"
            or n.endswith(".egg-info")}


# Shipped files a run reads besides code; the templates are listed from the source tree below.
SHIPPED = ["transforms/defaults/readiness.toml", "transforms/defaults/schema.json",
           "rubric/ml-engineer-ladder.yaml", "rubric/schema.json"]


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built offline from a copy of the sources."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(PROJECT_ROOT, src, ignore=not_sources)
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "--quiet", "-w", tmp / "dist", src])
    assert built.returncode == 0, built.stderr
    (whl,) = (tmp / "dist").glob("promotion_readiness-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv holding the wheel, its dependencies reached through this virtualenv's site-packages."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    made = run([sys.executable, "-m", "venv", venv])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    done = run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel])
    assert done.returncode == 0, done.stderr
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(purelib) / "readiness-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def offline_env(home: Path) -> dict:
    """No Prefect profile, home or API of the developer's; every outbound HTTP request goes to a dead proxy."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "PYTHON", "PIP_")) and k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}
    dead = "http://127.0.0.1:9"
    env.update(HOME=str(home), PREFECT_HOME=str(home / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               http_proxy=dead, https_proxy=dead, HTTP_PROXY=dead, HTTPS_PROXY=dead,
               no_proxy="127.0.0.1,localhost", NO_PROXY="127.0.0.1,localhost", PIP_NO_INDEX="1")
    return env


def test_the_wheel_ships_the_templates_the_default_config_and_the_rubric(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [f"transforms/report/templates/{p.name}" for p in sorted(TEMPLATES_DIR.iterdir()) if p.is_file()]
    assert any(t.endswith(".j2") for t in templates)
    assert [f for f in [*SHIPPED, *templates] if f not in names] == []


def test_readiness_demo_from_an_empty_folder_runs_on_the_installed_wheel(installed, tmp_path):
    python, readiness = installed / "bin" / "python", installed / "bin" / "readiness"
    home, work = tmp_path / "home", tmp_path / "empty"
    home.mkdir()
    work.mkdir()
    env = offline_env(home)

    # The code comes from the wheel, not from this checkout.
    where = run([python, "-c", "import ops.cli, transforms.config as c; print(ops.cli.__file__); print(c.DEFAULT_CONFIG)"],
                cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    assert [Path(p).resolve().is_relative_to(purelib.resolve()) for p in where.stdout.split()] == [True, True]

    demo = run([readiness, "demo"], cwd=work, env=env)
    assert demo.returncode == 0, demo.stderr[-3000:]
    # The demo org (200 engineers, seed 7) is six export files: two roster snapshots, job history,
    # projects, activities and skills; the first run loads all six, the second finds the inbox empty.
    loaded = re.findall(r"^files: (\d+) loaded \(([\d,]+) rows\)", demo.stdout, re.M)
    assert loaded == [("6", "4,662"), ("0", "0")]
    # 4,662 = the data lines of the six files as archived (the demo's CSVs have no line breaks inside fields).
    archived = sorted((work / "data" / "archive").glob("*.csv"))
    assert len(archived) == 6
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in archived) == 4662
    # One run per roster snapshot: the demo's as-of date (2026-10-31) and six months before it.
    assert re.findall(r"^engineers as of (\d{4}-\d{2}-\d{2}):", demo.stdout, re.M) == ["2026-04-30", "2026-10-31"]
    assert list((work / "data" / "inbox").iterdir()) == []  # every loaded file left the inbox for the archive
    # Everything lands under the current folder, where the README says: data/ and reports/ only.
    assert sorted(p.name for p in work.iterdir()) == ["data", "reports"]
    assert (work / "data" / "warehouse.duckdb").is_file()
    index = work / "reports" / "latest" / "index.html"
    assert index.is_file()
    assert f"reports: reports/runs/{index.resolve().parent.name}/index.html" in demo.stdout
