"""Template filters for contract texts in the reader's language."""

from __future__ import annotations

from django import template

from pilotage.contract import LocalText, Norm, describe_norm

register = template.Library()


@register.filter
def lt(text: LocalText | None, language: str) -> str:
    """The text in `language`; a missing language is marked with the one shown instead."""
    return text.text(language) if text is not None else ""


@register.filter
def norm_text(norm: Norm) -> str:
    """The norm as the core describes it ("within 120 calendar days (elapsed): >= 90%")."""
    return describe_norm(norm)
