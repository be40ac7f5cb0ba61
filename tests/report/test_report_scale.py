"""Bounded pages: the story org (conftest.py) rendered with tiny page limits, expectations by hand.

With max_packets_per_page = 2 the orgs are (people in the run, direct reports):
  M0 9 (M1, M2)        -> table: packets M1, M2; rows E1, E2 under M1, E3 under E1, E4 E5 E6 E8 under M2
  M1 3 (E1, E2)        -> table: packets E1, E2; row E3 under E1 (E1's page has E3's packet)
  M2 4 (E4 E5 E6 E8)   -> table: packets for all four (all direct), no rows
  E1 1 (E3)            -> full: packet E3
so every engineer but the top (M0, nobody's report) has exactly one packet, on their manager's page.
People are listed in report order, team then name: Ranking before Vision, and "<script>..." (E2)
before "Cam Ready" (E1) because "<" sorts before letters.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

import transforms.report.manager_pages as manager_pages
import transforms.report.pages as pages
from transforms.report import write_reports

PACKET = re.compile(r'<section class="packet page" id="e-([^"]+)">')
ROW_LINK = re.compile(r'<tr><td><a href="([^"#]*)#e-([^"]+)">')


def packets(html: str) -> list[str]:
    return PACKET.findall(html)


def table_rows(html: str) -> list[tuple[str, str]]:
    """(page linked, employee) of each people-table row that links to a packet on another page."""
    return [(page, eid) for page, eid in ROW_LINK.findall(html) if page]


@pytest.fixture
def small_pages(story, rubric, tmp_path):
    return write_reports(story, "r2", tmp_path / "reports", rubric, max_packets_per_page=2)


def test_top_page_has_packets_for_direct_reports_and_rows_for_the_rest(small_pages, org):
    m0 = (small_pages / "managers" / "M0.html").read_text()
    assert packets(m0) == ["M2", "M1"]
    # rows grouped under each person's own manager (groups by manager name: Ari Lead, Bo Lead, Cam Ready),
    # each row linking to the packet on that manager's page
    assert table_rows(m0) == [("M1.html", "E2"), ("M1.html", "E1"),
                              ("M2.html", "E4"), ("M2.html", "E5"), ("M2.html", "E6"), ("M2.html", "E8"),
                              ("E1.html", "E3")]
    assert re.search(r'<h3 class="group"><a href="E1.html">Cam Ready</a> <span class="muted">E1 · 1 direct report</span>', m0)


def test_sub_manager_page_lists_only_its_org(small_pages, org):
    m1 = (small_pages / "managers" / "M1.html").read_text()
    assert packets(m1) == ["E2", "E1"]
    assert table_rows(m1) == [("E1.html", "E3")]
    for outsider in ("M0", "M2", "E4", "E5", "E6", "E8"):
        assert org.names[outsider] not in m1, outsider
    m2 = (small_pages / "managers" / "M2.html").read_text()
    assert packets(m2) == ["E4", "E5", "E6", "E8"] and table_rows(m2) == []
    assert packets((small_pages / "managers" / "E1.html").read_text()) == ["E3"]


def test_every_engineer_has_exactly_one_packet_and_every_link_resolves(small_pages):
    seen: Counter = Counter()
    for page in (small_pages / "managers").iterdir():
        seen.update(packets(page.read_text()))
    # everyone in the run but M0, who reports to no one
    assert seen == Counter({e: 1 for e in ("M1", "M2", "E1", "E2", "E3", "E4", "E5", "E6", "E8")})
    for page in [small_pages / "index.html", small_pages / "stuck.html", *(small_pages / "managers").iterdir()]:
        for href in re.findall(r'href="([^"]+)"', page.read_text()):
            target, _, anchor = href.partition("#")
            path = (page.parent / target) if target else page
            assert path.exists(), (page.name, href)
            if anchor:
                assert f'id="{anchor}"' in path.read_text(), (page.name, href)


def test_an_org_too_big_for_a_table_is_summarised_per_sub_manager(story, rubric, tmp_path, monkeypatch, org):
    monkeypatch.setattr(manager_pages, "MAX_TABLE_ROWS", 3)  # M0 has 7 people below its direct reports
    monkeypatch.setattr(manager_pages, "FLAGGED_PER_STATUS", 1)
    story.execute("update readiness set status = 'ready' where run_id = 'r2' and employee_id = 'E6'")
    out = write_reports(story, "r2", tmp_path / "reports", rubric, max_packets_per_page=2)
    m0 = (out / "managers" / "M0.html").read_text()
    assert packets(m0) == ["M2", "M1"] and table_rows(m0) == []
    # Bo Lead's org: E4 stuck, E5 + E6 ready (one listed: Hana before Ivy), E8 on track (not listed)
    bo = m0[m0.index("Bo Lead</a>'s org"):]
    assert re.search(r'ready \(2\)</span>\s*<a href="M2.html#e-E5">Hana Accel</a>\s*'
                     r'<span class="more-note">and 1 more on <a href="M2.html">Bo Lead\'s page</a>', bo)
    assert 'stuck (1)</span>\n<a href="M2.html#e-E4">' in bo
    summary = m0[m0.index("The org below the direct reports"):m0.index('id="packets"')]
    assert "Ivy Watch" not in summary and "Kim Promoted" not in summary
    # Ari Lead's org: only E1 is flagged (ready); the on-track E2 and E3 are counted, not named
    ari = m0[m0.index("Ari Lead</a>'s org"):m0.index("Bo Lead</a>'s org")]
    assert re.search(r'ready \(1\)</span>\s*<a href="M1.html#e-E1">Cam Ready</a>', ari)
    assert "Eli Junior" not in summary
    # the counts table: M1's org is 1 ready, 2 on track; M2's is 2 ready, 1 stuck, 1 on track
    assert re.search(r'M1</span></td><td class="n">3</td><td class="n">1</td><td class="n">0</td><td class="n">0</td>'
                     r'<td class="n">2</td><td class="n">0</td>', m0)


def test_index_lists_are_capped_with_counts(story, rubric, tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "READY_LISTED", 1)
    monkeypatch.setattr(pages, "MANAGERS_LISTED", 2)
    monkeypatch.setattr(pages, "CHANGES_PER_KIND", 1)
    write_reports(story, "r1", tmp_path / "reports", rubric)
    out = write_reports(story, "r2", tmp_path / "reports", rubric)
    index = (out / "index.html").read_text()
    ready = index[index.index("Ready for the next level"):index.index("Stuck at level (")]
    # two ready (E1 Vision, E5 Ranking); by team then name, Ranking's Hana Accel comes first
    assert "Ready for the next level (2)" in ready and "Hana Accel" in ready and "Cam Ready" not in ready
    # newly ready: Hana Accel (Ranking) then Cam Ready (Vision): one named, one counted
    assert re.search(r"newly ready \(2\)</th><td>\s*Hana Accel .*?and 1 more", index, re.S)
    managers = index[index.index('id="managers"'):]
    # the two largest orgs: M0 (9 people) and M2 (4)
    assert re.findall(r'<a href="managers/([^"]+)\.html">', managers) == ["M0", "M2"]
    assert "Manager pages (4)" in managers
