"""The `readiness` command line: run, ingest, demo (and serve / deploy in ops/serve.py)."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from flows import progress
from ops.exit_codes import ExitCode
from transforms.config import DEFAULT_CONFIG, ConfigError, Settings, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Promotion-readiness pipeline: exports in, explainable readiness reports out. "
    "Every report is a recommendation for human review, never a decision.",
    epilog="Exit codes: 0 reports written for a served snapshot; 1 the run served nothing (or failed); "
    "2 a user error (option, path, configuration, rubric); 3 the warehouse is busy; 130 interrupted. "
    "The summary goes to stdout, progress, warnings and errors to stderr.",
)

ConfigOpt = typer.Option(
    None, "--config", help=f"TOML file overriding any key of the defaults in {DEFAULT_CONFIG}.", exists=False
)
InboxOpt = typer.Option(None, "--inbox", help="Folder where exports land (default data/inbox).")
DbOpt = typer.Option(None, "--db", help="DuckDB warehouse file (default data/warehouse.duckdb).")
ReportsOpt = typer.Option(None, "--reports", help="Folder for run folders and `latest` (default reports).")
ArchiveOpt = typer.Option(
    None, "--archive", help="Folder keeping a copy of every loaded file (default: archive/ beside the warehouse)."
)
RejectedOpt = typer.Option(
    None, "--rejected", help="Folder for unreadable files and their reasons (default: rejected/ beside the warehouse)."
)
RubricOpt = typer.Option(None, "--rubric", help="Ladder file (default rubric/ml-engineer-ladder.yaml).")
CreateInboxOpt = typer.Option(False, "--create-inbox", help="Create the inbox folder when it does not exist.")
AsOfOpt = typer.Option(
    None, "--as-of", help="Score at this date (YYYY-MM-DD); default: the newest roster's as-of date."
)


def fail(message: str, code: int = ExitCode.USER_ERROR) -> None:
    """Print a one-line error for a user mistake and exit without a traceback."""
    progress.error(message)
    raise typer.Exit(code)


def parse_date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31")


def check_inbox(settings: Settings, from_option: bool, create: bool = False, offer_create: bool = False) -> None:
    """Stop with a one-line error when the inbox is not a folder (a typo would otherwise load nothing)."""
    inbox = Path(settings.inbox)
    named = "--inbox" if from_option else f"[paths] inbox in {settings.config_file}"
    if inbox.is_dir():
        return
    if inbox.exists():
        fail(f"inbox {inbox} ({named}) is a file, not a folder; point {named} at the folder where exports land")
    if create:
        from transforms.files import private_dir

        private_dir(inbox)
        progress.info(f"created the inbox {inbox}")
        return
    fail(
        f"inbox {inbox} ({named}) does not exist; check the path for a typo, or create it "
        f"with `mkdir -p {inbox}`" + (" or pass --create-inbox" if offer_create else "")
    )


def settings_from(config: Path | None, **paths: Path | None) -> Settings:
    """Settings from the config files, with the command line's path options on top."""
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        fail(str(exc))
    return settings.with_overrides(**paths)


PATH_OPTIONS = {
    "inbox": InboxOpt, "db": DbOpt, "archive": ArchiveOpt, "rejected": RejectedOpt,
    "reports": ReportsOpt, "rubric": RubricOpt, "config": ConfigOpt,
}


def with_settings(*names: str):
    """Give a command the named path options and --config; it is called with the `settings` they make.

    A command that declares `inbox_given` also learns whether --inbox was on the command line
    (its errors then name the option rather than the config key).
    """

    def decorate(fn):
        own = [p for p in inspect.signature(fn).parameters.values() if p.name not in ("settings", "inbox_given")]
        paths = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=PATH_OPTIONS[n], annotation=Optional[Path])
                 for n in (*names, "config")]

        @functools.wraps(fn)
        def command(**kwargs):
            options = {n: kwargs.pop(n) for n in (*names, "config")}
            if "inbox_given" in inspect.signature(fn).parameters:
                kwargs["inbox_given"] = options.get("inbox") is not None
            return fn(settings_from(**options), **kwargs)

        del command.__wrapped__  # typer reads the signature below, not the wrapped function's
        command.__signature__ = inspect.Signature([*own, *paths])
        command.__annotations__ = {**{p.name: p.annotation for p in own}, **{n: Optional[Path] for n in (*names, "config")}}
        return command

    return decorate


