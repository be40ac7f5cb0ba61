"""Rosters whose manager column holds names (BambooHR "Reports To" = "Lindqvist, Vera"):
names resolved to ids by exact name within the same file; ambiguous or unknown names quarantined."""

from __future__ import annotations

from datetime import date

from transforms.ingest import ingest_file
from transforms.validate import validate

AS_OF = date(2026, 10, 31)
# BambooHR's own headers, every one mapped by the shipped [header_aliases]: "Reports To" holds names.
BAMBOO_HEADER = "Employee #,Employee Name,Reports To,Job Level,Department,Hire Date"
BAMBOO_ROWS = [
    'E01,"Lindqvist, Vera",,staff,core,2015-01-10',
    'E02,"Brandt, Milo","Lindqvist, Vera",senior,core,2018-03-01',
    'E03,"Haddad, Nora","Lindqvist, Vera",senior,nlp,2018-01-08',
    'E04,"Okafor, Stan","Brandt, Milo",mid,core,2021-06-01',
    'E05,"Kim, Ana","Brandt, Milo",mid,core,2021-06-01',
    'E06,"Kim, Ana","Haddad, Nora",junior,nlp,2024-09-01',  # a second Ana Kim
    'E07,"Ito, Ken","Kim, Ana",junior,core,2025-02-01',  # which Ana Kim? ambiguous
    'E08,"Ruiz, Pat","Haddad, Nora",mid,nlp,2020-08-20',
    'E09,"Li, Sam","Haddad, Nora",mid,nlp,2022-01-03',
    'E10,"Fry, Dan","Nobody, Known",mid,nlp,2022-01-03',  # nobody of that name: unknown
    'E11,"Moe, Al","Okafor, Stan",junior,core,2025-03-01',
]


def test_roster_with_manager_names_is_resolved(con, rubric, settings, tmp_path):
    # 10 manager values, none an employee id, 9 a name of the file: the column holds names.
    # 2 bad rows of 11 (18 %) stay under the 20 % gate, so the snapshot is served.
    settings = settings.with_overrides(inbox=tmp_path, archive=tmp_path / "archive", rejected=tmp_path / "rejected")
    path = tmp_path / "people_2026-10-31.csv"
    path.write_text(BAMBOO_HEADER + "\n" + "\n".join(BAMBOO_ROWS) + "\n")
    assert ingest_file(con, path, settings).status == "loaded"

    summary = validate(con, rubric, settings, "run-1", AS_OF)

    assert summary.snapshot_as_of == AS_OF
    managers = dict(con.execute("select employee_id, manager_id from clean_people").fetchall())
    assert managers == {
        "E01": None, "E02": "E01", "E03": "E01", "E04": "E02", "E05": "E02",
        "E06": "E03", "E08": "E03", "E09": "E03", "E11": "E04",
    }
    rows = con.execute("select employee_id, checks, reason from quarantine order by employee_id").fetchall()
    assert rows == [
        ("E07", ["manager_name_unique"],
         "manager 'Kim, Ana' is the name of more than one person in this roster; export the manager's id instead"),
        ("E10", ["manager_name_known"],
         "manager 'Nobody, Known' is nobody's name in this roster (its manager column holds names); "
         "fix the name or export ids"),
    ]
    assert ("people_2026-10-31.csv: the manager column holds names; 8 resolved to employee ids by exact name "
            "within the file, 1 ambiguous and 1 unknown quarantined") in summary.notes


def test_roster_with_manager_ids_is_not_read_as_names(con, inbox, rubric, settings):
    # ids that happen to be names too (E02 is called "E01"): most values are ids, so ids win
    rows = [
        dict(employee_id="E01", name="Ada", manager_id="", level="staff", team="core", hire_date="2015-01-10"),
        dict(employee_id="E02", name="E01", manager_id="E01", level="senior", team="core", hire_date="2018-03-01"),
        dict(employee_id="E03", name="Cy", manager_id="E02", level="mid", team="core", hire_date="2021-06-01"),
    ]
    inbox.load("people", "people_2026-10-31.csv", rows, AS_OF)
    summary = validate(con, rubric, settings, "run-1", AS_OF)
    managers = dict(con.execute("select employee_id, manager_id from clean_people").fetchall())
    assert managers == {"E01": None, "E02": "E01", "E03": "E02"}
    assert not any("holds names" in n for n in summary.notes)
