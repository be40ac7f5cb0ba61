"""Pages that grow linearly with the org: the story org (conftest.py), expectations by hand.

Pages and what each carries (packets in report order, team then name: Ranking before Vision,
and "<script>..." (E2) before "Cam Ready" (E1) because "<" sorts before letters):
  M0  sub-orgs Ari Lead (M1: 3 people) and Bo Lead (M2: 4); packets M2, M1; people below them:
      depth 2 E4 E5 E6 E8 (Ranking) E2 E1 (Vision), then depth 3 E3
  M1  sub-org Cam Ready (E1: 1 person); packets E2, E1; people below them: E3
  M2  no sub-org; packets E4, E5, E6, E8; no one below them
  E1  packet E3
so every engineer but the top (M0, nobody's report) has exactly one packet, on their manager's page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

import pytest

from transforms.config import CalibrationSettings, ReportSettings
from transforms.report import write_reports
from transforms.report.facts import load_facts

PACKET = re.compile(r'<section class="packet page" id="e-([^"]+)">')
ROW_LINK = re.compile(r'<tr><td><a href="([^"#]*)#e-([^"]+)">')
ORG_ROW = re.compile(r'<tr><td><a href="([^"]+)\.html">[^<]*</a> <span class="muted">[^<]*</span></td>((?:<td>\d+</td>)+)</tr>')


def packets(html: str) -> list[str]:
    return PACKET.findall(html)


def people_rows(html: str) -> list[tuple[str, str]]:
    """(page linked, employee) of each people-table row."""
    return ROW_LINK.findall(html)


def org_rows(html: str) -> list[tuple[str, list[int]]]:
    """(sub-manager page, [people, ready, watch, stuck, on track, not scored]) of each sub-org row."""
    return [(page, [int(n) for n in re.findall(r"\d+", cells)]) for page, cells in ORG_ROW.findall(html)]


@pytest.fixture
def pages(story, rubric, tmp_path):
    return write_reports(story, "r2", tmp_path / "reports", rubric)


def test_second_level_page_summarises_each_sub_org_and_carries_only_direct_packets(pages, org):
    m0 = (pages / "managers" / "M0.html").read_text()
    # one row per direct sub-org with its whole org counted by status:
    # M1 = E1 ready, E2 and E3 on track; M2 = E5 ready, E6 watch, E4 stuck, E8 on track
    assert org_rows(m0) == [("M1", [3, 1, 0, 0, 2, 0]), ("M2", [4, 1, 1, 1, 1, 0])]
    # the packets of the direct reports only, never the deeper ones
    assert packets(m0) == ["M2", "M1"]
    # the people below them, nearest first, each linking to the packet on their own manager's page
    assert people_rows(m0) == [("M2.html", "E4"), ("M2.html", "E5"), ("M2.html", "E6"), ("M2.html", "E8"),
                               ("M1.html", "E2"), ("M1.html", "E1"), ("E1.html", "E3")]


def test_people_rows_escape_names_and_show_status_score_and_years_as_the_packets_do(pages):
    m0 = (pages / "managers" / "M0.html").read_text()
    # E2: junior, on track, 40.0 points, 0.8 years, packet on M1's page; a name that is markup stays text
    assert ('<tr><td><a href="M1.html#e-E2">&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;</a> '
            '<span class="muted">E2</span></td><td>Vision</td><td>Junior ML Engineer</td>'
            '<td><span class="status status-on_track">on track</span></td><td>40.0</td><td>0.8</td></tr>\n') in m0
    # E5: ready ahead of the realistic window, 84.0 points after 1.7 years, packet on M2's page
    assert ('<tr><td><a href="M2.html#e-E5">Hana Accel</a> <span class="muted">E5</span></td><td>Ranking</td>'
            '<td>Junior ML Engineer</td><td><span class="status status-ready">ready</span> '
            '<span class="acc" title="ready before the realistic window">accelerated</span></td>'
            '<td>84.0</td><td>1.7</td></tr>\n') in m0


def test_sub_manager_page_lists_only_its_org(pages, org):
    m1 = (pages / "managers" / "M1.html").read_text()
    assert org_rows(m1) == [("E1", [1, 0, 0, 0, 1, 0])]  # Cam Ready's org: Eli Junior, on track
    assert packets(m1) == ["E2", "E1"] and people_rows(m1) == [("E1.html", "E3")]
    for outsider in ("M0", "M2", "E4", "E5", "E6", "E8"):
        assert org.names[outsider] not in m1, outsider
    m2 = (pages / "managers" / "M2.html").read_text()
    assert packets(m2) == ["E4", "E5", "E6", "E8"] and people_rows(m2) == [] and org_rows(m2) == []
    assert packets((pages / "managers" / "E1.html").read_text()) == ["E3"]


def test_every_engineer_has_exactly_one_packet_and_every_link_resolves(pages):
    seen: Counter = Counter()
    for page in pages.rglob("*.html"):
        seen.update(packets(page.read_text()))
    # everyone in the run but M0, who reports to no one
    assert seen == Counter({e: 1 for e in ("M1", "M2", "E1", "E2", "E3", "E4", "E5", "E6", "E8")})
    for page in [pages / "index.html", pages / "stuck.html", *(pages / "managers").iterdir()]:
        for href in re.findall(r'href="([^"]+)"', page.read_text()):
            target, _, anchor = href.partition("#")
            path = (page.parent / target) if target else page
            assert path.exists(), (page.name, href)
            if anchor:
                assert f'id="{anchor}"' in path.read_text(), (page.name, href)


def test_the_chart_is_drawn_for_managers_of_managers_only(pages):
    """M0 and M1 have people below their direct reports; M2 and E1 lead a team of direct reports only."""
    def charted(stem: str) -> bool:
        return "Years in level against the ladder's windows</h2>" in (pages / "managers" / f"{stem}.html").read_text()

    assert [m for m in ("M0", "M1", "M2", "E1") if charted(m)] == ["M0", "M1"]


def test_pages_rendered_one_per_batch_are_the_pages_of_one_batch(story, rubric, tmp_path, monkeypatch):
    """Each page query runs once for the run, staged in batch order; a batch reads only its own rows."""
    from transforms.report import manager_pages

    one = write_reports(story, "r2", tmp_path / "one", rubric, limits=ReportSettings(processes=1))
    monkeypatch.setattr(manager_pages, "BATCH_PACKETS", 1)  # every page closes its batch: 4 batches
    assert len(list(manager_pages._batches(manager_pages.load_manager_pages(
        story, load_facts(story, "r2", rubric), {m: m for m in ("M0", "M1", "M2", "E1")}), 500))) == 4
    four = write_reports(story, "r2", tmp_path / "four", rubric, limits=ReportSettings(processes=1))
    for page in ("M0", "M1", "M2", "E1"):
        assert (four / "managers" / f"{page}.html").read_bytes() == (one / "managers" / f"{page}.html").read_bytes()


def test_engineers_hold_each_repeated_value_once_and_no_details(story, rubric, monkeypatch):
    """At a million engineers, a copy of "Ranking" or "Bo Lead" per person and two empty lists each
    cost about 0.7 KB per engineer: repeated values are one object, details are empty tuples."""
    from transforms.report import facts as facts_module

    monkeypatch.setattr(facts_module, "FETCH_ROWS", 2)  # the rows arrive in five chunks of two
    facts = load_facts(story, "r2", rubric)
    # report order (team, name, id): "=cmd..." and "<script>..." sort before letters
    assert [e.employee_id for e in facts.engineers] == ["M0", "E4", "M2", "E5", "E6", "E8", "E2", "M1", "E1", "E3"]
    e4, e5, e6, e8 = (facts.by_id[i] for i in ("E4", "E5", "E6", "E8"))
    assert all(e.team == "Ranking" and e.team is e4.team for e in (e5, e6, e8))
    assert all(e.manager_name == "Bo Lead" and e.manager_name is e4.manager_name for e in (e5, e6, e8))
    assert e4.level == e5.level == "junior" and e4.level is e5.level
    assert all(e.criteria == () and e.symptoms == () for e in facts.engineers)


def test_the_people_cap_names_how_many_more_and_where(story, rubric, tmp_path):
    out = write_reports(story, "r2", tmp_path / "reports", rubric, limits=ReportSettings(max_people_per_page=2))
    m0 = (out / "managers" / "M0.html").read_text()
    # 7 people below M0's direct reports, the nearest 2 listed (E4, E5 of Ranking), 5 more on the sub-org pages
    assert people_rows(m0) == [("M2.html", "E4"), ("M2.html", "E5")]
    assert "The 2 nearest of 7; 5 more are listed on the sub-org pages above" in m0
    assert packets(m0) == ["M2", "M1"]  # packets are never capped: each is on one page only


def test_index_lists_are_capped_with_counts(story, rubric, tmp_path):
    limits = ReportSettings(max_listed=1)
    write_reports(story, "r1", tmp_path / "reports", rubric, limits=limits)
    out = write_reports(story, "r2", tmp_path / "reports", rubric, limits=limits)
    index = (out / "index.html").read_text()
    ready = index[index.index("Ready for the next level"):index.index("Stuck at level (")]
    # two ready (E1 Vision, E5 Ranking); by team then name, Ranking's Hana Accel comes first
    assert "Ready for the next level (2)" in ready and "Hana Accel" in ready and "Cam Ready" not in ready
    # newly ready: Hana Accel (Ranking) then Cam Ready (Vision): one named, one counted
    assert re.search(r"newly ready \(2\)</th><td>\s*Hana Accel .*?and 1 more", index, re.S)
    managers = index[index.index('id="managers"'):]
    # the largest org: M0 (9 people)
    assert re.findall(r'<a href="managers/([^"]+)\.html">', managers) == ["M0"]
    assert "Manager pages (4)" in managers


def test_a_to_z_and_the_search_table_find_everyone_up_to_the_cap(story, rubric, tmp_path):
    out = write_reports(story, "r2", tmp_path / "reports", rubric, limits=ReportSettings(search_rows=3))
    m1 = (out / "managers" / "M1.html").read_text()
    # M1's page: packets E1 (Cam Ready) and E2 ("<script>...": not a letter, so under #), listed E3 (Eli Junior)
    assert '<nav class="az"><a href="#az-C">C</a><a href="#az-E">E</a><a href="#az-other">#</a></nav>' in m1
    assert '<p class="az" id="az-C"><b>C</b> <a href="#e-E1" title="E1">Cam Ready</a>' in m1
    assert '<p class="az" id="az-E"><b>E</b> <a href="E1.html#e-E3" title="E3">Eli Junior</a>' in m1
    index = (out / "index.html").read_text()
    table = index[index.index('id="people-table"'):index.index("</tbody>")]
    # by name, "<script>..." and "=cmd..." sort before letters, then Ari Lead; 10 people in all
    assert re.findall(r'#e-([^"]+)">', table) == ["E2", "E4", "M1"]
    assert "Find an engineer (10)" in index and "The first 3 of 10 by name" in index
    # the one inline script is allowed by its own hash, and nothing else is
    script = index[index.index("<script>") + len("<script>"):index.index("</script>")]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#39;sha256-{digest}&#39;;" in index and index.count("<script") == 1


def test_fairness_page_takes_its_settings_from_the_configuration(story, rubric, tmp_path):
    # [fairness] min_group 2 shows both groups (gx-alpha 5 scored, gx-beta 2); min_ratio 0.9 is named on the page
    out = write_reports(story, "r2", tmp_path / "reports", rubric,
                        calibration=CalibrationSettings(min_group=2, min_ratio=0.9))
    html = (out / "fairness.html").read_text()
    assert "a ratio under 0.9 (<code>[fairness] min_ratio</code>" in html and "under 0.8" not in html
    # whole org: gx-alpha E1 E3 E4 E6 E8 (1 ready of 5: 0.2), gx-beta E2 E5 (1 ready of 2: 0.5, the reference);
    # 0.2 / 0.5 = 0.4 is under 0.9
    assert re.search(r"<td>gx-alpha</td><td class=\"n\">5</td><td class=\"n\">1</td><td class=\"n\">20.0%</td>"
                     r"<td class=\"n\">0.40</td>.*?below 0.9", html)
