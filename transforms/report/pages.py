"""The HTML pages of a run, rendered from the templates in reports/templates (autoescape on)."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

import duckdb
import jinja2
from markupsafe import Markup

from transforms.config import PROJECT_ROOT
from transforms.report.chart import window_bar, years_in_level_chart
from transforms.report.csv_files import redact_sensitive
from transforms.report.facts import CHANGE_KINDS, STATUSES, ReportFacts
from transforms.report.fairness import MIN_GROUP, adverse_impact
from transforms.report.names import safe_file_stems
from transforms.report.queries import query, table_columns

TEMPLATES_DIR = PROJECT_ROOT / "reports" / "templates"
# No fetch of any kind: only inline styles and data: images; no scripts, fonts, frames, forms.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
QUARANTINE_ROWS_SHOWN = 200


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
    env.globals.update(CSP=CSP, STATUSES=STATUSES, CHANGE_KINDS=CHANGE_KINDS, window_bar=window_bar)
    return env


def score_recipe(facts: ReportFacts) -> list[dict]:
    """Per target level, the criteria a score is made of with weight and share of the 100 points."""
    seen: dict[tuple[str, str], dict] = {}
    for e in facts.engineers:
        for c in e.criteria:
            seen.setdefault((e.next_level, c.id), {"target_level": e.next_level, "id": c.id, "title": c.title, "target": c.target, "weight": c.weight})
    by_level: dict[str, list[dict]] = defaultdict(list)
    for item in seen.values():
        by_level[item["target_level"]].append(item)
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


def _by_team(facts: ReportFacts) -> list[dict]:
    teams: dict[str, list] = defaultdict(list)
    for e in facts.engineers:
        teams[e.team or "(no team)"].append(e)
    rows = []
    for team, members in sorted(teams.items()):
        scored = [e for e in members if e.status != "not_scored"]
        scores = [e.readiness_score for e in scored if e.readiness_score is not None]
        rows.append({
            "team": team, "engineers": len(members), "scored": len(scored),
            "counts": Counter(e.status for e in members),
            "ready_pct": 100 * sum(e.status == "ready" for e in scored) / len(scored) if scored else None,
            "mean_score": sum(scores) / len(scores) if scores else None,
        })
    return rows


def has_gender_column(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the roster's people rows carry gender values (the fairness view needs them)."""
    if not {"gender", "row_id"} <= table_columns(con, "clean_people") or "row_id" not in table_columns(con, "roster"):
        return False
    return query(con, "gender_recorded")[0]["people_with_gender"] > 0


def _common(facts: ReportFacts, root: str) -> dict:
    return {"run": facts.run, "root": root, "level_titles": facts.level_titles, "recipe": score_recipe(facts)}


def render_pages(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
    """(relative path, html) of every page of the run."""
    stems = safe_file_stems(facts.subtrees)
    managers = []
    for m, ids in facts.subtrees.items():
        members = facts.subtree_engineers(m)
        managers.append({
            "id": m, "name": facts.manager_names.get(m, m), "file": f"managers/{stems[m]}.html",
            "engineers": len(members), "ready": sum(e.status == "ready" for e in members),
            "stuck": sum(e.status == "stuck" for e in members),
        })
    managers.sort(key=lambda m: (m["name"] or "", m["id"]))
    page_of = {m["id"]: m["file"] for m in managers}
    chart = years_in_level_chart(facts.engineers, facts.windows, facts.level_order, facts.level_titles,
                                 "Years in current level against the ladder's promotion windows")
    has_gender = has_gender_column(con)
    yield "index.html", env.get_template("index.html.j2").render(
        **_common(facts, ""), facts=facts, chart=chart, counts_by_level=_counts_by_level(facts),
        status_totals=Counter(e.status for e in facts.engineers), by_team=_by_team(facts), managers=managers,
        page_of=page_of, changes=facts.changes, has_gender=has_gender,
        ready=[e for e in facts.engineers if e.status == "ready"],
        stuck=sorted((e for e in facts.engineers if e.status == "stuck"), key=lambda e: -(e.years_past_ceiling or 0)),
    )
    yield "stuck.html", env.get_template("stuck.html.j2").render(
        **_common(facts, ""), page_of=page_of,
        stuck=sorted((e for e in facts.engineers if e.status == "stuck"), key=lambda e: -(e.years_past_ceiling or 0)),
    )
    yield "data-quality.html", render_data_quality(con, facts, env)
    yield "fairness.html", env.get_template("fairness.html.j2").render(
        **_common(facts, ""), has_gender=has_gender, min_group=MIN_GROUP,
        tables=adverse_impact(query(con, "readiness_by_gender", run_id=facts.run.run_id)) if has_gender else [],
    )
    packet = env.get_template("packet.html.j2")
    packets: dict[str, Markup] = {}
    for e in facts.engineers:
        # Counterparts (e.g. mentees) are named only inside the direct manager's subtree,
        # which every page that shows this packet contains.
        visible = set(facts.subtrees.get(e.manager_id, ())) | {e.manager_id}
        names = {i: facts.by_id[i].name for i in visible if i in facts.by_id}
        names.update({e.manager_id: e.manager_name} if e.manager_id else {})
        packets[e.employee_id] = Markup(packet.render(e=e, names=names, run=facts.run, level_titles=facts.level_titles))
    manager_tpl = env.get_template("manager.html.j2")
    for m in managers:
        members = facts.subtree_engineers(m["id"])
        member_ids = {e.employee_id for e in members}
        sub_managers = [s for s in managers if s["id"] in member_ids]
        yield m["file"], manager_tpl.render(
            **_common(facts, "../"), manager=m, engineers=members, packets=packets, sub_managers=sub_managers,
            changes=facts.subtree_changes(m["id"]), status_totals=Counter(e.status for e in members),
            chart=years_in_level_chart(members, facts.windows, facts.level_order, facts.level_titles,
                                       f"Years in level in {m['name']}'s org against the ladder's windows"),
            stems=stems,
        )


def render_data_quality(con: duckdb.DuckDBPyConnection, facts: ReportFacts, env: jinja2.Environment) -> str:
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
    bad_rows = query(con, "quarantine_rows", run_id=run_id)
    for r in bad_rows:
        r["reason"] = redact_sensitive(r["reason"])
    return env.get_template("data_quality.html.j2").render(
        **_common(facts, ""), files=files, gates=gates, people_gates=[g for g in gates if g["kind"] == "people"],
        rejected=rejected, by_check=query(con, "quarantine_by_check", run_id=run_id), checks=checks,
        bad_rows=bad_rows[:QUARANTINE_ROWS_SHOWN], bad_total=len(bad_rows),
        coverage=query(con, "criterion_coverage", run_id=run_id),
    )
