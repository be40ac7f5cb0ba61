"""What the rendered reports say, for the story org in conftest.py."""

from __future__ import annotations

import csv
import io
import json
import re

import duckdb
import pytest



@pytest.fixture
def run_dir(story_run):
    return story_run


def packet_ids(html: str) -> set[str]:
    return set(re.findall(r'<section class="packet page" id="e-([^"]+)">', html))


def test_manager_page_lists_exactly_the_subtree(run_dir, org):
    m1 = (run_dir / "managers" / "M1.html").read_text()
    # M1's org: E1 and E2 directly (their packets are here), E3 through E1 (listed; packet on E1's page)
    assert packet_ids(m1) == {"E1", "E2"} and 'href="E1.html#e-E3">Eli Junior</a>' in m1
    for outsider in ("M0", "M2", "E4", "E5", "E6", "E8"):
        assert org.names[outsider] not in m1, outsider
    # E1 mentored E4 (outside M1's org): shown without a name
    assert "with Eli Junior" in m1 and "with someone outside this team" in m1
    m2 = (run_dir / "managers" / "M2.html").read_text()
    assert packet_ids(m2) == {"E4", "E5", "E6", "E8"}
    assert "Cam Ready" not in m2 and "Jo Gone" not in m2
    # the top manager's page: packets of the direct reports, everyone else listed; E1 manages only E3
    m0 = (run_dir / "managers" / "M0.html").read_text()
    assert packet_ids(m0) == {"M1", "M2"}
    assert all(org.names[e] in m0 for e in ("E1", "E3", "E5", "E6", "E8"))
    assert packet_ids((run_dir / "managers" / "E1.html").read_text()) == {"E3"}
    assert sorted(p.name for p in (run_dir / "managers").iterdir()) == ["E1.html", "M0.html", "M1.html", "M2.html"]


def test_evidence_lists_read_as_the_rows_behind_them(run_dir):
    """E1's evidence cells on M1's page, written from conftest's clean rows: projects by start date
    (P-21 is active, so it runs "to now"), mentoring by date with the mentee named inside M1's org only."""
    m1 = (run_dir / "managers" / "M1.html").read_text()
    assert ('<ul class="evidence"><li><b>P-17 Churn model v2</b> <i>lead, project scope, high impact, done; '
            '2024-02-01 to 2024-11-01</i></li><li><b>P-21 Search ranking</b> <i>contributor, feature scope, '
            'medium impact, active; 2025-01-05 to now</i></li></ul>') in m1
    assert ('<ul class="evidence"><li>2025-04-01 <b>Weekly mentoring</b> <i>mentoring, team audience, with Eli '
            'Junior</i></li><li>2025-06-01 <b>Onboarding buddy</b> <i>mentoring, team audience, with someone outside '
            'this team</i></li></ul>') in m1
    assert '<ul class="evidence"><li><b>kubernetes</b> <i>proficiency 2, manager assessment, 2025-10-01</i></li></ul>' in m1


def test_gaps_list_measured_shortfalls_heaviest_first_then_what_was_not_measured(run_dir, rubric):
    """E4 (junior -> mid) delivered nothing and has no skills export: every measured criterion is a gap
    (weight 3, then the two of weight 2 by id, then weight 1) and both skill criteria are unmeasured."""
    m2 = (run_dir / "managers" / "M2.html").read_text()
    packet = m2[m2.index('id="e-E4"'):]
    gaps = packet[packet.index("<h4>Gaps and what the ladder suggests</h4>"):packet.index("</ul>")]
    remedy = {c.id: c.remedy for c in rubric.promotion("junior").criteria}
    assert re.findall(r"<li(?: class=\"muted\")?>(.*?)</li>", gaps) == [
        f"<b>Delivers projects independently</b>: 0 of 2. {remedy['independent_delivery']}",
        f"<b>Has built an end-to-end project</b>: 0 of 1. {remedy['end_to_end_project']}",
        f"<b>Leads small projects or features</b>: 0 of 1. {remedy['leads_small_projects']}",
        f"<b>Improves team processes</b>: 0 of 1. {remedy['improves_team_processes']}",
        "Works well in a deep learning framework: not measured (its source export was not loaded).",
        "Knows the MLOps basics: not measured (its source export was not loaded).",
    ]
    # the criteria table: the unmeasured skill criteria show no points and no source data
    assert ("<tr><td>Works well in a deep learning framework<br><code>dl_framework</code></td><td>not measured</td>"
            "<td>3</td><td>1</td><td>–</td><td><i>no source data</i></td>\n<td><i>none</i></td></tr>") in packet


