"""Numbers, percentages and dates as the reader's language writes them ("58,2 %", "1 503").

Babel's CLDR data gives each language its separators and its percent sign's spacing, so the
core writes nothing of that by hand: French (Belgium) "58,2 %" and "1 234", Dutch (Belgium)
"58,2%" and "1.234", English "58.2%" and "1,234". The figure is rounded first by Python, to the
places the page shows (one decimal for a share), and Babel only lays the digits out: every
language prints the same rounded figure, and a pack prints its page's figure to the digit.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern

from pilotage.reports._words import language_of

__all__ = ["day_month_text", "decimal_text", "percent_text"]

# The CLDR locale each language of pilotage is written in: Belgian French and Dutch.
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(_LOCALES[language_of(language)])


@cache
def _pattern(language: str, percent: bool, places: int) -> NumberPattern:
    locale = _locale(language)
    base = locale.percent_formats[None] if percent else locale.decimal_formats[None]
    pattern: NumberPattern = copy.copy(base)
    pattern.frac_prec = (places, places)
    return pattern


def decimal_text(value: Decimal, language: str) -> str:
    """A number already rounded, with as many decimals as it has: "1 503", "12,5"."""
    places = max(0, -int(value.as_tuple().exponent))
    return str(_pattern(language, False, places).apply(value, _locale(language)))


def percent_text(value: Decimal, language: str) -> str:
    """A percentage already rounded (58.2 for 58.2 %), with as many decimals as it has."""
    places = max(0, -int(value.as_tuple().exponent))
    # The pattern multiplies by 100; the digits are exact, so nothing is rounded again.
    return str(_pattern(language, True, places).apply(value.scaleb(-2), _locale(language)))


def day_month_text(month: int, day: int, language: str) -> str:
    """A day of every year ("31 mai", "31 mei", "31 May")."""
    return format_date(dt.date(2000, month, day), "d MMMM", locale=_locale(language))
