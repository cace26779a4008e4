"""The periods measured together, and the day each of them is looked at ("cut").

A span is a run of consecutive periods of one kind (one quarter, the twelve months of a year,
forty quarters), or one contract period. Every period is looked at on its last day, except the
last one, which is looked at on `as_of` when that day falls inside it: data known at that day is
all there is, so a later end is an open case and a later start does not exist yet.

Every day of a case (start, end, deadline) falls in a *bucket*: -1 before the first period, `i`
for period i up to its cut, `k` (the number of periods) after the last cut. Counting cases by
bucket and summing buckets is how the engine gets figures for every period in one pass.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pilotage.errors import IntervalError
from pilotage.legaltime import Period, PeriodKind

__all__ = ["EPOCH", "Span", "day_number"]

EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01 (the integer form of a date in Arrow, DuckDB and Spark)."""
    return (day - EPOCH).days


@dataclass(frozen=True)
class Span:
    """Consecutive periods of one kind and the cut (day of observation) of each."""

    periods: tuple[Period, ...]
    cuts: tuple[dt.date, ...]

    @classmethod
    def of(cls, periods: Period | Sequence[Period], as_of: dt.date | None = None) -> Span:
        chosen = (periods,) if isinstance(periods, Period) else tuple(periods)
        if not chosen:
            raise IntervalError("give at least one period to measure")
        kinds = {p.kind for p in chosen}
        if len(kinds) > 1:
            raise IntervalError(
                f"periods of one kind only, not {', '.join(sorted(k.value for k in kinds))}"
            )
        for a, b in itertools.pairwise(chosen):
            if a.kind is PeriodKind.CONTRACT or b.first != a.last + dt.timedelta(days=1):
                raise IntervalError(
                    f"{b} does not follow {a}: measure consecutive periods (periods_between), "
                    "or one contract period"
                )
        cuts = [p.last for p in chosen]
        if as_of is not None:
            last = chosen[-1]
            if as_of < last.first:
                raise IntervalError(
                    f"as-of day {as_of} is before the last period measured ({last}, from "
                    f"{last.first}): measure an earlier period, or give a later day"
                )
            cuts[-1] = min(as_of, last.last)
        return cls(chosen, tuple(cuts))

    @property
    def first(self) -> dt.date:
        return self.periods[0].first

    @property
    def last(self) -> dt.date:
        """The last day of the last period (the cut may be earlier)."""
        return self.periods[-1].last

    @property
    def cut(self) -> dt.date:
        """The last day any data is taken from."""
        return self.cuts[-1]

    @property
    def partial(self) -> bool:
        """Whether the last period is looked at before its end."""
        return self.cut < self.last

    def __len__(self) -> int:
        return len(self.periods)

    def buckets(self, days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int16]:
        """The bucket of each day (see the module docstring); NaT stays -32768."""
        cuts = np.array(self.cuts, dtype="datetime64[D]")
        out = np.searchsorted(cuts, days, side="left").astype(np.int16)
        out[days < np.datetime64(self.first, "D")] = -1
        out[np.isnat(days)] = np.iinfo(np.int16).min
        return out

    def label(self) -> str:
        """`2019-Q3`, or `2019-Q1..2019-Q4` for several periods."""
        if len(self.periods) == 1:
            return str(self.periods[0])
        return f"{self.periods[0]}..{self.periods[-1]}"
