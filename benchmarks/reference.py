"""The benchmark's two references for a run's readiness table, compared row by row.

1. Scoring arithmetic and status rules: benchmarks/reference_readiness.sql recomputes every
   engineer's score, status, accelerated flag and next level in plain SQL from the ladder
   YAML's numbers (read here with yaml, not through transforms.rubric) and the measured
   value of each criterion.
2. The demo org's story engineers: their hand-computed status, accelerated flag,
   symptoms, level-start source and score (demo/stories.py) against the run.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import yaml

SCORE_TOLERANCE = 1e-6  # both sides are doubles from the same inputs
STORY_SCORE_DECIMALS = 1  # stories give the score to one decimal, computed by hand


def _ladder_tables(con: duckdb.DuckDBPyConnection, ladder: Path) -> None:
    """ref_criteria, ref_promotions, ref_levels, ref_tracks, ref_statuses from the ladder YAML."""
    doc = yaml.safe_load(Path(ladder).read_text(encoding="utf-8"))
    tracks = {t["id"]: bool(t.get("scored", True)) for t in doc["tracks"]}
    promoted_from = {p["from"] for p in doc["promotions"]}
    tables = {
        "ref_tracks (track_id varchar, scored boolean)": list(tracks.items()),
        "ref_levels (level_id varchar, scored boolean)": [
            (lv["id"], tracks.get(lv["track"], False) and not lv.get("not_scored") and lv["id"] in promoted_from)
            for lv in doc["levels"]],
        "ref_promotions (from_level varchar, to_level varchar, accelerated_min double, realistic_min double, "
        "realistic_max double)": [
            (p["from"], p["to"], p["accelerated_years"]["min"], p["realistic_years"]["min"], p["realistic_years"]["max"])
            for p in doc["promotions"]],
        "ref_criteria (from_level varchar, criterion_id varchar, target double, weight double)": [
            (p["from"], c["id"], c["target"], c["weight"]) for p in doc["promotions"] for c in p["criteria"]],
        "ref_statuses (ready_score double, watch_months_before_ceiling double, watch_low_score double)": [
            (doc["statuses"]["ready_score"], doc["statuses"]["watch_months_before_ceiling"],
             doc["statuses"]["watch_low_score"])],
    }
    for ddl, rows in tables.items():
        name = ddl.split(" ", 1)[0]
        con.execute(f"create or replace temp table {ddl}")
        con.executemany(f"insert into {name} values ({', '.join('?' for _ in rows[0])})", rows)


def scoring_mismatches(con: duckdb.DuckDBPyConnection, run_id: str, ladder: Path) -> tuple[int, list[str]]:
    """(engineers compared, one line per engineer whose readiness row differs from the reference)."""
    _ladder_tables(con, ladder)
    sql = (Path(__file__).parent / "reference_readiness.sql").read_text(encoding="utf-8")
    rows = con.execute(
        f"""with reference as ({sql})
            select r.employee_id, r.readiness_score, r.status, r.accelerated, r.next_level,
                   x.readiness_score, x.status, x.accelerated, x.next_level
            from readiness as r join reference as x using (employee_id)
            where r.run_id = $run_id
            order by r.employee_id""",
        {"run_id": run_id},
    ).fetchall()
    out = []
    for eid, score, status, accelerated, next_level, ref_score, ref_status, ref_accelerated, ref_next in rows:
        same_score = (score is None and ref_score is None) or (
            score is not None and ref_score is not None and abs(score - ref_score) <= SCORE_TOLERANCE)
        if not same_score or (status, accelerated, next_level) != (ref_status, ref_accelerated, ref_next):
            out.append(f"{eid}: pipeline {status} {score} accelerated={accelerated} next={next_level}; "
                       f"reference {ref_status} {ref_score} accelerated={ref_accelerated} next={ref_next}")
    return len(rows), out


def story_mismatches(con: duckdb.DuckDBPyConnection, run_id: str, stories) -> list[str]:
    """One line per story engineer whose readiness row is not the story's hand-computed one."""
    rows = {r[0]: r[1:] for r in con.execute(
        "select employee_id, status, accelerated, symptoms, level_start_source, readiness_score "
        "from readiness where run_id = ?", [run_id]).fetchall()}
    out = []
    for s in stories:
        got = rows.get(s.employee_id)
        if s.expected_status == "absent":
            if got is not None:
                out.append(f"{s.name} ({s.employee_id}): expected absent, found {got[0]}")
            continue
        if got is None:
            out.append(f"{s.name} ({s.employee_id}): expected {s.expected_status}, not in the readiness table")
            continue
        status, accelerated, symptoms, source, score = got
        problems = []
        if status != s.expected_status:
            problems.append(f"status {status} (expected {s.expected_status})")
        if bool(accelerated) != s.accelerated:
            problems.append(f"accelerated {accelerated} (expected {s.accelerated})")
        if sorted(symptoms or ()) != sorted(s.symptoms):
            problems.append(f"symptoms {list(symptoms or ())} (expected {list(s.symptoms)})")
        if s.level_start_source is not None and source != s.level_start_source:
            problems.append(f"level start from {source} (expected {s.level_start_source})")
        if s.readiness_score is not None and (score is None or round(score, STORY_SCORE_DECIMALS) != s.readiness_score):
            problems.append(f"score {score} (expected {s.readiness_score})")
        if problems:
            out.append(f"{s.name} ({s.employee_id}): " + ", ".join(problems))
    return out
