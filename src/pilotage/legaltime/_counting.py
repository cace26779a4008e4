"""Delays and deadlines, one case at a time, each answer with its explanation.

A `Rule` is what a norm or a deadline says ("15 jours ouvrables", "4 mois", "31 mai", "fin du
trimestre", "X + 6 mois") together with the convention it is counted under. `deadline()` gives
the last day allowed from a start day; `elapsed()` counts days between two days; `on_time()`
compares an end day with the deadline. The conventions are described in `pilotage.legaltime`.
"""

from __future__ import annotations

import calendar as _stdcal
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from pilotage.errors import DeadlineSyntaxError, IntervalError
from pilotage.legaltime._calendars import DEFAULT_CALENDAR, Calendar, DayKind, resolve_calendar
from pilotage.legaltime._periods import Period, add_months, month_end
from pilotage.legaltime._terms import Convention, Delay, DelayUnit, PeriodKind

__all__ = [
    "Convention",
    "DeadlineAnswer",
    "Rule",
    "deadline",
    "elapsed",
    "fixed_day_in",
    "months_elapsed",
    "months_judicial",
    "nth_working_day_after",
    "on_time",
    "rule_from_delay",
]

ONE_DAY = dt.timedelta(days=1)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
CONVENTION_TEXT = {
    Convention.JUDICIAL: "judicial (Judicial Code art. 52-54)",
    Convention.ELAPSED: "elapsed (plain count, no roll-forward)",
}


DAY_KIND_OF: dict[DelayUnit, DayKind] = {
    DelayUnit.CALENDAR_DAYS: DayKind.CALENDAR,
    DelayUnit.WORKING_DAYS_MON_SAT: DayKind.MON_SAT,
    DelayUnit.WORKING_DAYS_MON_FRI: DayKind.MON_FRI,
}
UNIT_OF: dict[DayKind, DelayUnit] = {kind: unit for unit, kind in DAY_KIND_OF.items()}


