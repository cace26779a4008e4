"""The trend chart of an objective, drawn locally by pygal: for the pages and the report packs.

One drawing for both: the dashboard page inlines the SVG, the PDF pack embeds the same SVG,
the DOCX pack a PNG of it (`svg_png`, by CairoSVG: Word does not read every SVG).

No script and no external reference: pygal is told not to link its JavaScript (`js=[]`), its
styles are inlined, and the inline config script and comments (which name pygal's web site)
are removed, so the page works offline. The same figures are in a table beside the chart.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Sequence

import pygal  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

__all__ = ["svg_png", "trend_svg"]

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
        range=_axis(values + targets, percent),
        include_x_axis=False,
        value_formatter=(lambda v: f"{v:.1f}%") if percent else (lambda v: f"{v:g}"),
        print_values=False,
        disable_xml_declaration=True,
    )
    chart.x_labels = list(periods)
    chart.add(value_label, list(values))
    chart.add(target_label, list(targets), stroke_style={"dasharray": "6, 4", "width": 2})
    svg = str(chart.render(is_unicode=True))
    return _COMMENT.sub("", _SCRIPT.sub("", svg))


def _axis(points: Sequence[float | None], percent: bool) -> tuple[float, float] | None:
    """The value axis, fit to the data and the target: a share between 88 % and 95 % is drawn
    between 85 % and 100 %, not flat on a 0-100 axis. A tenth of the span (at least one unit)
    is kept on each side, the ends are rounded out to a step of 1, 2, 5 or 10, and a share
    stays within 0-100."""
    known = [float(p) for p in points if p is not None]
    if not known:
        return (0, 100) if percent else None
    lo, hi = min(known), max(known)
    margin = max((hi - lo) / 10, 1.0 if percent else abs(hi) / 20 or 1.0)
    lo, hi = lo - margin, hi + margin
    span = hi - lo
    step = next(
        (s * 10**e for e in range(-2, 12) for s in (1, 2, 5) if span / (s * 10**e) <= 8),
        10.0**12,
    )
    lo, hi = round(math.floor(lo / step) * step, 10), round(math.ceil(hi / step) * step, 10)
    if percent:
        lo, hi = max(0.0, lo), min(100.0, hi)
    elif min(known) >= 0:
        lo = max(0.0, lo)  # a count or an amount never goes below zero
    return (lo, hi)


@functools.lru_cache(maxsize=256)
def svg_png(svg: str, *, scale: float = 2.0) -> bytes:
    """A PNG of a chart's SVG, `scale` times its size (sharp when printed)."""
    import cairosvg  # type: ignore[import-untyped]  # imported here: loading cairo takes time

    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    return png
