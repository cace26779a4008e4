"""Reporting periods: month `2019-03`, quarter `2019-Q3`, semester `2019-S2`, year `2019`, and
the contract period `2019-01-01..2020-12-31`."""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pilotage.errors import DeadlineSyntaxError, ImpossibleDateError, IntervalError
from pilotage.legaltime._terms import PeriodKind

__all__ = [
    "MONTHS_IN",
    "Period",
    "PeriodKind",
    "add_months",
    "month_end",
    "months_from",
    "nth_year",
    "period_of",
    "periods_between",
]

MONTHS_IN: dict[PeriodKind, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.SEMESTER: 6,
    PeriodKind.YEAR: 12,
}

_FORMS = (
    "2019-03 (month), 2019-Q3 (quarter), 2019-S2 (semester), 2019 (year), 2019-01-01..2020-12-31"
)
_PATTERNS = [
    (re.compile(r"(\d{4})"), PeriodKind.YEAR),
    (re.compile(r"(\d{4})-(\d{2})"), PeriodKind.MONTH),
    (re.compile(r"(\d{4})-[Qq](\d)"), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-[Ss](\d)"), PeriodKind.SEMESTER),
]
_RANGE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})-(\d{2})")


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, _stdcal.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) `months` months after (year, month); negative goes back."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def months_from(first: dt.date, months: int) -> Period:
    """The term of `months` months that starts on `first`, as a contract counts it: to the day
    before the same day number `months` months later, or to that month's last day when it has
    no such day. 1 January 2023 and 60 months: 2023-01-01..2027-12-31; 15 March 2019 and 12
    months: 2019-03-15..2020-03-14; 31 January 2019 and 1 month: 2019-01-31..2019-02-28."""
    if months < 1:
        raise IntervalError(f"a term runs at least one month, not {months}")
    year, month = add_months(first.year, first.month, months)
    if first.day > _stdcal.monthrange(year, month)[1]:
        last = month_end(year, month)
    else:
        last = dt.date(year, month, first.day) - dt.timedelta(days=1)
    return Period(first, last, PeriodKind.CONTRACT)


def nth_year(first: dt.date, n: int) -> Period:
    """The `n`th year (1-based) of a term that starts on `first`: "la deuxième année du contrat"
    of a contract from 1 July 2019 is 2020-07-01..2021-06-30."""
    if n < 1:
        raise IntervalError(f"years of a term are numbered from 1, not {n}")
    begins = first if n == 1 else months_from(first, 12 * (n - 1)).last + dt.timedelta(days=1)
    return Period(begins, months_from(first, 12 * n).last, PeriodKind.CONTRACT)


def _date(y: str, m: str, d: str, text: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError as exc:
        raise ImpossibleDateError(f"{text!r}: {y}-{m}-{d} is not a date ({exc})") from exc


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole days, from `first` to `last` inclusive, of one kind."""

    first: dt.date
    last: dt.date
    kind: PeriodKind

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise IntervalError(
                f"a period cannot end ({self.last}) before it starts ({self.first})"
            )

    @classmethod
    def of(cls, day: dt.date, kind: PeriodKind) -> Period:
        """The period of `kind` (not contract) that contains `day`."""
        if kind is PeriodKind.CONTRACT:
            raise IntervalError("a contract period is not derived from a day; give its two bounds")
        size = MONTHS_IN[kind]
        first_month = (day.month - 1) // size * size + 1
        last_year, last_month = add_months(day.year, first_month, size - 1)
        return cls(dt.date(day.year, first_month, 1), month_end(last_year, last_month), kind)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read `2019`, `2019-03`, `2019-Q3`, `2019-S2` or `2019-01-01..2020-12-31`."""
        clean = text.strip()
        for pattern, kind in _PATTERNS:
            m = pattern.fullmatch(clean)
            if m is None:
                continue
            year = int(m.group(1))
            index = int(m.group(2)) if kind is not PeriodKind.YEAR else 1
            count = 12 // MONTHS_IN[kind]
            if not 1 <= index <= count or year < 1:
                raise DeadlineSyntaxError(
                    f"{text!r}: a year has {count} {kind.value}s, numbered 1 to {count}"
                )
            return cls.of(dt.date(year, (index - 1) * MONTHS_IN[kind] + 1, 1), kind)
        m = _RANGE.fullmatch(clean)
        if m is not None:
            y1, m1, d1, y2, m2, d2 = m.groups()
            return cls(_date(y1, m1, d1, text), _date(y2, m2, d2, text), PeriodKind.CONTRACT)
        raise DeadlineSyntaxError(f"cannot read the period {text!r}; write one of: {_FORMS}")

    def __str__(self) -> str:
        f = self.first
        match self.kind:
            case PeriodKind.YEAR:
                return f"{f.year}"
            case PeriodKind.MONTH:
                return f"{f.year}-{f.month:02d}"
            case PeriodKind.QUARTER:
                return f"{f.year}-Q{(f.month - 1) // 3 + 1}"
            case PeriodKind.SEMESTER:
                return f"{f.year}-S{(f.month - 1) // 6 + 1}"
            case _:
                return f"{self.first.isoformat()}..{self.last.isoformat()}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def shift(self, count: int) -> Period:
        """The period `count` places later (earlier if negative), of the same kind."""
        if self.kind is PeriodKind.CONTRACT:
            raise IntervalError(f"{self}: a contract period has no next or previous period")
        year, month = add_months(self.first.year, self.first.month, count * MONTHS_IN[self.kind])
        return Period.of(dt.date(year, month, 1), self.kind)

    def next(self) -> Period:
        return self.shift(1)

    def previous(self) -> Period:
        return self.shift(-1)

    def split(self, kind: PeriodKind) -> list[Period]:
        """The periods of `kind` that overlap this one, in order (a contract period per quarter)."""
        parts = [Period.of(self.first, kind)]
        while parts[-1].last < self.last:
            parts.append(parts[-1].next())
        return parts


def period_of(day: dt.date, kind: PeriodKind) -> Period:
    """The month, quarter, semester or year that holds `day`."""
    return Period.of(day, kind)


def periods_between(first: Period | str, last: Period | str) -> list[Period]:
    """Every period from `first` to `last` inclusive; both of the same kind."""
    a = first if isinstance(first, Period) else Period.parse(first)
    b = last if isinstance(last, Period) else Period.parse(last)
    if a.kind is not b.kind:
        raise IntervalError(
            f"{a} is a {a.kind.value} and {b} a {b.kind.value}: list periods of one kind"
        )
    if b < a:
        raise IntervalError(f"{b} comes before {a}: give the earlier period first")
    if a.kind is PeriodKind.CONTRACT and a != b:
        raise IntervalError(
            f"{a} and {b} are contract periods, which follow no fixed rhythm: list one of them "
            "per month, quarter, semester or year instead (Period.split)"
        )
    return list(_iterate(a, b))


def _iterate(a: Period, b: Period) -> Iterator[Period]:
    p = a
    yield p
    while p != b:
        p = p.next()
        yield p
