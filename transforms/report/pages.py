"""The HTML pages of a run, rendered from the templates in transforms/report/templates (autoescape on)."""

from __future__ import annotations

import base64
import functools
import hashlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import jinja2
from markupsafe import Markup

from transforms.config import CalibrationSettings, ReportSettings
from transforms.contract import STATUSES
from transforms.package_files import package_file
from transforms.report.chart import WINDOW_FILLS, window_axis, window_bar, window_marker, years_in_level_chart
from transforms.report.facts import CHANGE_KINDS, ReportFacts, attach_details, release_details
from transforms.report.fairness import adverse_impact
from transforms.report.forked import process_count
from transforms.report.manager_pages import load_manager_pages, render_manager_pages
from transforms.report.names import safe_file_stems
from transforms.report.plain_words import plain_checks
from transforms.report.why import glossary, span, status_why
from transforms.report.queries import query, table_columns
from transforms.report.tables import SENSITIVE_PATTERN
from transforms.rubric import Rubric

TEMPLATES_DIR = package_file("transforms", "report", "templates")
# No fetch of any kind: only inline styles and data: images; no fonts, frames, forms, and no script
# but the inline ones a page names by hash (content_policy).
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
SEARCH_SCRIPT = "people_search.js"  # the org-wide page's people search, inlined beside the templates


def content_policy(*inline_scripts: str) -> str:
    """CSP allowing exactly these inline scripts (by their sha256) and nothing fetched."""
    if not inline_scripts:
        return CSP
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline_scripts)
    return CSP.replace("; base-uri", f"; script-src {hashes}; base-uri")


@functools.lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Jinja2 with every value escaped and undefined names as errors (one per folder: it caches compiled templates)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["years"] = lambda v: "–" if v is None else f"{v:.1f}"
    env.filters["score"] = lambda v: "–" if v is None else f"{v:.1f}"
    env.filters["num"] = lambda v: "–" if v is None else f"{v:g}"
    env.filters["label"] = lambda v: "–" if v is None else str(v).replace("_", " ")
    env.filters["plain_checks"] = plain_checks
    env.filters["span"] = span
    env.globals.update(CSP=CSP, STATUSES=STATUSES, CHANGE_KINDS=CHANGE_KINDS, window_bar=window_bar,
                       window_marker=window_marker, WINDOW_FILLS=WINDOW_FILLS, why=status_why)
    return env


def score_recipe(facts: ReportFacts, target_levels: set | None = None) -> list[dict]:
    """Per target level (all, or those in `target_levels`), the criteria a score is made of with weight and share of the 100 points."""
    by_level: dict[str, list[dict]] = defaultdict(list)
    for r in facts.recipe_rows:
        if target_levels is not None and r["target_level"] not in target_levels:
            continue
        by_level[r["target_level"]].append(
            {"id": r["criterion_id"], "title": r["title"], "target": r["target"], "weight": r["weight"]})
    out = []
    for level in sorted(by_level, key=lambda lv: facts.level_order.index(lv) if lv in facts.level_order else 99):
        items = sorted(by_level[level], key=lambda i: (-i["weight"], i["id"]))
        total = sum(i["weight"] for i in items) or 1
        for i in items:
            i["points"] = 100 * i["weight"] / total
        out.append({"level": level, "title": facts.level_titles.get(level, level), "criteria": items})
    return out


def _counts_by_level(facts: ReportFacts) -> list[dict]:
    counts = Counter((e.level, e.status) for e in facts.engineers)
    levels = [lv for lv in facts.level_order if any(e.level == lv for e in facts.engineers)]
    levels += sorted({e.level for e in facts.engineers if e.level not in levels}, key=str)
    return [{"level": lv, "title": facts.level_titles.get(lv, lv), "counts": {s: counts[(lv, s)] for s in STATUSES},
             "total": sum(counts[(lv, s)] for s in STATUSES)} for lv in levels]