def test_changes_per_subtree(run_dir):
    m1 = (run_dir / "managers" / "M1.html").read_text()
    # E1 was on_track in r1 and is ready now; E7 was in M1's org in r1 and is gone
    assert re.search(r"newly ready \(1\)</th><td>\s*Cam Ready", m1)
    assert re.search(r"left \(1\)</th><td>\s*Jo Gone", m1)
    index = (run_dir / "index.html").read_text()
    assert re.search(r"promoted \(1\)</th><td>\s*Kim Promoted", index)
    assert re.search(r"newly stuck \(1\)</th><td>\s*=cmd", index)
    # r1b (failed, later snapshot) is not the comparison point
    assert "Compared with run <code>r1</code>" in index


def test_packet_shows_what_the_score_is_made_of(run_dir):
    m1 = (run_dir / "managers" / "M1.html").read_text()
    e1 = m1[m1.index('id="e-E1"'):]
    # system_design: weight 3 of 10, met -> 30 points; domain_depth 2 of 3 at weight 1 -> 6.7
    assert "system_design</code></td><td>1</td><td>1</td><td>3</td><td>30.0</td>" in e1
    assert "domain_depth</code></td><td>2</td><td>3</td><td>1</td><td>6.7</td>" in e1
    assert "P-17</b>" not in e1 and "<b>P-17 Churn model v2</b>" in e1
    assert "2025-02-03 <b>Serving roadmap</b>" in e1
    assert "<b>kubernetes</b> <i>proficiency 2, manager assessment, 2025-10-01" in e1
    assert "Pick a domain and build a track record of projects in it." in e1  # the ladder's remedy for the gap
    m2 = (run_dir / "managers" / "M2.html").read_text()
    assert "Ask for more responsibility explicitly; Demonstrate initiative on current tasks" in m2
    assert "past the ceiling</strong> by 1 year 6 months" in m2  # 4.5 years against a realistic max of 3
    # the junior window is drawn once on M2's page, with colours as attributes (CSS does not reach a <use>
    # copy), and E4's window bar reuses it: on a 5-year axis (ceiling 3 + 2) of 320 px, 4.5 years is 10 + 4.5 x 64
    assert m2.count('<symbol id="w-junior"') == 1 and 'fill="#cfe3f7"' in m2
    e4 = m2[m2.index('id="e-E4"'):m2.index('id="e-E5"')]
    assert '<use href="#w-junior"/><line class="marker st-stuck" x1="298.0"' in e4


def test_injected_script_name_is_escaped(run_dir, org):
    for page in ("index.html", "managers/M1.html", "managers/M0.html"):
        html = (run_dir / page).read_text()
        assert org.script_name not in html
        assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    # the only script element is the index's people search (allowed by its CSP hash), never a name
    for html_file in run_dir.rglob("*.html"):
        html = html_file.read_text().lower()
        assert html.count("<script") == (1 if html_file.name == "index.html" else 0), html_file.name
        assert "<script>(function () {" in html or html_file.name != "index.html"


def test_formula_name_is_neutralised_in_every_csv(run_dir, org):
    for name in ("readiness.csv", "stuck.csv", "quarantine.csv", "changes.csv"):
        rows = list(csv.reader(io.StringIO((run_dir / name).read_text())))
        cells = [c for row in rows for c in row]
        assert "'" + org.formula_name in cells, name
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), name
    readiness = {r["employee_id"]: r for r in csv.DictReader(io.StringIO((run_dir / "readiness.csv").read_text()))}
    assert readiness["E1"]["years_in_level"] == "3.2" and readiness["E1"]["readiness_score"] == "91.7"
    stuck = list(csv.DictReader(io.StringIO((run_dir / "stuck.csv").read_text())))
    # E4: 4.5 years in junior against a realistic ceiling of 3 -> 1.5 years past
    assert [(r["employee_id"], r["years_past_ceiling"]) for r in stuck] == [("E4", "1.5")]


