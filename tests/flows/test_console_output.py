"""The one place the CLI prints (flows/progress.py): summary on stdout, the rest on stderr,
user text shown as written (never read as rich markup)."""

from __future__ import annotations

from flows import progress


def test_summary_goes_to_stdout_progress_warnings_and_errors_to_stderr(capsys):
    progress.stage("ingest", "people.csv: loaded, 5 rows")
    progress.warn("people.csv rejected: header only")
    progress.error("no good people snapshot to serve")
    progress.summary("engineers as of 2026-10-31: ready 3")
    out, err = capsys.readouterr()
    assert out == "engineers as of 2026-10-31: ready 3\n"
    assert err.splitlines()[1:] == ["people.csv rejected: header only", "error: no good people snapshot to serve"]
    assert err.splitlines()[0].endswith("] ingest     people.csv: loaded, 5 rows")


def test_brackets_in_file_names_and_config_text_are_printed_as_written(capsys):
    # rich would read [draft] and [header_aliases] as markup tags and drop them
    progress.warn("rejected skills_[draft].csv: unknown header 'Lvl'; add it under [header_aliases] in the config")
    progress.error("[bold]not markup[/bold]")
    progress.summary("files: [red]1[/red] loaded")
    out, err = capsys.readouterr()
    assert err == (
        "rejected skills_[draft].csv: unknown header 'Lvl'; add it under [header_aliases] in the config\n"
        "error: [bold]not markup[/bold]\n"
    )
    assert out == "files: [red]1[/red] loaded\n"
