"""Credits against execution: the execution rate per credit and month, the projected year end
and the alerts before a credit runs out.

The projection is the pace so far carried to December: commitments to the last month recorded
(m), plus their monthly average (commitments / m) for each month left. It says nothing about
seasons (a 13th-month or a year-end invoice shows as a jump when it is booked); the page and the
statement say so beside the figure. A credit "runs out" in the first month whose projected
commitments exceed its balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from pilotage.budget._execution import Execution
from pilotage.budget._ledger import Ledger
from pilotage.budget._money import format_eur, rounded

__all__ = ["Alert", "AlertKind", "CreditFollowUp", "MonthFigures", "follow"]

ZERO = Decimal("0.00")


class AlertKind(StrEnum):
    OVERDRAWN = "overdrawn"  # committed above the credit
    RUNS_OUT = "runs_out"  # at this pace, before December
    NEAR = "near"  # committed at or above the alert share of the credit


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    month: int | None  # the month it runs out, for RUNS_OUT
    text: str


@dataclass(frozen=True)
class MonthFigures:
    month: int
    credit: Decimal  # the balance at the end of the month
    committed: Decimal  # cumulated from January
    paid: Decimal
    rate: Decimal | None  # committed / credit, None for a credit of zero


@dataclass(frozen=True)
class CreditFollowUp:
    code: str
    year: int
    limitative: bool
    months: tuple[MonthFigures, ...]
    credit: Decimal
    committed: Decimal
    paid: Decimal
    projected: Decimal | None  # None before any month is recorded
    alert: Alert | None

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.committed, self.credit)


def _rate(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(Decimal("0.0001")) if whole else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _alert(f: CreditFollowUp, last: int, alert_at: Decimal) -> Alert | None:
    if f.credit <= 0 and f.committed <= 0:
        return None
    if f.committed > f.credit:
        return Alert(
            AlertKind.OVERDRAWN,
            None,
            f"{f.code} {f.year}: committed {format_eur(f.committed)}, above the credit "
            f"{format_eur(f.credit)}" + (" (a limitative credit: art. 67)" if f.limitative else ""),
        )
    if f.projected is not None and f.projected > f.credit and last < 12:
        pace = f.committed / last
        month = last + 1
        while f.committed + pace * (month - last) <= f.credit:
            month += 1
        return Alert(
            AlertKind.RUNS_OUT,
            month,
            f"{f.code} {f.year}: at the pace of January-{last:02d} the credit runs out in month "
            f"{month:02d}; projected year end {format_eur(f.projected)} for a credit of "
            f"{format_eur(f.credit)}",
        )
    rate = f.rate
    if rate is not None and rate >= alert_at:
        return Alert(
            AlertKind.NEAR,
            None,
            f"{f.code} {f.year}: {rate * 100:.1f}% of the credit committed by month {last:02d}",
        )
    return None


def follow(
    ledger: Ledger,
    execution: Execution,
    year: int,
    codes: list[str] | None = None,
    *,
    alert_at: Decimal = Decimal("0.90"),
) -> list[CreditFollowUp]:
    """For each credit (or line, or "total") of `year`: month by month, the balance at the month's
    end, cumulated commitments and payments, the rate; the projection and an alert."""
    table = ledger.table
    wanted = codes if codes is not None else table.codes()
    recorded = execution.months(year)
    last = recorded[-1] if recorded else 0
    found = []
    for code in wanted:
        members = table.members(code)
        limitative = all(table.credit(m, year).limitative for m in members)
        months = []
        committed = paid = ZERO
        for month in range(1, last + 1):
            flows = [execution.monthly(year, m).get(month, (ZERO, ZERO)) for m in members]
            committed += sum((c for c, _ in flows), ZERO)
            paid += sum((p for _, p in flows), ZERO)
            credit = ledger.balance(code, year, _month_end(year, month))
            months.append(MonthFigures(month, credit, committed, paid, _rate(committed, credit)))
        credit = ledger.balance(code, year, _month_end(year, max(last, 1)))
        projected = rounded(committed + committed / last * (12 - last)) if last else None
        follow_up = CreditFollowUp(
            code, year, limitative, tuple(months), credit, committed, paid, projected, None
        )
        found.append(replace(follow_up, alert=_alert(follow_up, last, alert_at) if last else None))
    return found
