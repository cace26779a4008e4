"""Recurring deadlines: "Semestriel", "Annuel", "Tous les 5 ans", "Pour la fin du premier
trimestre de chaque année civile", "chaque année dans le courant du 4e trimestre de l'année X-1".

A schedule cuts time into cycles (every `every` months, quarters, semesters or years) and gives
each cycle one occurrence: a window that `opens` on a day and is `due` on its last day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pilotage.errors import IntervalError, LegalTimeError
from pilotage.legaltime._periods import MONTHS_IN, Period, PeriodKind, add_months, month_end
from pilotage.legaltime._terms import Recurrence

__all__ = ["Occurrence", "Schedule"]

_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass(frozen=True)
class Occurrence:
    """One due date of a schedule: the `cycle` it belongs to, and its window."""

    cycle: Period  # a span of several units (every 5 years) is a range period "a..b"
    opens: dt.date
    due: dt.date


@dataclass(frozen=True)
class Schedule:
    """Every `every` `unit`s; due at the end of the cycle, or of sub-period `index` of `period`.

    `year_offset` moves the window to another year than the cycle's (X-1: -1); `within` says
    the work happens during the window ("dans le courant du"), not just by its end ("pour la
    fin du"), which decides when the window opens.
    """

    unit: PeriodKind
    every: int = 1
    period: PeriodKind | None = None
    index: int | None = None
    year_offset: int = 0
    within: bool = False

    def __post_init__(self) -> None:
        if self.unit is PeriodKind.CONTRACT or self.period is PeriodKind.CONTRACT:
            raise LegalTimeError("a schedule runs per month, quarter, semester or year")
        if self.every < 1:
            raise LegalTimeError(f"a schedule recurs every 1 {self.unit.value} or more")
        if (self.period is None) != (self.index is None):
            raise LegalTimeError("a schedule's sub-period needs both its kind and its index")
        if self.period is not None and self.index is not None:
            room = self.every * MONTHS_IN[self.unit] // MONTHS_IN[self.period]
            if not 1 <= self.index <= room:
                raise LegalTimeError(
                    f"a cycle of {self.every} {self.unit.value}(s) has {room} "
                    f"{self.period.value}(s): index {self.index} is out of range"
                )

    @property
    def cycle_months(self) -> int:
        return self.every * MONTHS_IN[self.unit]

    def describe(self) -> str:
        cycle = (
            f"every {self.unit.value}"
            if self.every == 1
            else f"every {self.every} {self.unit.value}s"
        )
        if self.period is None or self.index is None:
            return f"{cycle}, due at the end of each cycle"
        which = _ORDINAL.get(self.index, f"#{self.index}")
        year = {0: "", -1: " of the previous year"}.get(
            self.year_offset, f" of year X{self.year_offset:+d}"
        )
        how = "during" if self.within else "by the end of"
        return f"{cycle}, {how} the {which} {self.period.value}{year}"

    def occurrence(self, cycle_first: dt.date) -> Occurrence:
        """The occurrence of the cycle that starts on `cycle_first` (the first day of a unit)."""
        y, m = add_months(cycle_first.year, cycle_first.month, self.cycle_months - 1)
        cycle_last = month_end(y, m)
        kind = self.unit if self.every == 1 else PeriodKind.CONTRACT
        cycle = Period(cycle_first, cycle_last, kind)
        if self.period is None or self.index is None:
            return Occurrence(cycle, cycle_first, cycle_last)
        size = MONTHS_IN[self.period]
        wy, wm = add_months(
            cycle_first.year, cycle_first.month, (self.index - 1) * size + 12 * self.year_offset
        )
        ly, lm = add_months(wy, wm, size - 1)
        window_first, due = dt.date(wy, wm, 1), month_end(ly, lm)
        opens = window_first if self.within else min(cycle_first, window_first)
        return Occurrence(cycle, opens, due)

    def occurrences(
        self, first: dt.date, last: dt.date, anchor: dt.date | None = None
    ) -> list[Occurrence]:
        """The occurrences due between `first` and `last` inclusive, in order.

        Cycles of several units (every 5 years) are counted from the unit holding `anchor`
        (the contract's start, say); without an anchor, from the unit holding `first`.
        """
        if last < first:
            raise IntervalError(f"{last} is before {first}: give the earlier day first")
        base = Period.of(anchor or first, self.unit).first
        base_index = base.year * 12 + base.month - 1
        step = self.cycle_months
        # The window can sit up to |year_offset| years away from its cycle, on either side.
        margin = 12 * abs(self.year_offset) + step
        lo = (first.year * 12 + first.month - 1 - margin - base_index) // step
        hi = (last.year * 12 + last.month - 1 + margin - base_index) // step + 1
        found = []
        for k in range(lo, hi + 1):
            y, m = add_months(base.year, base.month, k * step)
            occ = self.occurrence(dt.date(y, m, 1))
            if first <= occ.due <= last:
                found.append(occ)
        return found

    def to_recurrence(self, first: dt.date | None = None) -> Recurrence:
        """The contract model's form of this schedule."""
        return Recurrence(
            every=self.every,
            unit=self.unit.value,
            period=self.period.value if self.period else None,
            index=self.index,
            year_offset=self.year_offset,
            first=first,
        )

    @classmethod
    def from_recurrence(cls, recurrence: Recurrence) -> Schedule:
        return cls(
            unit=PeriodKind(recurrence.unit),
            every=recurrence.every,
            period=PeriodKind(recurrence.period) if recurrence.period else None,
            index=recurrence.index,
            year_offset=recurrence.year_offset,
            # The model keeps no "during" flag; a window in another year can only be "during".
            within=recurrence.year_offset != 0,
        )
