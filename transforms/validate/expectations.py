"""Running a kind's Great Expectations suite on a pandas frame, failures mapped to row_ids.

GX is imported lazily (it costs seconds) and one ephemeral context serves the whole
process. Progress bars are switched off. Results are read with result_format COMPLETE
and `unexpected_index_column_names=["row_id"]`; nothing of them is stored except the
failing row_ids, so no value (salary or otherwise) leaves this module through GX.
"""

from __future__ import annotations

import logging

from dataclasses import dataclass
from typing import Any

_STATE: dict[str, Any] = {}


class ExpectationError(RuntimeError):
    """An expectation could not be evaluated (a bug, not bad data)."""


@dataclass(frozen=True)
class CheckOutcome:
    check: str
    engine: str
    failed_row_ids: list


def _context():
    """The process-wide ephemeral GX context with its pandas datasource (created once)."""
    if "datasource" not in _STATE:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # GX logs an INFO line per ephemeral context; keep the terminal for our summary.
        logging.getLogger("great_expectations").setLevel(logging.WARNING)
        logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        _STATE["gx"] = gx
        _STATE["context"] = context
        _STATE["datasource"] = context.data_sources.add_pandas("readiness_validate")
        _STATE["batch_definitions"] = {}
        _STATE["suites"] = {}
    return _STATE


def _batch_definition(kind: str):
    state = _context()
    if kind not in state["batch_definitions"]:
        asset = state["datasource"].add_dataframe_asset(name=f"{kind}_rows")
        state["batch_definitions"][kind] = asset.add_batch_definition_whole_dataframe(f"{kind}_all_rows")
    return state["batch_definitions"][kind]


def _suite(kind: str, suite_dict: dict):
    state = _context()
    if kind not in state["suites"]:
        state["suites"][kind] = state["gx"].ExpectationSuite(**suite_dict)
    return state["suites"][kind]


def frame_columns(suite_dict: dict) -> list[str]:
    """The frame columns the suite reads, in first-use order."""
    cols: list[str] = []
    for exp in suite_dict["expectations"]:
        kw = exp["kwargs"]
        for key in ("column", "column_A", "column_B"):
            if key in kw and kw[key] not in cols:
                cols.append(kw[key])
    return cols


def run_suite(kind: str, suite_dict: dict, frame, parameters: dict) -> list[CheckOutcome]:
    """Validate `frame` (with a row_id column) against the kind's suite; one outcome per expectation."""
    batch = _batch_definition(kind).get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(
        _suite(kind, suite_dict),
        result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": ["row_id"],
            "return_unexpected_index_query": False,
        },
        expectation_parameters=parameters,
    )
    outcomes = []
    for res in result.results:
        meta = res.expectation_config.meta or {}
        info = res.exception_info or {}
        if info.get("raised_exception"):
            raise ExpectationError(
                f"GX could not evaluate check {meta.get('check')} of the {kind} suite: {info.get('exception_message')}"
            )
        ids = [row["row_id"] for row in res.result.get("unexpected_index_list") or []]
        outcomes.append(CheckOutcome(meta["check"], meta.get("engine", "great_expectations"), ids))
    return outcomes