def test_no_salary_or_gender_in_manager_pages_or_csvs(run_dir, org):
    private = list((run_dir / "managers").iterdir()) + list(run_dir.glob("*.csv")) + [
        run_dir / "index.html", run_dir / "stuck.html", run_dir / "run.json", run_dir / "data-quality.html"]
    con = duckdb.connect()
    for path in run_dir.glob("*.parquet"):  # every value of every column, as text
        cols = [r[0] for r in con.execute(f"describe select * from '{path}'").fetchall()]
        assert not {"base_salary", "currency", "gender"} & set(cols), path.name
        cells = con.execute(f"select list(columns(*)::varchar) from '{path}'").fetchone()
        private.append((path, " ".join(str(c) for c in cells)))
    for path in private:
        path, text = path if isinstance(path, tuple) else (path, path.read_text())
        assert org.salary not in text and "987654" not in text, path.name
        for gender in org.genders:
            assert gender not in text, path.name
    header = next(csv.reader(io.StringIO((run_dir / "readiness.csv").read_text())))
    assert not {"base_salary", "currency", "gender"} & set(header)


def test_fairness_suppresses_small_groups(run_dir, org):
    html = (run_dir / "fairness.html").read_text()
    # 7 scored engineers: gx-alpha 5, gx-beta 2 -> gx-beta is under 5, and gx-alpha is hidden too
    # (otherwise gx-beta's size would be the org total minus gx-alpha's)
    assert org.genders[0] not in html and org.genders[1] not in html
    assert "2 group(s) suppressed" in html


def test_every_page_is_self_contained_and_says_where_it_comes_from(run_dir, rubric):
    pages = sorted(run_dir.rglob("*.html"))
    assert len(pages) == 8
    for page in pages:
        html = page.read_text()
        assert "http://" not in html and "https://" not in html, page.name
        assert ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                "style-src &#39;unsafe-inline&#39;; img-src data:") in html
        assert "Recommendation for human review, not a decision." in html
        assert "What a score is made of" in html
        assert "as of 2026-03-01" in html and f"version {rubric.version}" in html
        assert "ml-engineer-ladder.yaml" in html and rubric.sha256 in html
        assert "a" * 64 in html and "d" * 64 in html  # the input file hashes
        assert "@media print" in html


