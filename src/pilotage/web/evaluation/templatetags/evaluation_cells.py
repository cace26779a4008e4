"""The cells of the evaluation pages, written by the functions the evaluation pack writes its
own with (`pilotage.reports._evaluation`): a page and its pack print an item identically.

    {% load evaluation_cells %}
    {% for cell in figure|figure_cells:LANGUAGE_CODE %}<td>{{ cell }}</td>{% endfor %}
"""

from __future__ import annotations

from typing import Any

from django import template

from pilotage import reports
from pilotage.evaluation import DraftItem, FigureCite, MilestoneLine

register = template.Library()


@register.filter
def figure_cells(figure: FigureCite, language: str) -> tuple[str, ...]:
    return reports.figure_cells(figure, language)


@register.filter
def milestone_cells(milestone: MilestoneLine, language: str) -> tuple[str, ...]:
    return reports.milestone_cells(milestone, language)


@register.filter
def clock_cells(clock: Any, language: str) -> tuple[str, ...]:
    """A `Clock` or its `as_dict()`."""
    return reports.clock_cells(clock.as_dict() if hasattr(clock, "as_dict") else clock, language)


@register.filter
def counted_text(clock: Any, language: str) -> str:
    """How a clock's due date is counted (a `Clock` or its `as_dict()`), in the page's language."""
    return reports.counted_text(clock.as_dict() if hasattr(clock, "as_dict") else clock, language)


@register.filter
def fact_lines(item: DraftItem, language: str) -> tuple[tuple[str, str], ...]:
    """What a register entry of the draft says, as (label, value) lines in the page's language."""
    return reports.fact_lines(item, language)


@register.filter
def status_word(code: Any, language: str) -> str:
    """A status, an assessment or a clock's state ("not_met") in the page's language."""
    return reports.status_word(str(getattr(code, "value", code)), language)
