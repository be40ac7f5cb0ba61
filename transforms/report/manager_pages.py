"""managers/<id>.html: one page per manager, covering their whole org and no one else, growing linearly.

Each engineer's full packet is written once, on their direct manager's page. A page shows its
manager's whole org as one summary row per direct sub-org (status counts, a link to that
sub-manager's page), lists up to `max_people_per_page` of the indirect reports (nearest first,
each linking to their packet) and says how many more there are and where they are, then carries
the packets of the direct reports. Pages are rendered in batches: every page's people, chart
input, changes, quarantined people and unused evidence come from one set-based query each over the
whole run, staged in batch order (queries.stage) and read a batch at a time; packet details are
read for the batch and then dropped.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

import duckdb
import jinja2
from markupsafe import Markup

from transforms.report.chart import BIN_YEARS, LAST_BIN, MAX_STACK, PLOTTED_STATUSES, Dot, stacked_chart
from transforms.contract import STATUSES
from transforms.report.facts import ReportFacts, attach_packets, release_details
from transforms.report.forked import ForkedShares, shares
from transforms.report.queries import drop_staged, query, stage, staged_batch
from transforms.rubric import EvidenceRules

BATCH_PACKETS = 20_000  # packets whose details are held in memory at once
BATCH_LISTED = 200_000  # listed people rows per batch


@dataclass
class ManagerPage:
    """One manager's page: who they report to and their org's counts."""

    id: str
    name: str
    file: str  # relative to the run folder
    stem: str
    boss_id: str | None
    engineers: int
    direct_reports: int
    counts: dict[str, int]

    @property
    def link(self) -> str:
        """This page's file as another manager page links to it (they share a folder)."""
        return f"{self.stem}.html"

    @property
    def indirect_reports(self) -> int:
        return self.engineers - self.direct_reports


def load_manager_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, stems: dict[str, str]) -> list[ManagerPage]:
    """Every manager in org_tree with the size and status counts of their org (one query)."""
    pages = []
    for r in query(con, "manager_orgs", run_id=facts.run.run_id):
        m = r["manager_id"]
        pages.append(ManagerPage(
            id=m, name=r["name"], file=f"managers/{stems[m]}.html", stem=stems[m], boss_id=r["boss_id"],
            engineers=r["engineers"], direct_reports=r["direct_reports"], counts={s: r[s] for s in STATUSES},
        ))
    return pages


def _batches(pages: list[ManagerPage], max_people: int) -> Iterator[list[ManagerPage]]:
    """Pages in manager order, in batches of bounded packets and listed rows."""
    batch: list[ManagerPage] = []
    packets = listed = 0
    for p in pages:
        if batch and (packets >= BATCH_PACKETS or listed >= BATCH_LISTED):
            yield batch
            batch, packets, listed = [], 0, 0
        batch.append(p)
        packets += p.direct_reports
        listed += min(p.indirect_reports, max_people)
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


def _sub_orgs(pages: list[ManagerPage]) -> dict[str, list[ManagerPage]]:
    """Manager id -> the pages of the managers reporting directly to them, by name."""
    subs: dict[str, list[ManagerPage]] = defaultdict(list)
    for p in pages:
        if p.boss_id is not None:
            subs[p.boss_id].append(p)
    for rows in subs.values():
        rows.sort(key=lambda p: (p.name or "", p.id))
    return subs


def initial(name: str | None) -> str:
    """The A-Z index letter of a name: its first letter, upper-cased and without accents; '#' otherwise."""
    first = unicodedata.normalize("NFKD", (name or "").strip()[:1]).upper()[:1]
    return first if "A" <= first <= "Z" else "#"


def a_to_z(directs: list, people: list[dict], page_file: Callable[[str], str | None]) -> list[tuple[str, list[tuple]]]:
    """(letter, [(name, employee_id, href)]) of everyone a page shows: packets here, listed people on their manager's page."""
    entries = [(e.name, e.employee_id, f"#e-{e.employee_id}") for e in directs]
    for r in people:
        link = page_file(r["direct_manager_id"])
        entries.append((r["name"], r["employee_id"], f"{link}#e-{r['employee_id']}" if link else None))
    groups: dict[str, list[tuple]] = defaultdict(list)
    for entry in sorted(entries, key=lambda x: ((x[0] or "").casefold(), x[1])):
        groups[initial(entry[0])].append(entry)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))