@app.command()
@with_settings("inbox", "db", "archive", "rejected", "reports", "rubric")
def run(settings: Settings, inbox_given: bool, as_of: Optional[str] = AsOfOpt) -> None:
    """Ingest new exports, validate, score everyone and write a new report folder."""
    settings = settings.with_overrides(as_of=parse_date(as_of, "--as-of"))  # checked before anything runs
    check_inbox(settings, from_option=inbox_given)
    from ops.runner import run_pipeline

    run_pipeline(settings, trigger="cli")


@app.command()
@with_settings("inbox", "db", "archive", "rejected")
def ingest(
    settings: Settings,
    inbox_given: bool,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="As-of date for rosters without one (YYYY-MM-DD)."),
) -> None:
    """Load new exports from the inbox into the warehouse without scoring."""
    settings = settings.with_overrides(as_of=parse_date(as_of, "--as-of"))
    check_inbox(settings, from_option=inbox_given)
    from ops.runner import run_ingest

    run_ingest(settings)


@app.command()
@with_settings("db", "archive", "rejected", "reports", "rubric")
def rebuild(settings: Settings) -> None:
    """Re-derive the whole warehouse from the archive (recovery for a damaged database file)."""
    from ops.runner import run_rebuild

    run_rebuild(settings)


@app.command()
@with_settings("inbox", "db", "archive", "rejected", "reports")
def demo(
    settings: Settings,
    engineers: int = typer.Option(200, "--engineers", min=10, max=1_000_000, help="Size of the synthetic org."),
    seed: int = typer.Option(7, "--seed", help="Random seed: the same seed writes the same files."),
) -> None:
    """Write the synthetic demo org into the inbox and run the pipeline on it."""
    from ops.runner import run_demo

    run_demo(settings, engineers=engineers, seed=seed)


NameOpt = typer.Option("readiness", "--name", help="Deployment name (one per business unit).")


@app.command()
@with_settings("inbox", "db", "archive", "rejected", "reports", "rubric")
def serve(settings: Settings, inbox_given: bool, name: str = NameOpt, create_inbox: bool = CreateInboxOpt) -> None:
    """Always on: run on every new export and before each calibration date (Prefect server)."""
    check_inbox(settings, from_option=inbox_given, create=create_inbox, offer_create=True)
    from ops.serve import serve_pipeline

    try:
        serve_pipeline(settings, deployment_name=name)
    except (ConfigError, RuntimeError) as exc:
        fail(str(exc))


@app.command()
@with_settings("inbox", "db", "archive", "rejected", "reports", "rubric")
def deploy(
    settings: Settings,
    work_pool: str = typer.Option(..., "--work-pool", help="Prefect work pool whose workers run the pipeline."),
    name: str = NameOpt,
) -> None:
    """Register the pipeline (trigger and schedules) on a work pool, for `prefect worker start`."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from ops.deploy import deploy_pipeline

    try:
        deployment_id = deploy_pipeline(settings, work_pool, deployment_name=name)
    except (ConfigError, RuntimeError) as exc:
        fail(str(exc))
    typer.echo(f"deployment readiness-pipeline/{name} ({deployment_id}) registered on work pool {work_pool!r}")
    typer.echo(f"start a worker: prefect worker start --pool {work_pool}")


@app.command()
@with_settings("inbox", "db", "archive", "rejected", "reports", "rubric")
def watch(settings: Settings, inbox_given: bool, create_inbox: bool = CreateInboxOpt) -> None:
    """Embedded mode, always on: run the pipeline whenever new exports land (no server needed)."""
    check_inbox(settings, from_option=inbox_given, create=create_inbox, offer_create=True)
    from ops.watch import watch_inbox

    watch_inbox(settings)


@app.command()
@with_settings("db", "reports", "rubric")
def pack(
    settings: Settings,
    cycle: str = typer.Option(..., "--cycle", help="Calibration date (YYYY-MM-DD): the newest completed run as of it is used."),
) -> None:
    """Write the calibration committee's pack: printable HTML and a CSV for calibration tools (people team only)."""
    from transforms.calibration.pack import PackError, pack_for_cycle
    from transforms.rubric import RubricError

    try:
        folder, summary = pack_for_cycle(settings, parse_date(cycle, "--cycle"))
    except (PackError, RubricError) as exc:
        fail(str(exc))
    typer.echo(summary)
    typer.echo(f"pack: {folder}")


def main() -> None:
    """Console entry point: owner-only files for everything this process writes."""
    os.umask(0o077)
    app()


if __name__ == "__main__":
    sys.exit(main())
