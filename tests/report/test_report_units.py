"""Pure pieces of the report stage: CSV neutralisation, adverse impact, file names."""

from __future__ import annotations

import csv
import io

import pytest

from transforms.report.fairness import adverse_impact
from transforms.report.names import safe_file_stem, safe_file_stems
from transforms.report.plain_words import plain_check, plain_checks
from transforms.report.tables import SENSITIVE_PATTERN, copy_csv, define_csv_safe
from transforms.sql_files import sql_text
from transforms.warehouse import connect


@pytest.fixture
def con():
    con = connect(":memory:")
    define_csv_safe(con)
    yield con
    con.close()


def _csv(con, tmp_path, query: str, columns, params=None) -> list[list[str]]:
    path = tmp_path / "out.csv"
    copy_csv(con, path, query, columns, params or {})
    with path.open(newline="") as fh:  # keep a carriage return inside a cell as it is
        return list(csv.reader(fh))


@pytest.mark.parametrize("text", ["=cmd()", "+1", "@x", "-2", "=1+1", "+49 30", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_a_quote_in_the_copied_csv(con, tmp_path, text):
    rows = _csv(con, tmp_path, "select $t as name", [("name", "text")], {"t": text})
    assert rows == [["name"], ["'" + text]]


def test_numbers_stay_numbers_and_plain_text_is_untouched(con, tmp_path):
    rows = _csv(con, tmp_path, "select * from (values ('-Ann', -1.5, true, ['a', '=b']), ('Bo', null, false, []))"
                " as t(name, years, ok, ids)", [("name", "text"), ("years", "number"), ("ok", "bool"), ("ids", "ids")])
    # a negative number is a number, not a formula; a joined list is one cell, checked as a whole
    assert rows == [["name", "years", "ok", "ids"], ["'-Ann", "-1.5", "true", "a|=b"], ["Bo", "", "false", ""]]


@pytest.mark.parametrize("text, html", [
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
    ('R&D "north" team', "R&amp;D &#34;north&#34; team"),
    ("&amp; stays text", "&amp;amp; stays text"),  # escaped once more, never taken as markup
    ("Zoë's café ✓", "Zoë&#39;s café ✓"),
    ("plain", "plain"),
])
def test_html_text_escapes_as_the_templates_do(con, text, html):
    """The evidence lists are built in SQL: its escaping must be the templates' own (markupsafe)."""
    from markupsafe import escape

    con.execute(sql_text("transforms.report", "sql/html"))
    assert con.execute("select html_text($t)", {"t": text}).fetchall() == [(html,)]
    assert str(escape(text)) == html


def test_a_sensitive_column_is_refused(con, tmp_path):
    with pytest.raises(ValueError, match="base_salary"):
        copy_csv(con, tmp_path / "x.csv", "select 1 as base_salary", [("employee_id", "text"), ("base_salary", "number")], {})


def test_reasons_about_sensitive_columns_are_withheld(con):
    sql = sql_text("transforms.report", "sql/quarantine_rows")
    con.execute("insert into quarantine (run_id, kind, row_id, file_sha256, source_file, source_line, employee_id, checks, "
                "reason) values ('r', 'people', 'q:1', 'f', 'p.csv', 3, 'E1', ['x'], "
                "'Base_Salary ''12x'' is not a decimal; level ''X'' is unknown')")
    (reason,) = con.execute(f"select reason from ({sql})", {"run_id": "r", "sensitive": SENSITIVE_PATTERN}).fetchone()
    assert reason == "base_salary failed a check (value withheld); level 'X' is unknown"


def test_adverse_impact_ratios_with_suppression():
    rows = [
        {"level": "*", "gender_group": "A", "engineers": 10, "ready": 5},  # rate 0.5: the reference
        {"level": "*", "gender_group": "B", "engineers": 8, "ready": 2},  # rate 0.25 -> ratio 0.5, flagged
        {"level": "*", "gender_group": "C", "engineers": 6, "ready": 3},  # hidden: D alone would be derivable
        {"level": "*", "gender_group": "D", "engineers": 2, "ready": 1},  # under 5: hidden
        {"level": "senior", "gender_group": "A", "engineers": 5, "ready": 0},
        {"level": "senior", "gender_group": None, "engineers": 5, "ready": 1},
    ]
    org, senior = adverse_impact(rows, min_group=5, min_ratio=0.8)  # the shipped [fairness]
    assert [(g.label, g.rate, g.ratio, g.flagged) for g in org.ready.groups] == [
        ("A", 0.5, 1.0, False), ("B", 0.25, 0.5, True)]
    assert org.ready.suppressed_groups == 2
    # B against A: [[2, 6], [5, 5]], weights C(8,x) C(10,7-x) for x = 0..7: 120, 1680, 7056, 11760, 8400, 2520, 280, 8
    # (sum 31824 = C(18,7)); as or less likely than x = 2: 120 + 1680 + 7056 + 2520 + 280 + 8 = 11664 -> p = 0.367
    assert org.ready.groups[1].p_value == pytest.approx(11664 / 31824)
    # nobody ready in the only recorded group: no ratio; "not recorded" is counted, never compared
    assert [(g.label, g.ratio) for g in senior.ready.groups] == [("A", None)] and senior.ready.missing == 5


def test_manager_ids_become_safe_unique_file_names():
    assert safe_file_stem("M-17") == "M-17"
    odd = safe_file_stem("../etc/passwd")
    assert "/" not in odd and not odd.startswith(".") and odd.startswith("etc_passwd-")
    stems = safe_file_stems(["Ann", "ann", "a b"])
    assert len({s.lower() for s in stems.values()}) == 3


def test_check_names_read_as_plain_sentences():
    assert plain_checks(["level_known", "hire_date_is_date", "hire_date_is_date"]) == (
        "their level is not a level of the career ladder; hire date is not a date")
    assert plain_check("track_known") == "their track is not a track of the career ladder"
    # a sensitive column is not named: its check says only that a confidential field failed
    assert plain_check("base_salary_is_number") == plain_check("gender_valid") == (
        "a confidential field could not be read (the people team can see which)")
    assert plain_check("some_new_check") == "some new check"  # an unmapped check still reads as words
