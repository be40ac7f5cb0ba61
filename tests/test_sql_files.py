"""The one SQL-file loader: `{{part}}` placeholders filled in one pass, SQL's own braces left alone."""

from __future__ import annotations

import pytest

from transforms.sql_files import sql_literal, sql_text


def test_placeholders_are_filled_once_and_sql_braces_stay():
    # csv_parsed.sql takes a DuckDB struct literal for `columns`: its braces are SQL, not placeholders,
    # and a value that itself looks like a placeholder is not filled again.
    text = sql_text("transforms.ingest", "sql/csv_parsed", columns="{'c0': 'VARCHAR', 'x': '{{columns}}'}")
    assert "columns = {'c0': 'VARCHAR', 'x': '{{columns}}'}," in text


def test_a_placeholder_not_given_names_the_file_and_the_placeholder():
    with pytest.raises(KeyError, match=r"transforms.validate sql/fates.sql: placeholder \{\{natural_key\}\} was not given"):
        sql_text("transforms.validate", "sql/fates")


def test_sql_literal_doubles_single_quotes():
    assert sql_literal("O'Brien's") == "'O''Brien''s'"