@dataclass(frozen=True)
class Rule:
    """A delay or a deadline rule, with the convention and calendar it is counted under.

    `rolls_forward` left at None takes the convention's default: under `judicial` a delay in days
    or months that ends on a Saturday, Sunday or holiday moves to the next working day; a fixed
    day or a period end does not move unless `rolls_forward=True`. Under `elapsed` nothing moves
    unless `rolls_forward=True`. `event` names the X of "X + 6 mois": the start is then X's date.
    """

    unit: DelayUnit
    value: int | None = None
    month: int | None = None
    day: int | None = None
    period: PeriodKind | None = None
    convention: Convention = Convention.JUDICIAL
    rolls_forward: bool | None = None
    calendar: str | Calendar = DEFAULT_CALENDAR
    event: str | None = None
    printed: str | None = dataclasses.field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.unit is DelayUnit.FIXED_DATE:
            if self.month is None or self.day is None or self.value is not None:
                raise DeadlineSyntaxError("a fixed-date rule takes a month and a day, and no value")
            try:
                dt.date(2000, self.month, self.day)  # a leap year: 29 February is a fixed day
            except ValueError as exc:
                raise DeadlineSyntaxError(
                    f"day {self.day} of month {self.month} is never a date"
                ) from exc
        elif self.unit is DelayUnit.PERIOD_END:
            if self.period is None or self.period is PeriodKind.CONTRACT:
                raise DeadlineSyntaxError(
                    "a period-end rule names a month, quarter, semester or year"
                )
        elif self.value is None or self.value < 0:
            raise DeadlineSyntaxError(f"a {self.unit.value} rule takes a count of 0 or more")

    @classmethod
    def days(
        cls,
        count: int,
        kind: DayKind = DayKind.CALENDAR,
        convention: Convention = Convention.JUDICIAL,
        calendar: str | Calendar = DEFAULT_CALENDAR,
    ) -> Rule:
        """A delay of `count` days of `kind`: "120 jours", "15 jours ouvrables"."""
        return cls(UNIT_OF[kind], value=count, convention=convention, calendar=calendar)

    @classmethod
    def months(
        cls,
        count: int,
        convention: Convention = Convention.JUDICIAL,
        calendar: str | Calendar = DEFAULT_CALENDAR,
    ) -> Rule:
        """A delay of `count` months: "4 mois"."""
        return cls(DelayUnit.MONTHS, value=count, convention=convention, calendar=calendar)

    @classmethod
    def fixed(
        cls,
        month: int,
        day: int,
        rolls_forward: bool | None = None,
        convention: Convention = Convention.JUDICIAL,
        calendar: str | Calendar = DEFAULT_CALENDAR,
    ) -> Rule:
        """A fixed day of the year: "31 mai" is `Rule.fixed(5, 31)`."""
        return cls(
            DelayUnit.FIXED_DATE,
            month=month,
            day=day,
            rolls_forward=rolls_forward,
            convention=convention,
            calendar=calendar,
        )

    @classmethod
    def end_of(
        cls,
        period: PeriodKind,
        rolls_forward: bool | None = None,
        convention: Convention = Convention.JUDICIAL,
        calendar: str | Calendar = DEFAULT_CALENDAR,
    ) -> Rule:
        """The last day of the period holding the start: "fin du trimestre"."""
        return cls(
            DelayUnit.PERIOD_END,
            period=period,
            rolls_forward=rolls_forward,
            convention=convention,
            calendar=calendar,
        )

    def using(self, **changes: Any) -> Rule:
        """A copy with some fields changed: `rule.using(convention=Convention.ELAPSED)`."""
        return dataclasses.replace(self, **changes)

    @property
    def day_kind(self) -> DayKind | None:
        return DAY_KIND_OF.get(self.unit)

    @property
    def rolls(self) -> bool:
        """Whether a deadline on a non-working day moves to the next working day."""
        if self.rolls_forward is not None:
            return self.rolls_forward
        return self.convention is Convention.JUDICIAL and self.unit in (
            *DAY_KIND_OF,
            DelayUnit.MONTHS,
        )

    @property
    def calendar_name(self) -> str:
        return self.calendar.name if isinstance(self.calendar, Calendar) else self.calendar

    def describe(self) -> str:
        """The rule in words, e.g. "15 working days (Monday-Saturday)"."""
        n = self.value
        match self.unit:
            case DelayUnit.CALENDAR_DAYS:
                text = f"{n} calendar day{'s' * (n != 1)}"
            case DelayUnit.WORKING_DAYS_MON_SAT:
                text = f"{n} working day{'s' * (n != 1)} (Monday-Saturday, jours ouvrables)"
            case DelayUnit.WORKING_DAYS_MON_FRI:
                text = f"{n} working day{'s' * (n != 1)} (Monday-Friday, jours ouvrés)"
            case DelayUnit.MONTHS:
                text = f"{n} month{'s' * (n != 1)}"
            case DelayUnit.FIXED_DATE:
                text = f"{self.day} {MONTH_NAMES[(self.month or 1) - 1]} (a fixed day of the year)"
            case _:
                text = f"the end of the {self.period.value if self.period else '?'}"
        if self.event is None:
            return text
        return f"X + {text}" if self.event == "X" else f"X + {text} (X: {self.event})"

    def as_dict(self) -> dict[str, Any]:
        """The rule as understood, for JSON output."""
        out: dict[str, Any] = {"unit": self.unit.value}
        for name in ("value", "month", "day", "event", "printed"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.period is not None:
            out["period"] = self.period.value
        out.update(
            convention=self.convention.value,
            rolls_forward=self.rolls,
            calendar=self.calendar_name,
            described=self.describe(),
        )
        return out


@dataclass(frozen=True)
class DeadlineAnswer:
    """A deadline with how it was reached."""

    start: dt.date
    rule: Rule
    counted: dt.date  # the last day by the count alone, before any roll-forward
    day: dt.date  # the deadline: the last day on which the end is on time
    skipped: tuple[dt.date, ...]  # the non-working days the roll-forward stepped over
    explanation: str

    @property
    def convention(self) -> Convention:
        return self.rule.convention

    def as_dict(self) -> dict[str, Any]:
        """The answer for JSON output."""
        return {
            "start": self.start.isoformat(),
            "deadline": self.day.isoformat(),
            "counted": self.counted.isoformat(),
            "rule": self.rule.as_dict(),
            "explanation": self.explanation,
        }


def _say(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def nth_working_day_after(start: dt.date, count: int, kind: DayKind, calendar: Calendar) -> dt.date:
    """The `count`-th day of `kind` after `start` (the start day itself is not counted)."""
    day = start
    for _ in range(count):
        day += ONE_DAY
        while not calendar.is_working(day, kind):
            day += ONE_DAY
    return day


def months_judicial(start: dt.date, count: int) -> dt.date:
    """`count` months "de quantième à veille de quantième" (Judicial Code art. 52 and 54).

    Counting starts the day after the event (art. 52), and ends the day before the same day
    number `count` months later: served 30 June, 1 month runs 1 July to 31 July. When the
    target month has no such day number the delay ends on that month's last day, the rule of
    the European Convention on the Calculation of Time-Limits (Basel 1972, art. 4) and of EU
    Regulation 1182/71 art. 3(2)(c): served 30 January 2019, 1 month ends 28 February 2019.
    """
    first = start + ONE_DAY
    year, month = add_months(first.year, first.month, count)
    if first.day <= _stdcal.monthrange(year, month)[1]:
        return dt.date(year, month, first.day) - ONE_DAY
    return month_end(year, month)


def months_elapsed(start: dt.date, count: int) -> dt.date:
    """The same day number `count` months later, clipped to the month's end (31 Jan -> 28 Feb)."""
    year, month = add_months(start.year, start.month, count)
    return dt.date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def fixed_day_in(year: int, month: int, day: int) -> dt.date:
    """`day`/`month` in `year`; 29 February is 28 February in a common year."""
    return dt.date(year, month, min(day, _stdcal.monthrange(year, month)[1]))


def _reason(day: dt.date, calendar: Calendar) -> str:
    holiday = calendar.holiday(day)
    if holiday is not None:
        return f"{_say(day)} ({holiday.label})"
    return _say(day)


def deadline(start: dt.date, rule: Rule) -> DeadlineAnswer:
    """The last day allowed for a case that starts on `start`, under `rule`."""
    cal = resolve_calendar(rule.calendar)
    n = rule.value or 0
    kind = rule.day_kind
    judicial = rule.convention is Convention.JUDICIAL
    if kind is DayKind.CALENDAR:
        counted = start + dt.timedelta(days=n)
        how = f"{rule.describe()} after {_say(start)}"
    elif kind is not None:
        counted = nth_working_day_after(start, n, kind, cal)
        how = f"{rule.describe()} after {_say(start)}, counted on calendar {cal.name}"
    elif rule.unit is DelayUnit.MONTHS:
        if judicial:
            counted = months_judicial(start, n)
            first = start + ONE_DAY
            how = (
                f"{rule.describe()} from {_say(start)}, counted de quantième à veille de "
                f"quantième from {first.isoformat()}"
            )
            if counted.day != first.day - 1 and first.day != 1:
                how += (
                    f" ({MONTH_NAMES[counted.month - 1]} {counted.year} has no day {first.day}, "
                    "so the delay ends on its last day)"
                )
        else:
            counted = months_elapsed(start, n)
            how = f"{rule.describe()} after {_say(start)}, same day number (clipped to month end)"
    elif rule.unit is DelayUnit.FIXED_DATE:
        assert rule.month is not None
        assert rule.day is not None
        counted = fixed_day_in(start.year, rule.month, rule.day)
        if counted < start:
            counted = fixed_day_in(start.year + 1, rule.month, rule.day)
        how = f"{rule.describe()}: the first one on or after {_say(start)}"
    else:
        assert rule.period is not None
        period = Period.of(start, rule.period)
        counted = period.last
        how = f"{rule.describe()} holding {_say(start)} ({period})"
    if judicial and kind is not None:
        how += ", the start day not counted, the last day counted"
    text = f"{CONVENTION_TEXT[rule.convention]}: {how}: {_say(counted)}"
    day, skipped = counted, []
    if rule.rolls:
        while not cal.is_working(day, DayKind.MON_FRI):
            skipped.append(day)
            day += ONE_DAY
    if skipped:
        text += (
            f"; not a working day, so the deadline moves to the next working day: {_say(day)} "
            f"(skipped: {', '.join(_reason(d, cal) for d in skipped)})"
        )
    elif not rule.rolls and not cal.is_working(counted, DayKind.MON_FRI):
        text += "; not a working day, but this rule does not roll forward"
    return DeadlineAnswer(start, rule, counted, day, tuple(skipped), text + ".")


def elapsed(
    start: dt.date,
    end: dt.date,
    kind: DayKind = DayKind.CALENDAR,
    calendar: str | Calendar = DEFAULT_CALENDAR,
) -> int:
    """Days of `kind` after `start` up to and including `end` (the start day is not counted)."""
    if end < start:
        raise IntervalError(
            f"end {end.isoformat()} is before start {start.isoformat()}: invalid data, "
            "not a negative delay; check the two dates of the case"
        )
    total = (end - start).days
    if kind is DayKind.CALENDAR:
        return total
    cal = resolve_calendar(calendar)
    return sum(cal.is_working(start + dt.timedelta(days=i), kind) for i in range(1, total + 1))


def on_time(start: dt.date, end: dt.date, rule: Rule) -> bool:
    """Whether a case ended on `end` is within its deadline; an end before start is invalid."""
    if end < start:
        raise IntervalError(
            f"end {end.isoformat()} is before start {start.isoformat()}: invalid data, "
            "never counted as on time"
        )
    return end <= deadline(start, rule).day


_FIXED_DAYS = (DelayUnit.FIXED_DATE, DelayUnit.PERIOD_END)


def rule_from_delay(delay: Delay) -> Rule:
    """The rule a contract norm's `Delay` states."""
    return Rule(
        delay.unit,
        value=delay.value,
        month=delay.month,
        day=delay.day,
        period=delay.period,
        convention=delay.convention,
        # The model's flag is about fixed days; for delays the convention decides.
        rolls_forward=delay.rolls_forward if delay.unit in _FIXED_DAYS else None,
        calendar=delay.calendar,
    )
