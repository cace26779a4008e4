"""Dates, years and durations as running text prints them, in French, Dutch and German.

"1er janvier 2019", "31 décembre 2020", "1 januari 2016", "1. Januar 2016", "30/06/2013";
durations "trois ans", "cinq ans", "drie jaar" through the legal-time rule reader. A date that
does not exist ("31 avril 2013") is returned with its error, never corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pilotage.errors import PilotageError
from pilotage.legaltime import DelayUnit, parse_rule

__all__ = [
    "DATE",
    "DATE_TEXT",
    "MONTHS",
    "FoundDate",
    "duration_months",
    "find_dates",
    "month_number",
]

MONTHS: dict[str, int] = {
    # fr
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # de
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "dezember": 12,
}  # fmt: skip

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY = r"(?P<d>\d{1,2}|premier)(?:er|re|ste|de|e|\.)?"
DATE = re.compile(
    rf"(?<!\d){_DAY}\s+(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d{{2}})(?!\d)"
    r"|(?<![\d/.])(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>(?:19|20)\d{2})(?![\d/])",
    re.IGNORECASE,
)

# The same dates as a pattern without groups, to embed in larger patterns.
DATE_TEXT = re.sub(r"\(\?P<\w+>", "(?:", DATE.pattern)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower())


@dataclass(frozen=True)
class FoundDate:
    """A date printed in a text: `date` is None when it does not exist (`error` says why)."""

    printed: str
    start: int
    end: int
    date: dt.date | None
    error: str | None = None


def find_dates(text: str) -> list[FoundDate]:
    """Every date a text prints, in order."""
    out: list[FoundDate] = []
    for m in DATE.finditer(text):
        if m.group("m"):
            day_text = m.group("d").lower()
            day = 1 if day_text == "premier" else int(day_text)
            month = MONTHS[m.group("m").lower()]
            year = int(m.group("y"))
        else:
            day, month, year = int(m.group("nd")), int(m.group("nm")), int(m.group("ny"))
        try:
            out.append(FoundDate(m.group(0), m.start(), m.end(), dt.date(year, month, day)))
        except ValueError as exc:
            out.append(FoundDate(m.group(0), m.start(), m.end(), None, f"{m.group(0)!r}: {exc}"))
    return out


def duration_months(text: str) -> int | None:
    """ "trois ans", "5 ans", "drie jaar", "36 mois", "vier jaren" -> months; None otherwise."""
    try:
        rule = parse_rule(text.strip())
    except PilotageError:
        return None
    if rule.unit is DelayUnit.MONTHS and rule.value:
        return rule.value
    return None
