"""The command line tells the truth: exit codes, stdout / stderr, and a run that serves nothing.

Exit codes are asserted by running the real CLI in a subprocess (README: Exit codes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from transforms.config import DEFAULT_RUBRIC
from transforms.rubric import load_rubric


def readiness(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `readiness` command line, run in `cwd` (relative default paths land there)."""
    return subprocess.run(
        [sys.executable, "-m", "ops.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, "PREFECT_HOME": str(cwd / "prefect-home")},
    )


def write_roster_over_the_gate(inbox: Path) -> Path:
    """Five people, four with a hire_date that is no date: 80 % bad rows, over the 20 % gate."""
    level = load_rubric(DEFAULT_RUBRIC).level_ids[0]
    rows = [f"E1,Ada Top,,{level},core,2020-01-06"]
    rows += [f"E{i},Person {i},E1,{level},core,someday" for i in range(2, 6)]
    path = inbox / "people_2026-10-31.csv"
    path.write_text("employee_id,name,manager_id,level,team,hire_date\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.slow
def test_nothing_served_exits_1_and_keeps_latest(tmp_path):
    inbox, reports = tmp_path / "inbox", tmp_path / "reports"
    inbox.mkdir()
    write_roster_over_the_gate(inbox)
    previous = reports / "runs" / "previous"  # the last good report, served until a run serves better
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("previous report")
    (reports / "latest").symlink_to(Path("runs") / "previous")

    done = readiness("run", "--inbox", "inbox", "--db", "warehouse.duckdb", "--reports", "reports", cwd=tmp_path)

    assert done.returncode == 1, done.stderr
    assert os.readlink(reports / "latest") == str(Path("runs") / "previous")
    assert done.stdout == ""  # no summary: nothing was served
    lines = done.stderr.splitlines()
    assert any(line.startswith("people_2026-10-31.csv rejected: ") for line in lines), done.stderr
    assert "error: no good people snapshot to serve as of 2026-10-31: nothing was scored" in done.stderr
    assert "Traceback" not in done.stderr
    (page_line,) = [line for line in lines if line.startswith("failure page: ")]
    page = tmp_path / page_line.split(": ", 1)[1].split(" (")[0]
    assert page.name == "failed.html" and page.parent.parent == reports / "runs"
    assert "people_2026-10-31.csv rejected: " in page.read_text()
    assert not (page.parent / "index.html").exists()  # no all-zero report for a stale snapshot
    import duckdb

    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select outcome from pipeline_runs").fetchall() == [("failed",)]
    finally:
        con.close()


@pytest.mark.prefect
def test_nothing_served_flow_run_is_failed(prefect_harness, workspace):
    # a schedule or automation sees Failed, not Completed
    from flows.pipeline import readiness_pipeline
    from transforms.runs import NothingServed

    write_roster_over_the_gate(workspace.inbox)
    state = readiness_pipeline(workspace, trigger="test", return_state=True)
    assert state.is_failed()
    with pytest.raises(NothingServed) as err:
        state.result()
    assert any(r.startswith("people_2026-10-31.csv rejected: ") for r in err.value.reasons)
    assert not (workspace.reports / "latest").exists()


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_typo_inbox_is_an_error(tmp_path, command):
    # the real inbox is "inbox"; "inbx" must not silently load nothing and re-score old data
    (tmp_path / "inbox").mkdir()
    done = readiness(command, "--inbox", "inbx", "--db", "warehouse.duckdb", cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "error: inbox inbx (--inbox) does not exist; check the path for a typo, or create it with `mkdir -p inbx`\n"
    )
    assert not (tmp_path / "inbx").exists() and not (tmp_path / "warehouse.duckdb").exists()


def test_watch_refuses_a_missing_inbox_unless_asked_to_create_it(tmp_path):
    done = readiness("watch", "--inbox", "inbx", cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stderr.endswith("create it with `mkdir -p inbx` or pass --create-inbox\n")
    assert not (tmp_path / "inbx").exists()


def test_create_inbox_makes_an_owner_only_folder(tmp_path, capsys):
    import stat

    from ops.cli import check_inbox
    from transforms.config import load_settings

    settings = load_settings().with_overrides(inbox=tmp_path / "new" / "inbox")
    check_inbox(settings, from_option=True, create=True, offer_create=True)
    assert stat.S_IMODE((tmp_path / "new" / "inbox").stat().st_mode) == 0o700
    assert capsys.readouterr().err == f"created the inbox {tmp_path / 'new' / 'inbox'}\n"


def test_configured_inbox_that_does_not_exist_names_the_config_key(tmp_path):
    config = tmp_path / "my.toml"
    config.write_text('[paths]\ninbox = "exprts"\n')
    done = readiness("run", "--config", str(config), cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stderr == (
        f"error: inbox exprts ([paths] inbox in {config}) does not exist; check the path for a typo, "
        "or create it with `mkdir -p exprts`\n"
    )


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), RuntimeError("Query interrupted")], ids=["python", "duckdb"])
def test_ctrl_c_during_a_run_exits_130_in_one_line(monkeypatch, capsys, raised):
    # Ctrl-C lands in Python (KeyboardInterrupt) or inside a DuckDB query, which reports
    # RuntimeError("Query interrupted"): the runner's SIGINT handler noted it either way
    import typer

    from ops import runner

    def interrupted_flow(*args, **kwargs):
        runner._interrupted.set()  # what the SIGINT handler does
        raise raised

    monkeypatch.setattr(runner, "call_flow", interrupted_flow)
    try:
        with pytest.raises(typer.Exit) as exit_:
            runner._guard(lambda: None)
    finally:
        runner._interrupted.clear()
    assert exit_.value.exit_code == 130
    assert capsys.readouterr().err == "error: interrupted; nothing half-loaded is kept, run again to finish\n"
