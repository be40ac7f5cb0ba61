"""managers/<id>.html: one page per manager, covering their whole org and no one else, bounded in size.

A page shows a full promotion packet for everyone in the org when the org has at most
`max_packets_per_page` people. A bigger org's page has packets for the direct reports only;
everyone else is a table row grouped under their own manager, whose page holds their packet
(so every engineer's packet is on their direct manager's page). When even that table would
pass MAX_TABLE_ROWS, the page shows per sub-manager status counts and only the flagged people
(ready, stuck, watch), FLAGGED_PER_STATUS of each with "and N more on <sub-manager>'s page".
Pages are rendered in batches: each batch's members, chart input and changes come from a few
set-based queries over org_tree, and packet details are read for the batch and then dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

import duckdb
import jinja2
from markupsafe import Markup

from transforms.report.chart import BIN_YEARS, LAST_BIN, MAX_STACK, PLOTTED_STATUSES, Dot, stacked_chart
from transforms.report.facts import STATUSES, Engineer, ReportFacts, attach_details, release_details
from transforms.report.queries import SQL_DIR, query

MAX_TABLE_ROWS = 5_000  # table rows of one page before it switches to per sub-manager summaries
FLAGGED_STATUSES = ("ready", "stuck", "watch")
FLAGGED_PER_STATUS = 20  # people of each flagged status listed per sub-manager on a summary page
CHANGES_PER_KIND = 50  # names listed per kind of change on one page; the count is always complete
BATCH_PACKETS = 20_000  # packets whose details are held in memory at once
BATCH_ORG_ROWS = 400_000  # org_tree rows (sum of org sizes) joined per batch


@dataclass
class ManagerPage:
    """One manager's page: their org's counts and the layout the org's size gives it."""

    id: str
    name: str
    file: str  # relative to the run folder
    stem: str
    engineers: int
    direct_reports: int
    layout: str  # full | table | summary
    counts: dict[str, int]


def load_manager_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, stems: dict[str, str],
                       max_packets_per_page: int) -> list[ManagerPage]:
    """Every manager in org_tree with the size and status counts of their org (one query)."""
    con.execute(
        "create or replace temp table report_managers as " + _sql("manager_orgs"),
        {"run_id": facts.run.run_id, "max_packets": max_packets_per_page, "max_rows": MAX_TABLE_ROWS},
    )
    rows = con.execute("select * from report_managers").fetchall()
    cols = [d[0] for d in con.description]
    pages = []
    for row in rows:
        r = dict(zip(cols, row))
        m = r["manager_id"]
        pages.append(ManagerPage(
            id=m, name=r["name"], file=f"managers/{stems[m]}.html", stem=stems[m], engineers=r["engineers"],
            direct_reports=r["direct_reports"], layout=r["layout"], counts={s: r[s] for s in STATUSES},
        ))
    return pages


def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def _packets_on(page: ManagerPage) -> int:
    return page.engineers if page.layout == "full" else page.direct_reports


def _batches(pages: list[ManagerPage], facts: ReportFacts) -> Iterator[list[ManagerPage]]:
    """Pages in batches of bounded work; a small org and the small orgs inside it share a batch (packets render once)."""
    by_id = {p.id: p for p in pages}
    root: dict[str, str] = {}

    def full_root(m: str) -> str:
        if m not in root:
            boss = facts.by_id[m].manager_id if m in facts.by_id else None
            up = by_id.get(boss)
            root[m] = full_root(up.id) if by_id[m].layout == "full" and up and up.layout == "full" and up.id != m else m
        return root[m]

    ordered = sorted(pages, key=lambda p: (full_root(p.id), p.id))
    batch: list[ManagerPage] = []
    packets = org_rows = 0
    for p in ordered:
        if batch and (packets >= BATCH_PACKETS or org_rows >= BATCH_ORG_ROWS) and full_root(p.id) != full_root(batch[-1].id):
            yield batch
            batch, packets, org_rows = [], 0, 0
        batch.append(p)
        packets += _packets_on(p)
        org_rows += p.engineers
    if batch:
        yield batch


def _grouped(rows: list[dict], key: str = "manager_id") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def _dots(rows: list[dict]) -> tuple[dict, float]:
    stacks: dict[str, dict[int, tuple[list[Dot], int]]] = defaultdict(dict)
    longest = 0.0
    for r in rows:
        dots, _ = stacks[r["level"]].get(r["bin"], ([], 0))
        dots.append(Dot(r["employee_id"], r["name"], r["status"], r["years_in_level"]))
        stacks[r["level"]][r["bin"]] = (dots, r["bin_size"])
        longest = max(longest, r["longest_years"])
    return stacks, longest


