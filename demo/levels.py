"""The level names the demo org's HR tool exports, read from the rubric (never copied)."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.rubric import Rubric


@dataclass(frozen=True)
class ExportLevels:
    """Level texts as an export writes them; IC tuples follow the ladder order (junior first)."""

    ic: tuple[str, ...]  # the usual export name per IC level ("Junior", "Mid", ...)
    ic_variant: tuple[str, ...]  # another alias per IC level ("Junior ML Engineer", "Mid-Level", ...)
    ic_title: tuple[str, ...]  # job title per IC level
    top_alias: str  # an alias of the top IC level that reads differently ("Principal")
    management: tuple[str, str, str]  # engineering manager, director, VP
    ic_salary: tuple[tuple[float, float], ...]  # base salary band per IC level


def _names(level) -> tuple[str, ...]:
    return level.aliases or (level.title,)


def export_levels(rubric: Rubric, fallback_salary: tuple) -> ExportLevels:
    """The four IC and three management levels of the default ladder, as export texts."""
    ic = [lv for lv in rubric.levels if lv.track == "ic"]
    mgmt = [lv for lv in rubric.levels if lv.track == "management"]
    if len(ic) != 4 or len(mgmt) != 3:
        raise ValueError(
            f"{rubric.path}: the demo org needs a ladder with 4 IC and 3 management levels "
            f"(found {len(ic)} and {len(mgmt)}); generate it with the default rubric"
        )
    top = _names(ic[-1])
    salary = tuple(
        (lv.salary_band[0], lv.salary_band[1] or lv.salary_band[0] * 1.6) if lv.salary_band else fb
        for lv, fb in zip(ic, fallback_salary)
    )
    return ExportLevels(
        ic=tuple(_names(lv)[0] for lv in ic),
        ic_variant=tuple((_names(lv)[1:] or _names(lv))[0] for lv in ic),
        ic_title=tuple(lv.title for lv in ic),
        top_alias=next((a for a in top if "principal" in a.lower()), top[-1]),
        management=tuple(_names(lv)[0] for lv in mgmt),
        ic_salary=salary,
    )