def test_data_quality_page(run_dir):
    html = (run_dir / "data-quality.html").read_text()
    assert "base_salary failed a check (value withheld)" in html
    assert "unparseable_row" in html and "unterminated quote" in html
    assert "<code>invalid_decimal</code></td><td class=\"n\">1</td>" in html
    # mlops_basics for E4: skills never exported -> measured for 0 of 1 engineers
    assert re.search(r"mlops_basics</code></td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">0.0%", html)


def test_parquet_files_and_run_manifest(run_dir):
    con = duckdb.connect()
    count = lambda name, where="true": con.execute(f"select count(*) from '{run_dir / name}' where {where}").fetchone()[0]
    # 7 engineers and 3 managers (not scored) in r2
    assert count("readiness.parquet") == 10 and count("readiness.parquet", "status = 'ready'") == 2
    # E1 mid -> senior and E4 junior -> mid: 6 criteria each
    assert count("criteria.parquet") == 12 and count("criteria.parquet", "employee_id = 'E1'") == 6
    e1 = con.execute(f"select sum(contribution) from '{run_dir / 'criteria.parquet'}' where employee_id = 'E1'").fetchone()[0]
    assert e1 == pytest.approx(91.6667, abs=1e-3)
    # E1's evidence: system_design p:1, technical_direction a:1 a:2, mentoring a:3 a:4, cross_functional p:1,
    # domain_depth p:1 p:2, mlops_depth s:1 -> 9 rows (p:1 three times), E4 has none
    assert count("evidence.parquet") == 9
    assert con.execute(f"select evidence_kind, count(*) from '{run_dir / 'evidence.parquet'}' group by all order by 1"
                       ).fetchall() == [("activity", 4), ("project", 4), ("skill", 1)]
    assert con.execute(f"select label, detail from '{run_dir / 'evidence.parquet'}' where row_id = 'p:2'").fetchall() == [
        ("P-21 Search ranking", "contributor, feature scope, medium impact, active; 2025-01-05 to now")]
    manifest = json.loads((run_dir / "run.json").read_text())
    assert manifest["run_id"] == "r2" and manifest["previous_run_id"] == "r1" and manifest["as_of"] == "2026-03-01"
    assert manifest["rows"] == {"readiness.csv": 10, "readiness.parquet": 10, "stuck.csv": 1, "quarantine.csv": 4,  # q:1-q:3 and one unparseable line
                                "changes.csv": 5, "criteria.parquet": 12, "evidence.parquet": 9}
    assert manifest["status_counts"] == {"ready": 2, "on_track": 3, "stuck": 1, "watch": 1, "not_scored": 3}
    assert sorted(f["sha256"][0] for f in manifest["input_files"]) == ["a", "b", "c", "d"]
    changes = {r["employee_id"]: r["change"] for r in csv.DictReader(io.StringIO((run_dir / "changes.csv").read_text()))}
    assert changes == {"E1": "newly_ready", "E4": "newly_stuck", "E5": "newly_ready", "E7": "left", "E8": "promoted"}
    # 8 pages, 4 CSV, 3 Parquet, run.json
    assert len([p for p in run_dir.rglob('*') if p.is_file()]) == 16


def test_quarantined_engineer_listed_on_manager_page(run_dir, org):
    pages = {p.stem: p.read_text() for p in (run_dir / "managers").iterdir()}
    # E9 Lou Missing's row names E1 as manager but failed level_known and base_salary_is_number:
    # listed on E1's page and on the pages above E1 (M1, M0), never on M2's
    row = ("<td>Lou Missing</td><td>E9</td><td>Cam Ready</td><td>their level is not a level of the career ladder; "
           "a confidential field could not be read (the people team can see which)</td>")
    for page in ("E1", "M1", "M0"):
        assert "roster rows that failed validation (1)" in pages[page] and row in pages[page], page
    assert "Lou Missing" not in pages["M2"] and "failed validation" not in pages["M2"]
    # q:1 (no raw row, so no manager to place it under) is on no manager page
    assert all(org.formula_name not in html for html in pages.values())
    # the reason is made of check names, never of the row's text ('Junoir', the salary)
    assert all("Junoir" not in html and org.salary not in html for html in pages.values())


def test_packet_says_which_evidence_rows_were_not_used(run_dir):
    m1 = (run_dir / "managers" / "M1.html").read_text()
    e2, e1 = m1[m1.index('id="e-E2"'):m1.index('id="e-E1"')], m1[m1.index('id="e-E1"'):]  # E2 sorts first
    # q:3 quarantined (status 'paused'), P-30 cancelled, s:2 a self-assessment; E2 has no unused rows
    assert ("<dt>Evidence not used</dt><dd class=\"unused\">1 project row(s) quarantined (status is not one of the "
            "allowed values); 1 project row(s) not eligible (project status cancelled does not count); "
            "1 skill assessment(s) not eligible (self-assessment does not count)</dd>") in e1
    assert "Evidence not used" not in e2


def test_pages_explain_the_statuses(run_dir, rubric):
    ready_score = f"{rubric.statuses.ready_score:g}"
    for page in sorted(run_dir.rglob("*.html")):
        html = page.read_text()
        # the glossary, with the rubric's own thresholds (never numbers typed into a template)
        assert "What the statuses mean" in html and f"score at least {ready_score} and" in html, page.name
        assert f"within {rubric.statuses.watch_months_before_ceiling:g} months of the realistic maximum" in html
        assert "0.0 years" not in html, page.name
    m2 = (run_dir / "managers" / "M2.html").read_text()
    # E6: senior 4.7 years, realistic max 5 -> 0.3 years = 3.6 months -> 4 months; score 55
    assert f'<p class="why">watch: 4.7 years in level, 4 months from the 5-year ceiling, score 55 &lt; {ready_score}</p>' in m2
    # E4: junior 4.5 years, realistic max 3
    assert f'<p class="why">stuck: 4.5 years in level, 1 year 6 months past the 3-year ceiling, score 22 &lt; {ready_score}</p>' in m2
    # E3 Eli Junior (packet on E1's page): junior 1.0 years against a 3-year ceiling, score 30
    e1 = (run_dir / "managers" / "E1.html").read_text()
    assert f'<p class="why">on track: 1.0 years in level, 2 years from the 3-year ceiling, score 30 &lt; {ready_score}</p>' in e1
    index = (run_dir / "index.html").read_text()
    # M0, M1, M2 are on the management track
    assert re.search(r'Not scored, by reason \(3\)</h3>.*?<td>management track is not scored by this ladder</td>'
                     r'<td class="n">3</td>', index, re.S)
