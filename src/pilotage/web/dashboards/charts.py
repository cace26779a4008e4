"""The trend chart of an objective on the pages: the core's drawing (which the packs print too),
made fit for a strict Content-Security-Policy.

The core's SVG has no script and no external reference. For the page, its style attributes are
removed too (the stylesheet hides the tooltips instead), and its one `<style>` element carries
the page's nonce (`with_nonce`). The same figures are in a table beside the chart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pilotage.reports import trend_svg as drawn_svg

__all__ = ["NONCE_MARK", "trend_svg", "with_nonce"]

NONCE_MARK = "{{csp-nonce}}"  # where a page kept in the cache puts the reader's nonce

_STYLE_ATTRIBUTE = re.compile(r'\s+style="[^"]*"')


def trend_svg(
    title: str,
    periods: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    value_label: str,
    target_label: str,
    percent: bool,
) -> str:
    """The core's chart of the values per period against the target, without style attributes."""
    svg = drawn_svg(
        title,
        periods,
        values,
        targets,
        value_label=value_label,
        target_label=target_label,
        percent=percent,
    )
    return _without_style_attributes(svg)


@functools.lru_cache(maxsize=512)
def _without_style_attributes(svg: str) -> str:
    return _STYLE_ATTRIBUTE.sub("", svg)


def with_nonce(svg: str, nonce: str) -> str:
    """The chart with the page's Content-Security-Policy nonce on its one `<style>` element
    (pygal scopes its styles to the chart's id, inside the SVG)."""
    return svg.replace("<style", f'<style nonce="{nonce}"', 1)