def render_manager_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment,
                         pages: list[ManagerPage], common: dict) -> Iterator[tuple[str, str]]:
    """(relative path, html) of every manager page, a batch of pages at a time."""
    run_id = facts.run.run_id
    by_page = {p.id: p for p in pages}
    packet_tpl, manager_tpl = env.get_template("packet.html.j2"), env.get_template("manager.html.j2")
    levels = [lv for lv in facts.level_order if lv in facts.windows]
    for batch in _batches(pages, facts):
        con.execute("create or replace temp table report_pages (manager_id varchar primary key, layout varchar)")
        con.executemany("insert into report_pages values (?, ?)", [(p.id, p.layout) for p in batch])
        members = _grouped(query(con, "page_members", run_id=run_id))
        flagged = _grouped(query(con, "summary_people", run_id=run_id, statuses=list(FLAGGED_STATUSES),
                                 per_status=FLAGGED_PER_STATUS))
        stacks = _grouped(query(con, "chart_stacks", run_id=run_id, bin_years=BIN_YEARS, last_bin=LAST_BIN,
                                statuses=list(PLOTTED_STATUSES), levels=levels, max_stack=MAX_STACK))
        changes = _grouped(query(con, "org_changes", per_kind=CHANGES_PER_KIND)) if facts.changes else {}
        with_packet = list({r["employee_id"]: facts.by_id[r["employee_id"]]
                            for rows in members.values() for r in rows if r["has_packet"]}.values())
        attach_details(con, run_id, with_packet)
        packets = {
            e.employee_id: Markup(packet_tpl.render(e=e, run=facts.run, level_titles=facts.level_titles))
            for e in with_packet
        }
        for page in batch:
            shown = [(facts.by_id[r["employee_id"]], r["has_packet"]) for r in members.get(page.id, [])]
            dots, longest = _dots(stacks.get(page.id, []))
            yield page.file, manager_tpl.render(
                **common, manager=page, page_file=lambda m: _page_link(by_page, m),
                packets=[packets[e.employee_id] for e, has in shown if has],
                directs=[e for e, has in shown if has] if page.layout != "full" else [],
                everyone=[e for e, _ in shown] if page.layout == "full" else [],
                groups=_table_groups(shown, by_page) if page.layout == "table" else [],
                summaries=_summaries(shown, flagged.get(page.id, []), facts, by_page) if page.layout == "summary" else [],
                sub_managers=[by_page[e.employee_id] for e, has in shown
                              if e.employee_id in by_page and (has or page.layout == "full")],
                changes=changes.get(page.id, []),
                change_counts={c["change"]: c["changes_of_kind"] for c in changes.get(page.id, [])},
                status_totals=page.counts,
                chart=stacked_chart(dots, longest, facts.windows, facts.level_order, facts.level_titles,
                                    f"Years in level in {page.name}'s org against the ladder's windows"),
            )
        release_details(with_packet)


def _page_link(by_page: dict[str, ManagerPage], manager_id: str | None) -> str | None:
    """The file name of a manager's page relative to another manager page, or None when there is none."""
    page = by_page.get(manager_id)
    return f"{page.stem}.html" if page else None


def _table_groups(shown: list[tuple[Engineer, bool]], by_page: dict[str, ManagerPage]) -> list[dict]:
    """Indirect reports grouped under their direct manager (whose page has their packets), by manager name."""
    groups: dict[str, list[Engineer]] = defaultdict(list)
    for e, has_packet in shown:
        if not has_packet:
            groups[e.manager_id].append(e)
    out = [{"manager": by_page.get(m), "manager_id": m, "engineers": rows} for m, rows in groups.items()]
    return sorted(out, key=lambda g: ((g["manager"].name if g["manager"] else "") or "", g["manager_id"] or ""))


def _summaries(shown: list[tuple[Engineer, bool]], flagged: list[dict], facts: ReportFacts,
               by_page: dict[str, ManagerPage]) -> list[dict]:
    """Per manager reporting to the page's manager (`shown` are the direct reports): their org's counts and flagged people."""
    people: dict[str, dict[str, list[Engineer]]] = defaultdict(lambda: defaultdict(list))
    for r in flagged:
        people[r["sub_manager_id"]][r["status"]].append(facts.by_id[r["employee_id"]])
    subs = [by_page[s] for s in people] + [
        p for p in (by_page.get(e.employee_id) for e, _ in shown) if p and p.id not in people]
    out = []
    for sub in sorted({s.id: s for s in subs}.values(), key=lambda s: (s.name or "", s.id)):
        out.append({
            "manager": sub,
            "flagged": [(status, people[sub.id][status], sub.counts[status] - len(people[sub.id][status]))
                        for status in FLAGGED_STATUSES],
        })
    return out
