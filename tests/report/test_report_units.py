"""Pure pieces of the report stage: CSV neutralisation, adverse impact, file names."""

from __future__ import annotations

import csv
import io

import pytest

from transforms.report.csv_files import csv_text, neutralise, redact_sensitive
from transforms.report.fairness import adverse_impact
from transforms.report.names import safe_file_stem, safe_file_stems


@pytest.mark.parametrize("text", ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_a_quote(text):
    assert neutralise(text) == "'" + text


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    out = csv_text([("name", "text"), ("years", "number"), ("ok", "bool")],
                   [{"name": "-Ann", "years": -1.5, "ok": True}, {"name": "Bo", "years": None, "ok": False}])
    assert list(csv.reader(io.StringIO(out))) == [["name", "years", "ok"], ["'-Ann", "-1.5", "true"], ["Bo", "", "false"]]


def test_a_sensitive_column_is_refused():
    with pytest.raises(ValueError, match="base_salary"):
        csv_text([("employee_id", "text"), ("base_salary", "number")], [])


def test_reasons_about_sensitive_columns_are_withheld():
    assert redact_sensitive("Base_Salary '12x' is not a decimal; level 'X' is unknown") == (
        "base_salary failed a check (value withheld); level 'X' is unknown")


def test_adverse_impact_ratios_with_suppression():
    rows = [
        {"level": "*", "gender_group": "A", "engineers": 10, "ready": 5},  # rate 0.5: the reference
        {"level": "*", "gender_group": "B", "engineers": 8, "ready": 2},  # rate 0.25 -> ratio 0.5, flagged
        {"level": "*", "gender_group": "C", "engineers": 6, "ready": 3},  # hidden: D alone would be derivable
        {"level": "*", "gender_group": "D", "engineers": 2, "ready": 1},  # under 5: hidden
        {"level": "senior", "gender_group": "A", "engineers": 5, "ready": 0},
        {"level": "senior", "gender_group": None, "engineers": 5, "ready": 1},
    ]
    org, senior = adverse_impact(rows)
    assert [(g.group, g.rate, g.ratio, g.below_four_fifths) for g in org.shown] == [
        ("A", 0.5, 1.0, False), ("B", 0.25, 0.5, True)]
    assert org.suppressed_groups == 2
    # nobody ready in the only comparable group: no ratio; "not recorded" is shown but never compared
    assert [(g.group, g.ratio) for g in senior.shown] == [("A", None), ("(not recorded)", None)]


def test_manager_ids_become_safe_unique_file_names():
    assert safe_file_stem("M-17") == "M-17"
    odd = safe_file_stem("../etc/passwd")
    assert "/" not in odd and not odd.startswith(".") and odd.startswith("etc_passwd-")
    stems = safe_file_stems(["Ann", "ann", "a b"])
    assert len({s.lower() for s in stems.values()}) == 3
