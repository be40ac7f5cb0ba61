"""Configuration checked like the rubric: one named case per mistake, each error one line
naming the file, the line, the key, the value and the fix."""

from __future__ import annotations

import textwrap

import pytest

from transforms.config import ConfigError, load_settings


def _error(tmp_path, text: str) -> str:
    path = tmp_path / "my.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(path))
    return message[len(str(path)):]


def test_unknown_config_key_suggests_nearest(tmp_path):
    # line 2 is the misspelt key; the schema knows max_bad_row_share under [validate]
    message = _error(tmp_path, """
        [validate]
        max_bad_row_shar = 0.1
    """)
    assert message == " line 2: unknown key max_bad_row_shar under [validate]; did you mean max_bad_row_share?"


def test_unknown_config_section_suggests_nearest(tmp_path):
    message = _error(tmp_path, """
        [paths]
        inbox = "exports"

        [validat]
        max_bad_row_share = 0.1
    """)
    assert message == " line 4: unknown section [validat]; did you mean [validate]?"


def test_unknown_key_far_from_any_lists_the_known_keys(tmp_path):
    message = _error(tmp_path, """
        [report]
        colour = "blue"
    """)
    assert message == " line 2: unknown key colour under [report]; known: keep_runs, max_listed, max_people_per_page, processes, search_rows"


def test_inbox_as_a_number_is_a_type_error(tmp_path):
    message = _error(tmp_path, """
        [paths]
        inbox = 5
    """)
    assert message == ' line 2: [paths] inbox = 5 is not a folder path in quotes; write inbox = "data/inbox"'


def test_a_global_date_format_list_is_refused_with_the_per_kind_table(tmp_path):
    # the old [ingest] date_formats list guessed month-first for 01/03/2020; formats are pinned per source now
    message = _error(tmp_path, """
        [ingest]
        date_formats = ["%Y-%m-%d", "%m/%d/%Y"]
    """)
    assert message == (
        ' line 2: [ingest] date_formats must be a table of keys, not ["%Y-%m-%d", "%m/%d/%Y"]: a table of export kind = '
        'list of strftime patterns ([ingest.date_formats] people = ["%d/%m/%Y"]); day-first and month-first are never '
        "guessed, so there is no global list"
    )


def test_pinned_date_format_as_one_string_is_a_type_error(tmp_path):
    # a string where a list is expected: the fix puts the user's own pattern in a list
    message = _error(tmp_path, """
        [ingest.date_formats]
        people = "%d/%m/%Y"
    """)
    assert message == (
        ' line 2: [ingest.date_formats] people = "%d/%m/%Y" is not a list of strftime patterns in quotes; '
        'write people = ["%d/%m/%Y"]'
    )


def test_pinned_date_formats_for_no_export_kind_suggest_the_nearest(tmp_path):
    message = _error(tmp_path, """
        [ingest.date_formats]
        peple = ["%d/%m/%Y"]
    """)
    assert message == " line 2: [ingest.date_formats] peple is not an export kind; did you mean people?"


def test_pinning_both_day_first_and_month_first_is_a_guess_and_refused(tmp_path):
    message = _error(tmp_path, """
        [ingest.date_formats_by_name]
        "bamboo_*" = ["%d/%m/%Y", "%m/%d/%Y"]
    """)
    assert message == (
        ' line 2: [ingest.date_formats_by_name] bamboo_*[1] = "%m/%d/%Y" is the day/month swap of "%d/%m/%Y" in '
        "the same list, which is a guess between day-first and month-first; keep the one this source writes"
    )


def test_alias_as_one_string_is_a_type_error_not_one_alias_per_character(tmp_path):
    message = _error(tmp_path, """
        [header_aliases.people]
        manager_id = "Line Manager"
    """)
    assert message == (
        ' line 2: [header_aliases.people] manager_id = "Line Manager" is not a list of header variants '
        'in quotes, each with a letter or digit; write manager_id = ["Line Manager"]'
    )


def test_share_written_as_percent_names_the_key(tmp_path):
    # "5%" is the share 0.05
    message = _error(tmp_path, """
        [validate]
        max_bad_row_share = "5%"
    """)
    assert message == (
        ' line 2: [validate] max_bad_row_share = "5%" is not a share between 0 and 1 (0.2 means 20 %); '
        "write max_bad_row_share = 0.05"
    )


