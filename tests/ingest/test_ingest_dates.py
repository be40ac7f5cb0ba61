"""Text dates are never guessed between day-first and month-first (defect 5 of issue 10).

ISO and unambiguous forms load as delivered; a format pinned for the source in the config is
loaded as ISO; a file whose dates only read under an unpinned format is rejected whole with
the column, an example and the key to set.
"""

from __future__ import annotations

from datetime import date

from transforms.ingest import ingest_file

HEADER = "employee_id,name,manager_id,level,team,hire_date\n"


def _hire_dates(con):
    return con.execute("select employee_id, hire_date from raw_people order by source_line").fetchall()


def test_day_first_roster_without_a_pinned_format_is_rejected_naming_column_example_and_key(con, settings, drop):
    # 01/03/2020 is 1 March to its author; the old default read it as 3 January without a word.
    body = HEADER + "E1,Ann,,Senior,ML,01/03/2020\nE2,Bo,E1,Mid,ML,15/06/2021\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "rejected"
    assert outcome.reason == (
        "people_2026-10-31.csv: has dates in column hire_date like '01/03/2020' that could be day-first or "
        'month-first, which is never guessed; set [ingest.date_formats] people = ["%d/%m/%Y"] or '
        'people = ["%m/%d/%Y"] in the config (whichever your source writes), or export ISO dates (YYYY-MM-DD)'
    )
    assert con.execute("select count(*) from raw_people").fetchone() == (0,)


def test_a_value_only_month_first_reads_is_still_not_taken_without_a_pin(con, settings, drop):
    # 12/31/2019 can only be month-first, but the file's other dates could be either: pin it.
    body = HEADER + "E1,Ann,,Senior,ML,12/31/2019\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "rejected"
    assert "like '12/31/2019' that are in a format that is not pinned (%m/%d/%Y); " \
           'set [ingest.date_formats] people = ["%m/%d/%Y"] in the config' in outcome.reason


def test_pinned_day_first_format_loads_iso_dates(con, settings, drop):
    pinned = settings.with_overrides(pinned_date_formats={"people": ("%d/%m/%Y",)})
    body = HEADER + "E1,Ann,,Senior,ML,01/03/2020\nE2,Bo,E1,Mid,ML,2021-06-15\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), pinned)
    assert outcome.status == "loaded"
    # 01/03/2020 pinned day-first is 1 March; the ISO value beside it is read as ISO.
    assert _hire_dates(con) == [("E1", "2020-03-01"), ("E2", "2021-06-15")]


def test_a_file_name_pattern_pin_wins_over_the_kind_pin(con, settings, drop):
    pinned = settings.with_overrides(
        pinned_date_formats={"people": ("%d/%m/%Y",)}, pinned_date_formats_by_name={"bamboo_*": ("%m/%d/%Y",)}
    )
    body = "employee #,full name,supervisor eid,job level,department,hire date\n101,Ann,,Senior,ML,01/03/2020\n"
    outcome = ingest_file(con, drop("Bamboo_people_2026-10-31.csv", body), pinned)
    assert outcome.status == "loaded"
    assert _hire_dates(con) == [("101", "2020-01-03")]  # month-first, as pinned for bamboo_* files


def test_dates_in_another_format_than_the_pinned_one_are_rejected(con, settings, drop):
    pinned = settings.with_overrides(pinned_date_formats={"people": ("%d.%m.%Y",)})
    body = HEADER + "E1,Ann,,Senior,ML,01.03.2020\nE2,Bo,E1,Mid,ML,03/01/2020\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), pinned)
    assert outcome.status == "rejected"
    assert outcome.reason.startswith(
        "people_2026-10-31.csv: has dates in column hire_date like '03/01/2020' that are not in the format pinned "
        "for it (%d.%m.%Y); set [ingest.date_formats] people = "
    )


def test_unambiguous_text_dates_load_without_configuration(con, settings, drop):
    body = HEADER + "E1,Ann,,Senior,ML,2020-03-01\nE2,Bo,E1,Mid,ML,1 Mar 2020\nE3,Cy,E1,Mid,ML,2020/03/01\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "loaded"
    assert _hire_dates(con) == [("E1", "2020-03-01"), ("E2", "1 Mar 2020"), ("E3", "2020/03/01")]


