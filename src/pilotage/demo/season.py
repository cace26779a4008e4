"""When synthetic cases arrive and when they are closed: the seasonal profile and legal time.

Days are int32 counts since 1970-01-01 throughout the generator (numpy's datetime64[D] epoch),
so that every step is a vectorised integer operation.

The intake profile multiplies a month weight (peaks in January and September, a trough in July
and August), a weekday weight (mail on Monday, little on Saturday, almost nothing on Sunday), a
holiday weight (Belgian legal public holidays) and a year-end effect (the last week of December is
quiet, the first days of January catch up).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import numpy.typing as npt

from pilotage.contract import Delay
from pilotage.legaltime import DEFAULT_CALENDAR, get_calendar, rule_from_delay
from pilotage.legaltime import deadlines as legal_deadlines

__all__ = [
    "MONTH_WEIGHTS",
    "Days",
    "day_number",
    "deadlines",
    "draw_days",
    "from_day_number",
    "intake_weights",
    "weekday",
    "year_bounds",
]

Days = npt.NDArray[np.int32]
_EPOCH = dt.date(1970, 1, 1)

# January and September peaks, a July-August trough, a quieter December.
MONTH_WEIGHTS = np.array([1.35, 1.10, 1.05, 1.00, 0.95, 1.00, 0.70, 0.60, 1.30, 1.10, 1.00, 0.90])
_WEEKDAY_WEIGHTS = np.array([1.25, 1.10, 1.05, 1.00, 0.95, 0.12, 0.03])  # Monday .. Sunday
_HOLIDAY_WEIGHT = 0.05


def day_number(day: dt.date) -> int:
    return (day - _EPOCH).days


def from_day_number(number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(number))


def weekday(days: npt.NDArray[np.integer]) -> npt.NDArray[np.int64]:
    """Monday = 0 .. Sunday = 6 (1970-01-01 was a Thursday)."""
    return (days.astype(np.int64) + 3) % 7


@cache
def _holidays(first: int, last: int) -> npt.NDArray[np.datetime64]:
    """The legal public holidays (Royal Decree of 18 April 1974) between two day numbers."""
    calendar = get_calendar(DEFAULT_CALENDAR)
    days = [h.day for h in calendar.holidays_between(from_day_number(first), from_day_number(last))]
    return np.array(days, dtype="datetime64[D]")


def year_bounds(year: int, first: int, last: int) -> tuple[int, int]:
    """The days of `year` that lie within [first, last], as day numbers."""
    lo = max(first, day_number(dt.date(year, 1, 1)))
    hi = min(last, day_number(dt.date(year, 12, 31)))
    return lo, hi


def intake_weights(first: int, last: int) -> npt.NDArray[np.float64]:
    """Relative intake of every day from `first` to `last` (day numbers, inclusive)."""
    days = np.arange(first, last + 1, dtype=np.int64)
    dates = days.astype("datetime64[D]")
    months = dates.astype("datetime64[M]").astype(np.int64) % 12
    day_of_month = (dates - dates.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    weights = MONTH_WEIGHTS[months] * _WEEKDAY_WEIGHTS[weekday(days)]
    weights[np.isin(dates, _holidays(first, last))] *= _HOLIDAY_WEIGHT
    weights[(months == 11) & (day_of_month >= 23)] *= 0.35  # the office closes between the years
    weights[(months == 0) & (day_of_month >= 1) & (day_of_month <= 9)] *= 1.3  # and catches up
    return np.asarray(weights, dtype=np.float64)


def draw_days(
    rng: np.random.Generator, n: int, first: int, last: int, weights: npt.NDArray[np.float64]
) -> Days:
    """`n` sorted day numbers in [first, last] drawn with `weights` (one per day of that range)."""
    if n == 0 or last < first:
        return np.empty(0, dtype=np.int32)
    p = weights / weights.sum()
    picked = rng.choice(last - first + 1, size=n, p=p)
    return np.sort(picked).astype(np.int32) + np.int32(first)


def deadlines(start: Days, delay: Delay) -> Days:
    """The last on-time day of each case for `delay`, exactly as the indicator engine counts it.

    The rule (unit, convention, roll-forward, calendar) is the norm's own, through
    `pilotage.legaltime`: a case ending on that day is on time, the day after is late.
    """
    if len(start) == 0:
        return np.empty(0, dtype=np.int32)
    due = legal_deadlines(start.astype("datetime64[D]"), rule_from_delay(delay))
    return np.asarray(due.astype(np.int64), dtype=np.int32)