def test_share_above_one_names_the_key(tmp_path):
    message = _error(tmp_path, """
        [validate]
        max_bad_row_share = 20
    """)
    assert message == (
        " line 2: [validate] max_bad_row_share = 20 is not a share between 0 and 1 (0.2 means 20 %); "
        "write max_bad_row_share = 0.2"
    )


def test_people_per_page_as_a_fraction_is_a_type_error(tmp_path):
    message = _error(tmp_path, """
        [report]
        max_people_per_page = 2.5
    """)
    assert message == " line 2: [report] max_people_per_page = 2.5 is not a whole number of 1 or more; write max_people_per_page = 500"


def test_date_format_without_a_year_is_rejected_at_load(tmp_path):
    # "%d/%m" writes 27/11 for 27 November 2026 and reads it back as 1900: no whole date
    message = _error(tmp_path, """
        [ingest.date_formats]
        people = ["%Y-%m-%d", "%d/%m"]
    """)
    assert message == (
        ' line 2: [ingest.date_formats] people[1] = "%d/%m" cannot read a whole date '
        '(it needs a year, a month and a day, like "%d/%m/%Y")'
    )


def test_date_format_with_words_only_is_rejected_at_load(tmp_path):
    message = _error(tmp_path, """
        [ingest.date_formats]
        projects = ["YYYY-MM-DD"]
    """)
    assert message.startswith(' line 2: [ingest.date_formats] projects[0] = "YYYY-MM-DD" cannot read a whole date')


def test_unknown_encoding_is_rejected_at_load(tmp_path):
    message = _error(tmp_path, """
        [ingest]
        fallback_encodings = ["latin-9000"]
    """)
    assert message == ' line 2: [ingest] fallback_encodings[0] = "latin-9000" is not a known text encoding; use e.g. "cp1252"'


def test_alias_for_a_column_the_contract_does_not_have_suggests_nearest(tmp_path):
    message = _error(tmp_path, """
        [header_aliases.people]
        employe_id = ["Staff No"]
    """)
    assert message == " line 2: [header_aliases.people] employe_id is not a column of people; did you mean employee_id?"


def test_alias_table_for_an_unknown_kind_suggests_nearest(tmp_path):
    message = _error(tmp_path, """
        [header_aliases.peple]
        employee_id = ["Staff No"]
    """)
    assert message == " line 1: [header_aliases.peple] is not an export kind; did you mean people?"


def test_empty_header_variant_is_rejected(tmp_path):
    # an empty variant would match the empty header of an unnamed column
    message = _error(tmp_path, """
        [header_aliases.any]
        manager_id = ["Line Manager", ""]
    """)
    assert message.startswith(' line 2: [header_aliases.any] manager_id[1] = "" is not a list of header variants')


def test_run_time_and_timezone_checked_at_load(tmp_path):
    assert _error(tmp_path, '[calendar]\nrun_time = "6am"\n') == (
        ' line 2: [calendar] run_time = "6am" is not a time of day as "HH:MM"; write run_time = "06:00"'
    )
    assert _error(tmp_path, '[calendar]\ntimezone = "Mars/Olympus"\n') == (
        ' line 2: [calendar] timezone = "Mars/Olympus" is not a known time zone; use an IANA name like "Europe/Berlin"'
    )


def test_a_partial_file_keeps_every_other_default(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text('[paths]\ninbox = "exports"\n\n[header_aliases.people]\nmanager_id = ["Line Manager ID"]\n')
    settings = load_settings(path)
    defaults = load_settings()
    assert str(settings.inbox) == "exports" and settings.db == defaults.db
    assert settings.max_bad_row_share == defaults.max_bad_row_share
    assert settings.aliases_for("people")["linemanagerid"] == "manager_id"
    assert settings.config_file == path


def test_config_type_error_from_the_cli_is_one_line_exit_2(tmp_path):
    # the real command line: a user mistake is exit 2 and one line on stderr, no traceback
    import subprocess
    import sys

    path = tmp_path / "my.toml"
    path.write_text("[paths]\ninbox = 5\n")
    done = subprocess.run(
        [sys.executable, "-m", "ops.cli", "run", "--config", str(path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f'error: {path} line 2: [paths] inbox = 5 is not a folder path in quotes; write inbox = "data/inbox"\n'