def _not_scored_reasons(facts: ReportFacts) -> list[tuple[str, int]]:
    """(reason, engineers) of the not_scored engineers, most common first."""
    counts = Counter(e.not_scored_reason or "no reason recorded" for e in facts.engineers if e.status == "not_scored")
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _by_team(facts: ReportFacts, listed: int) -> tuple[list[dict], int]:
    """Readiness of the `listed` largest teams (by name within a size), and how many teams there are."""
    teams: dict[str, list] = defaultdict(list)
    for e in facts.engineers:
        teams[e.team or "(no team)"].append(e)
    largest = sorted(teams.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:listed]
    rows = []
    for team, members in sorted(largest):
        scored = [e for e in members if e.status != "not_scored"]
        scores = [e.readiness_score for e in scored if e.readiness_score is not None]
        rows.append({
            "team": team, "engineers": len(members), "scored": len(scored),
            "counts": Counter(e.status for e in members),
            "ready_pct": 100 * sum(e.status == "ready" for e in scored) / len(scored) if scored else None,
            "mean_score": sum(scores) / len(scores) if scores else None,
        })
    return rows, len(teams)


def _first_per_kind(changes: list[dict], per_kind: int) -> tuple[list[dict], dict[str, int]]:
    """The first `per_kind` changes of each kind (in query order) and the count of each kind."""
    counts = Counter(c["change"] for c in changes)
    seen: Counter = Counter()
    shown = []
    for c in changes:
        seen[c["change"]] += 1
        if seen[c["change"]] <= per_kind:
            shown.append(c)
    return shown, dict(counts)


def has_gender_column(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the roster's people rows carry gender values (the fairness view needs them)."""
    if not {"gender", "row_id"} <= table_columns(con, "clean_people") or "row_id" not in table_columns(con, "roster"):
        return False
    return query(con, "gender_recorded")[0]["people_with_gender"] > 0


def render_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment, rubric: Rubric,
                 limits: ReportSettings = ReportSettings(),
                 progress: Callable[[int, int], None] = lambda done, total: None,
                 borderline_of: Callable[[list[str]], dict] = lambda employee_ids: {},
                 fairness: CalibrationSettings = CalibrationSettings(),
                 write: Callable[[str, str], None] | None = None) -> Iterator[tuple[str, str]]:
    """(relative path, html) of every page of the run; each engineer's packet is on exactly one page.

    Given `write(relative path, html)`, manager pages are rendered by `limits.processes` processes
    ([report] processes); those the forked ones render are written by them and not yielded.

    `borderline_of(ids)` gives, of the index's listed ready and stuck engineers, the borderline ones
    with the rubric changes that flip them (the people team's view only; manager pages never show it).
    """
    stems = safe_file_stems(m for (m,) in con.execute("select distinct manager_id from org_tree order by manager_id").fetchall())
    pages = load_manager_pages(con, facts, stems)
    page_of = {p.id: p.file for p in pages}
    # the header's glossary and the footer's recipe and provenance are the same on every page of
    # the run: rendered once here, not once per page (a manager page's recipe: render_manager_pages)
    macros = env.get_template("_macros.html.j2").module
    common = {"run": facts.run, "level_titles": facts.level_titles, "thresholds": rubric.statuses,
              "glossary_html": macros.glossary_section(glossary(rubric.statuses)),
              "recipe_html": macros.recipe_section(score_recipe(facts)), "provenance_html": macros.provenance(facts.run)}
    chart = years_in_level_chart(facts.engineers, facts.windows, facts.level_order, facts.level_titles,
                                 "Years in current level against the ladder's promotion windows")
    has_gender = has_gender_column(con)
    listed = limits.max_listed
    ready = [e for e in facts.engineers if e.status == "ready"]
    stuck = facts.stuck_engineers()
    listed_stuck = stuck[:max(listed, limits.max_people_per_page)]
    attach_details(con, facts.run.run_id, listed_stuck)  # symptoms and gaps of the people the pages list
    changes, change_counts = _first_per_kind(facts.changes, listed)
    by_team, team_count = _by_team(facts, listed)
    borderline = borderline_of([e.employee_id for e in ready[:listed] + stuck[:listed]])
    managers = sorted(pages, key=lambda p: (-p.engineers, p.name or "", p.id))
    search = query(con, "people_search", run_id=facts.run.run_id, max_rows=limits.search_rows)
    script = Markup((Path(env.loader.searchpath[0]) / SEARCH_SCRIPT).read_text(encoding="utf-8"))
    yield "index.html", env.get_template("index.html.j2").render(
        **common, root="", csp=content_policy(script), search_script=script, search=search,
        search_total=search[0]["people_total"] if search else 0, chart=chart, counts_by_level=_counts_by_level(facts),
        status_totals=Counter(e.status for e in facts.engineers), not_scored_reasons=_not_scored_reasons(facts),
        by_team=by_team, team_count=team_count,
        managers=managers[:listed], manager_count=len(pages), page_of=page_of,
        changes=changes, change_counts=change_counts, has_gender=has_gender, borderline=borderline,
        ready=ready[:listed], ready_count=len(ready), stuck=stuck[:listed], stuck_count=len(stuck),
    )
    yield "stuck.html", env.get_template("stuck.html.j2").render(
        **common, root="", page_of=page_of, stuck=stuck[:limits.max_people_per_page], stuck_count=len(stuck),
    )
    release_details(listed_stuck)
    yield "data-quality.html", render_data_quality(con, facts, env, common, listed)
    yield "fairness.html", env.get_template("fairness.html.j2").render(
        **common, root="", has_gender=has_gender, min_group=fairness.min_group, min_ratio=fairness.min_ratio,
        tables=adverse_impact(query(con, "readiness_by_gender", run_id=facts.run.run_id), fairness.min_group, fairness.min_ratio) if has_gender else [],
    )
    window_symbols = {lv: window_axis(w) for lv, w in facts.windows.items()}
    yield from render_manager_pages(
        con, facts, env, pages, {**common, "root": "../"}, limits.max_people_per_page, listed,
        recipe_for=lambda levels: score_recipe(facts, levels), window_symbols=window_symbols,
        evidence_rules=rubric.evidence, progress=progress, processes=process_count(limits.processes), write=write)