def test_two_digit_years_are_not_read_as_the_year_20(con, settings, drop):
    # DuckDB's %Y reads '20' as the year 20: 01/03/20 must not pass as 0001-03-20 or 0020-03-01.
    body = HEADER + "E1,Ann,,Senior,ML,01/03/20\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "rejected"
    assert 'people = ["%d/%m/%y"] or people = ["%m/%d/%y"]' in outcome.reason


def test_a_value_no_format_reads_is_left_for_validation_to_quarantine(con, settings, drop):
    body = HEADER + "E1,Ann,,Senior,ML,soon\nE2,Bo,E1,Mid,ML,2021-06-15\n"
    outcome = ingest_file(con, drop("people_2026-10-31.csv", body), settings)
    assert outcome.status == "loaded"
    assert _hire_dates(con) == [("E1", "soon"), ("E2", "2021-06-15")]


def test_an_impossible_iso_shaped_date_loads_for_validation_but_a_day_first_one_after_it_rejects(con, settings, drop):
    # 2021-02-30 has the ISO shape and no day: it can never be a day/month misread.
    body = HEADER + "E1,Ann,,Senior,ML,2021-02-30\nE2,Bo,E1,Mid,ML,2021-06-15\n"
    assert ingest_file(con, drop("people_2026-10-31.csv", body), settings).status == "loaded"
    assert _hire_dates(con) == [("E1", "2021-02-30"), ("E2", "2021-06-15")]
    body = HEADER + "E3,Cy,,Senior,ML,2021-02-30\nE4,Di,E3,Mid,ML,13/06/2021\n"
    outcome = ingest_file(con, drop("people_2026-11-30.csv", body), settings)
    assert outcome.status == "rejected"
    assert "like '13/06/2021' that are in a format that is not pinned (%d/%m/%Y)" in outcome.reason


def test_pinned_as_of_column_gives_the_snapshot_date(con, settings, drop):
    pinned = settings.with_overrides(pinned_date_formats={"people": ("%d/%m/%Y",)})
    body = "employee_id,name,manager_id,level,team,hire_date,as_of\nE1,Ann,,Senior,ML,01/03/2020,02/11/2026\n"
    outcome = ingest_file(con, drop("people_export.csv", body), pinned)
    assert outcome.snapshot_as_of == date(2026, 11, 2)


def _serial_roster(settings, date_1904: bool):
    from tests.defects.workbooks import workbook_bytes

    rows = [[f"E{n}", f"Serial {n}", None, "Mid", "ML", n] for n in (59, 60, 61, 43891)]
    settings.inbox.mkdir(parents=True, exist_ok=True)
    path = settings.inbox / "people_2026-10-31.xlsx"
    path.write_bytes(workbook_bytes(rows=rows, date_1904=date_1904, number_format="yyyy-mm-dd"))
    return path


def test_excel_serial_dates_59_60_61_in_the_1900_system(con, settings):
    outcome = ingest_file(con, _serial_roster(settings, date_1904=False), settings)
    assert outcome.status == "loaded"
    # Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was (serial 60):
    # 59 is 28 Feb, 61 is 1 Mar, 43891 is 2020-03-01. Serial 60 is kept as the text Excel
    # shows, which validation quarantines; calamine alone gave it 1900-02-28, the day before.
    assert _hire_dates(con) == [
        ("E59", "1900-02-28"), ("E60", "1900-02-29"), ("E61", "1900-03-01"), ("E43891", "2020-03-01"),
    ]


def test_excel_serial_dates_in_a_1904_date_system_workbook(con, settings):
    outcome = ingest_file(con, _serial_roster(settings, date_1904=True), settings)
    assert outcome.status == "loaded"
    # The 1904 system counts from 1904-01-01 = 0: serial 59 is 29 Feb 1904 (a real leap day),
    # 60 is 1 Mar, 61 is 2 Mar; 43891 is 1,462 days later than in the 1900 system: 2024-03-02.
    assert _hire_dates(con) == [
        ("E59", "1904-02-29"), ("E60", "1904-03-01"), ("E61", "1904-03-02"), ("E43891", "2024-03-02"),
    ]
