"""Retention risk: stuck engineers below their level's band, counted per team, with bands in more than one currency."""

from __future__ import annotations

import pytest

from tests.calibration.conftest import RUN, Person, build_warehouse
from transforms.calibration.retention import retention_risk
from transforms.config import DEFAULT_RUBRIC
from transforms.rubric import load_rubric


JUNIOR_BAND = "    salary_band: {min: 100000, max: 140000, currency: USD}\n"


def junior_bands_ladder(tmp_path, salary_bands: str):
    """The default ladder with `salary_bands: <salary_bands>` added to the junior level."""
    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    assert JUNIOR_BAND in text, "the default ladder's junior band changed"
    path = tmp_path / "ladder.yaml"
    path.write_text(text.replace(JUNIOR_BAND, f"{JUNIOR_BAND}    salary_bands: {salary_bands}\n", 1), encoding="utf-8")
    return load_rubric(path)


@pytest.fixture
def euro_ladder(tmp_path):
    """The default ladder with a second band for juniors paid in euros."""
    return junior_bands_ladder(tmp_path, "[{min: 85000, max: 120000, currency: EUR}]")


def test_stuck_below_band_per_team(con, euro_ladder):
    junior = dict(level="junior", status="stuck")
    build_warehouse(con, euro_ladder, [
        Person("M", None, level="engineering_manager", status="not_scored", salary=250000, currency="USD"),
        Person("S1", "M", team="vision", salary=90000, currency="USD", **junior),  # under the USD minimum of 100,000
        Person("S2", "M", team="vision", salary=120000, currency="USD", **junior),  # inside the band
        Person("S3", "M", team="nlp", salary=80000, currency="eur", **junior),  # under the EUR minimum of 85,000
        Person("S4", "M", team="nlp", salary=None, currency=None, **junior),  # no salary: not comparable
        Person("S5", "M", team="nlp", salary=70000, currency="GBP", **junior),  # no GBP band: not comparable
        Person("S6", "M", team="nlp", level="junior", status="on_track", salary=50000, currency="USD"),  # not stuck
    ])
    got = {(t.team, t.stuck, t.stuck_below_band, t.stuck_not_comparable) for t in retention_risk(con, RUN, euro_ladder)}
    assert got == {("vision", 2, 1, 0), ("nlp", 3, 1, 2)}


def test_a_second_band_in_the_same_currency_is_a_rubric_error(tmp_path):
    from transforms.rubric import RubricError

    with pytest.raises(RubricError, match="salary_bands"):
        junior_bands_ladder(tmp_path, "[{min: 1, currency: USD}]")