def render_data_quality(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment, common: dict,
                        rows_shown: int) -> str:
    """data-quality.html: what was loaded, rejected, quarantined, and how much each criterion could measure."""
    run_id = facts.run.run_id
    files = query(con, "input_files", run_id=run_id)
    gates = con.execute(
        """select kind, source_file, file_sha256, snapshot_as_of, rows_in, rows_clean, rows_quarantined,
                  rows_superseded, rows_in = rows_clean + rows_quarantined + rows_superseded as conserved,
                  bad_share, passed, reason
           from file_gates where run_id = ? order by kind, source_file""",
        [run_id],
    ).fetchall()
    gate_cols = ["kind", "source_file", "file_sha256", "snapshot_as_of", "rows_in", "rows_clean", "rows_quarantined",
                 "rows_superseded", "conserved", "bad_share", "passed", "reason"]
    gates = [dict(zip(gate_cols, g)) for g in gates]
    rejected = [dict(zip(("original_name", "file_sha256", "reason", "rejected_at"), r)) for r in con.execute(
        "select original_name, file_sha256, reason, rejected_at from rejected_files order by rejected_at, original_name"
    ).fetchall()]
    checks = [dict(zip(("kind", "source_file", "check_name", "engine", "rows_checked", "rows_failed"), r)) for r in con.execute(
        """select kind, source_file, check_name, engine, rows_checked, rows_failed from validation_results
           where run_id = ? order by kind, source_file, rows_failed desc, check_name""", [run_id]
    ).fetchall()]
    bad_rows = query(con, "quarantine_rows", run_id=run_id, sensitive=SENSITIVE_PATTERN)
    return env.get_template("data_quality.html.j2").render(
        **common, root="", files=files, gates=gates, people_gates=[g for g in gates if g["kind"] == "people"],
        rejected=rejected, by_check=query(con, "quarantine_by_check", run_id=run_id), checks=checks,
        bad_rows=bad_rows[:rows_shown], bad_total=len(bad_rows),
        coverage=query(con, "criterion_coverage", run_id=run_id),
    )
