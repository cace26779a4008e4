"""Template filters for contract texts in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from pilotage.contract import LocalText, Norm
from pilotage.reports import norm_words

register = template.Library()


@register.filter
def lt(text: LocalText | None, language: str) -> str:
    """The text in `language`; a missing language is marked with the one shown instead."""
    return text.text(language) if text is not None else ""


@register.filter
def norm_text(norm: Norm) -> str:
    """The norm described in the page's language ("dans les 120 jours calendrier ...")."""
    return norm_words(norm, get_language() or "fr")
