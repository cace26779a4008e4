"""The change of a figure since the previous period, and its direction against the target."""

from __future__ import annotations

import dataclasses

import pytest

from pilotage.engine import IndicatorResult
from pilotage.reports import Direction, change_of, change_text
from tests.evaluation.test_draft import _result  # a minimal engine row (VOB 2-01, a share)


def _with(value: float | None, operator: str | None, period: str = "2019-Q4") -> IndicatorResult:
    return dataclasses.replace(_result(), value=value, target_operator=operator, period=period)


@pytest.mark.parametrize(
    ("before", "now", "operator", "direction"),
    [
        (90.0, 95.0, ">=", Direction.BETTER),
        (95.0, 90.0, ">=", Direction.WORSE),
        (10.0, 5.0, "<=", Direction.BETTER),
        (5.0, 10.0, "<=", Direction.WORSE),
        (50.0, 60.0, None, Direction.MOVED),
        (90.00, 90.04, ">=", Direction.UNCHANGED),  # under a tenth of a point
    ],
)
def test_the_direction_reads_the_target_s_side(
    before: float, now: float, operator: str | None, direction: Direction
) -> None:
    found = change_of(_with(now, operator), _with(before, operator, "2019-Q3"))
    assert found is not None
    assert found[1] is direction


def test_the_change_is_written_in_points_in_the_page_s_language() -> None:
    now, before = _with(94.7, ">="), _with(91.2, ">=", "2019-Q3")
    assert change_text(now, before, "fr") == (
        "▲ +3,5 pt depuis 2019-Q3, mieux",
        "change change-better",
    )
    assert change_text(now, before, "nl")[0] == "▲ +3,5 ptn sinds 2019-Q3, beter"
    assert change_text(before, now, "en")[0].startswith("▼ −3.5 pt since 2019-Q4, worse")


def test_nothing_to_compare_is_a_dash() -> None:
    assert change_text(_with(90.0, ">="), None, "fr") == ("—", "")
    assert change_text(_with(None, ">="), _with(90.0, ">=", "2019-Q3"), "fr") == ("—", "")
    assert change_of(_with(90.0, ">="), _with(None, ">=")) is None