def render_manager_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment,
                         pages: list[ManagerPage], common: dict, max_people_per_page: int,
                         changes_per_kind: int, recipe_for: Callable[[set], list], window_symbols: dict,
                         evidence_rules: EvidenceRules,
                         progress: Callable[[int, int], None] = lambda done, total: None,
                         processes: int = 1, write: Callable[[str, str], None] | None = None,
                         ) -> Iterator[tuple[str, str]]:
    """(relative path, html) of every manager page, a batch of pages at a time.

    With `processes` > 1 and a `write(relative path, html)`, nothing is yielded: each batch's
    pages are dealt to `processes` forked children that render and `write` them (forked.py)
    while this process queries the next batch; a batch counts as done when all its children
    have succeeded, and the last batch's are waited for before this returns.
    """
    run_id = facts.run.run_id
    by_page = {p.id: p for p in pages}
    subs = _sub_orgs(pages)
    packet_tpl, manager_tpl = env.get_template("packet.html.j2"), env.get_template("manager.html.j2")
    levels = [lv for lv in facts.level_order if lv in facts.windows]
    done = 0
    progress(done, len(pages))
    forked = write is not None and processes > 1
    rendering: tuple[ForkedShares, int] | None = None  # the previous batch's children and its page count

    def finish_rendering() -> None:
        nonlocal done, rendering
        if rendering is not None:
            children, count = rendering
            children.wait()  # on a failure, the except below stops the children not yet reaped
            rendering = None
            done += count
            progress(done, len(pages))

    # Pieces that depend only on which levels a page's direct reports are at: rendered once per
    # set of levels, not once per page.
    macros = env.get_template("_macros.html.j2").module

    @functools.cache
    def recipe_html(next_levels: frozenset) -> Markup:
        return macros.recipe_section(recipe_for(set(next_levels)))

    @functools.cache
    def window_defs(levels: tuple) -> Markup:
        return macros.window_symbols([(lv, window_symbols[lv]) for lv in levels])

    batches = list(_batches(pages, max_people_per_page))
    con.execute("create or replace temp table report_pages "
                "(manager_id varchar primary key, batch_no integer not null, file varchar not null)")
    con.execute("insert into report_pages select unnest($ids::varchar[]), unnest($batches::integer[]), "
                "unnest($files::varchar[])",
                {"ids": [p.id for b in batches for p in b], "batches": [n for n, b in enumerate(batches) for _ in b],
                 "files": [p.link for b in batches for p in b]})
    titles = {"levels": list(facts.level_titles), "titles": [str(t) for t in facts.level_titles.values()]}
    staged = {
        "page_packets": dict(run_id=run_id),
        "page_people": dict(run_id=run_id, max_people=max_people_per_page),
        "chart_stacks": dict(run_id=run_id, bin_years=BIN_YEARS, last_bin=LAST_BIN, statuses=list(PLOTTED_STATUSES),
                             levels=levels, max_stack=MAX_STACK),
        "unused_evidence": dict(run_id=run_id, project_statuses=list(evidence_rules.project_statuses),
                                skill_sources=list(evidence_rules.skill_sources)),
        "quarantined_people": dict(run_id=run_id, max_people=max_people_per_page),
        **({"org_changes": dict(per_kind=changes_per_kind)} if facts.changes else {}),
    }
    try:
        for name, params in staged.items():
            stage(con, name, **params)
        for batch_no, batch in enumerate(batches):
            listed = _grouped(query(con, "people_rows", batch_no=batch_no, **titles))
            stacks = _grouped(staged_batch(con, "chart_stacks", batch_no))
            changes = _grouped(staged_batch(con, "org_changes", batch_no)) if facts.changes else {}
            packet_rows = _grouped(staged_batch(con, "page_packets", batch_no))
            with_packet = [facts.by_id[r["employee_id"]] for rows in packet_rows.values() for r in rows]
            attach_packets(con, run_id, with_packet)  # fills report_batch with the packets' engineers
            unused = _grouped(staged_batch(con, "unused_evidence", batch_no), "employee_id")
            missing = _grouped(staged_batch(con, "quarantined_people", batch_no))

            def render(page: ManagerPage) -> tuple[str, str]:
                directs = [facts.by_id[r["employee_id"]] for r in packet_rows.get(page.id, [])]
                packets = Markup(packet_tpl.render(directs=directs, run=facts.run, level_titles=facts.level_titles,
                                                   thresholds=common["thresholds"], unused_by_id=unused))
                quarantined = missing.get(page.id, [])
                people = listed.get(page.id, [])
                # a team of direct reports only has no chart: their packets show each one's years in level
                dots, longest = _dots(stacks.get(page.id, [])) if page.indirect_reports > 0 else ({}, 0.0)
                page_file = lambda m: by_page[m].link if m in by_page else None  # noqa: E731
                return page.file, manager_tpl.render(
                    **{**common, "recipe_html": recipe_html(frozenset(e.next_level for e in directs))}, manager=page,
                    az=a_to_z(directs, people, page_file),
                    sub_orgs=subs.get(page.id, []), directs=directs, packets=packets,
                    people=people, people_rows=Markup("".join(r["row_html"] for r in people)),
                    people_more=page.indirect_reports - len(people),
                    window_defs=window_defs(tuple(sorted({e.level for e in directs if e.window}))),
                    changes=changes.get(page.id, []),
                    quarantined=quarantined, quarantined_count=quarantined[0]["quarantined_on_page"] if quarantined else 0,
                    change_counts={c["change"]: c["changes_of_kind"] for c in changes.get(page.id, [])},
                    status_totals=page.counts,
                    chart=stacked_chart(dots, longest, facts.windows, facts.level_order, facts.level_titles,
                                        f"Years in level in {page.name}'s org against the ladder's windows") if dots else None,
                )

            if forked:
                finish_rendering()
                rendering = (ForkedShares([s for s in shares(batch, processes) if s], lambda page: write(*render(page))),
                             len(batch))
            else:
                for page in batch:
                    yield render(page)
                done += len(batch)
                progress(done, len(pages))
            release_details(with_packet)  # forked children keep their own copies
        finish_rendering()
    except BaseException:  # failed, interrupted, or the reader stopped: no child outlives this
        if rendering is not None:
            rendering[0].stop()
        raise
    finally:
        drop_staged(con, *staged)
