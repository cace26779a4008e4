"""`{% comment_thread grant contract_id target_type target period unit %}`: the comments and
justifications on one figure or action for one period, with the form to add one when allowed.

target_type: "figure" (target: objective code), "action" (target: action number) or
"mission" (target: mission code); period: "2020-Q4", or "" for an action as a whole; unit: the
org unit code of the figure, or "" for the whole institution.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(
    context: Any,
    grant: Any,
    contract_id: str,
    target_type: str,
    target: str,
    period: str = "",
    unit: str = "",
) -> str:
    # Filled in by the discussion app (comments with author and time, and the form).
    return ""
