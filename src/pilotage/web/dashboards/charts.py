"""The trend chart of an objective: an inline SVG drawn on the server by pygal.

No script and no external reference: pygal is told not to link its JavaScript (`js=[]`), its
styles are inlined, and the inline config script, comments (which name pygal's web site) and
style attributes are removed, so the page works offline under a strict Content-Security-Policy
(its `<style>` element carries the page's nonce: `with_nonce`). The same figures are in a
table beside the chart.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence

import pygal  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

__all__ = ["NONCE_MARK", "trend_svg", "with_nonce"]

NONCE_MARK = "{{csp-nonce}}"  # where a page kept in the cache puts the reader's nonce

# pygal appends an import hook for its map plugins (unused here) that only has the find_module()
# of Python 2: every later failed import then raises an ImportWarning. Take it out again.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#666",
    colors=("#1f4e79", "#a33b00"),
    font_family="system-ui, sans-serif",
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\s+style="[^"]*"')  # the stylesheet hides the tooltips instead


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
    """A line of the values per period against the target line, as an SVG element.

    Drawing takes pygal some milliseconds; a published figure never changes, so the drawings
    are kept (by their inputs) for the next reader.
    """
    return _drawn(
        title,
        tuple(periods),
        tuple(values),
        tuple(targets),
        value_label,
        target_label,
        percent,
    )


@functools.lru_cache(maxsize=512)
def _drawn(
    title: str,
    periods: tuple[str, ...],
    values: tuple[float | None, ...],
    targets: tuple[float | None, ...],
    value_label: str,
    target_label: str,
    percent: bool,
) -> str:
    chart = pygal.Line(
        js=[],
        style=_STYLE,
        width=640,
        height=300,
        title=title,
        show_dots=True,
        dots_size=3,
        x_label_rotation=0,
        legend_at_bottom=True,
        range=(0, 100) if percent else None,
        include_x_axis=not percent,
        value_formatter=(lambda v: f"{v:.1f}%") if percent else (lambda v: f"{v:g}"),
        print_values=False,
        disable_xml_declaration=True,
    )
    chart.x_labels = list(periods)
    chart.add(value_label, list(values))
    chart.add(target_label, list(targets), stroke_style={"dasharray": "6, 4", "width": 2})
    svg = str(chart.render(is_unicode=True))
    return _STYLE_ATTRIBUTE.sub("", _COMMENT.sub("", _SCRIPT.sub("", svg)))


def with_nonce(svg: str, nonce: str) -> str:
    """The chart with the page's Content-Security-Policy nonce on its one `<style>` element
    (pygal scopes its styles to the chart's id, inside the SVG)."""
    return svg.replace("<style", f'<style nonce="{nonce}"', 1)
