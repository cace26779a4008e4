"""The trend chart fits its axis to the data and the target (issue 17): a share between 88 %
and 95 % is not drawn flat on a 0-100 axis, and the target is a line of its own."""

from __future__ import annotations

import re

import pytest

from pilotage.reports import trend_svg
from pilotage.reports._charts import _axis


def _axis_labels(svg: str) -> list[str]:
    """The value axis' labels, as pygal writes them (the y axis group)."""
    axis = re.search(r'<g class="axis y[^"]*">(.*?)</g>\s*</g>', svg, re.DOTALL)
    assert axis, "no value axis"
    return re.findall(r"<text[^>]*>([^<]+)</text>", axis.group(1))


def test_a_share_between_88_and_95_percent_fills_the_chart() -> None:
    svg = trend_svg(
        "VOB 2-01",
        ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"],
        [88.4, 91.0, 95.2, 93.3],
        [90.0, 90.0, 90.0, 90.0],
        value_label="Value",
        target_label="Target",
        percent=True,
    )
    labels = _axis_labels(svg)
    assert labels, svg[:500]
    shown = [float(t.rstrip("%")) for t in labels]
    assert min(shown) >= 80, labels
    assert max(shown) <= 100, labels
    assert "0.0%" not in labels
    assert svg.count('class="series') >= 2  # the values, and the target as its own line
    assert "dasharray" in svg


@pytest.mark.parametrize(
    ("points", "percent", "axis"),
    [
        ([88.2, 91.0, 95.0, None, 90.0], True, (86, 96)),
        ([2.0, 99.5, 90.0], True, (0.0, 100.0)),  # a share never leaves 0-100
        ([1203, 1450, None, 1300], False, (1100, 1550)),
        ([5, 5], False, (4.7, 5.3)),
        ([], True, (0, 100)),
    ],
)
def test_the_axis_is_fit_and_rounded(
    points: list[float | None], percent: bool, axis: tuple[float, float]
) -> None:
    assert _axis(points, percent) == axis
