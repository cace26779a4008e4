"""The ledger of one contract's management budget: opening credits plus dated operations.

The balance of a credit (or of a line that sums credits, or of the total) on a day is its
opening credit plus the movements of every operation dated on or before that day. The ledger
only grows: `record` checks an operation against the rules and appends it, or refuses it with
a BudgetRuleError saying which rule and by how much; nothing is edited or deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pilotage.budget._credits import Credit, OpeningTable
from pilotage.budget._execution import Execution
from pilotage.budget._money import cents, format_eur, rounded
from pilotage.budget._operations import (
    AdditionalCredit,
    CarryOver,
    Counter,
    Operation,
    OwnRevenue,
    Reevaluation,
    RevenueCase,
    Saving,
    Transfer,
)
from pilotage.budget._reevaluation import ReevaluationLine, reevaluation_lines
from pilotage.errors import BudgetError, BudgetRuleError

__all__ = ["REAL_ESTATE_THRESHOLD", "Entry", "Ledger", "Movement", "Processing"]

REAL_ESTATE_THRESHOLD = Decimal("5000000.00")  # art. 72: "cinq millions d'euros"
ZERO = Decimal("0.00")

# art. 64: the year the revenue is added to (0: the current one, 1: the next), the share, and
# whether an opinion or agreement of the government commissioner(s) is needed.
_REVENUE_RULES: dict[RevenueCase, tuple[int, Decimal, bool]] = {
    RevenueCase.COST_RECOVERY: (0, Decimal(1), False),
    RevenueCase.IPSS_REIMBURSEMENT: (0, Decimal(1), True),
    RevenueCase.RENT_PUBLIC: (1, Decimal(1), True),
    RevenueCase.RENT_MARKET: (1, Decimal("0.5"), True),
    RevenueCase.SERVICES_MARKET: (1, Decimal("0.5"), True),
}


@dataclass(frozen=True)
class Movement:
    year: int
    credit: str
    amount: Decimal
    statutory: Decimal = ZERO  # the change of the statutory part of a personnel credit


@dataclass(frozen=True)
class Entry:
    number: int
    operation: Operation
    movements: tuple[Movement, ...]
    working: tuple[ReevaluationLine, ...] = ()  # a re-evaluation's computation

    @property
    def on(self) -> dt.date:
        return self.operation.on


@dataclass(frozen=True)
class Processing:
    """The commissioner for the Budget's processing of a transfer (art. 68)."""

    of: int
    on: dt.date
    by: str
    reference: str
    agreed: bool = True


@dataclass
class Ledger:
    table: OpeningTable
    statutory_personnel: dict[int, Decimal] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    processing: list[Processing] = field(default_factory=list)
    execution: Execution | None = None  # the commitments a limitative credit must still cover

    def __post_init__(self) -> None:
        self.statutory_personnel = {
            y: cents(v, f"statutory personnel credit {y}")
            for y, v in self.statutory_personnel.items()
        }
        for year, amount in self.statutory_personnel.items():
            cap = self.table.statutory_personnel_cap.get(year)
            if year not in self.table.years:
                raise BudgetError(f"statutory personnel credit for {year}: not a budget year")
            if cap is not None and amount > cap:
                raise BudgetRuleError(
                    f"the statutory personnel credit of {year}, {format_eur(amount)}, is above "
                    f"the statutory cap of the contract, {format_eur(cap)} (AR 3 April 1997 art. 5)"
                )

    # --- reading ------------------------------------------------------------------------------

    def balance(self, code: str, year: int, on: dt.date | None = None) -> Decimal:
        """The credit (or line, or "total") of `year` as it stands on `on` (default: every
        operation recorded)."""
        members = set(self.table.members(code))
        total = self.table.opening(code, year)
        for entry in self._upto(on):
            total += sum(
                (m.amount for m in entry.movements if m.year == year and m.credit in members), ZERO
            )
        return total

    def statutory(self, year: int, on: dt.date | None = None) -> Decimal | None:
        """The statutory part of the personnel credits of `year`, when the ledger knows it."""
        if year not in self.statutory_personnel:
            return None
        moved = (m.statutory for e in self._upto(on) for m in e.movements if m.year == year)
        return self.statutory_personnel[year] + sum(moved, ZERO)

    def entry(self, number: int) -> Entry:
        for e in self.entries:
            if e.number == number:
                return e
        raise BudgetError(f"no operation no. {number} in the ledger of {self.table.contract_id}")

    def processing_of(self, number: int) -> Processing | None:
        return next((p for p in self.processing if p.of == number), None)

    def countered(self, number: int) -> Entry | None:
        return next(
            (
                e
                for e in self.entries
                if isinstance(e.operation, Counter) and e.operation.of == number
            ),
            None,
        )

    def awaiting_processing(self) -> list[Entry]:
        """Transfers the commissioner for the Budget has not processed yet (art. 68)."""
        return [
            e
            for e in self.entries
            if isinstance(e.operation, Transfer)
            and self.processing_of(e.number) is None
            and self.countered(e.number) is None
        ]

    def not_agreed(self) -> list[Entry]:
        """Transfers the commissioner for the Budget did not agree to, not countered yet: they
        count until a counter-operation undoes them, and are shown as to be countered."""
        return [
            e
            for e in self.entries
            if (step := self.processing_of(e.number)) is not None
            and not step.agreed
            and self.countered(e.number) is None
        ]

    def _upto(self, on: dt.date | None) -> Iterable[Entry]:
        return (e for e in self.entries if on is None or e.on <= on)

    # --- recording ----------------------------------------------------------------------------

    def preview(self, op: Operation) -> Entry:
        """The entry `op` would make, checked; the ledger is left as it is."""
        movements, working = self._movements(op)
        entry = Entry(len(self.entries) + 1, op, tuple(movements), tuple(working))
        self._check(entry)
        return entry

    def record(self, op: Operation) -> Entry:
        """Check `op` against the rules and append it; BudgetRuleError/BudgetError if refused."""
        entry = self.preview(op)
        self.entries.append(entry)
        return entry

    def process(
        self, number: int, on: dt.date, by: str, reference: str, agreed: bool = True
    ) -> Processing:
        """Record the commissioner for the Budget's processing of transfer `number` (art. 68)."""
        entry = self.entry(number)
        if not isinstance(entry.operation, Transfer):
            raise BudgetError(
                f"operation no. {number} is a {entry.operation.kind}: only a transfer is processed "
                "by the commissioner for the Budget (art. 68)"
            )
        done = self.processing_of(number)
        if done is not None:
            raise BudgetRuleError(
                f"transfer no. {number} was processed on {done.on.isoformat()} by {done.by}: a "
                "processing is recorded once"
            )
        if on < entry.on:
            raise BudgetRuleError(
                f"transfer no. {number} is of {entry.on.isoformat()}: it cannot be processed "
                f"before, on {on.isoformat()}"
            )
        step = Processing(number, on, by, reference, agreed)
        self.processing.append(step)
        return step

    def _movements(self, op: Operation) -> tuple[list[Movement], list[ReevaluationLine]]:
        t = self.table
        if isinstance(op, Transfer):
            self._credit(op.source, op.year), self._credit(op.target, op.year)
            if op.on.year != op.year:
                raise BudgetRuleError(
                    f"art. 68: a transfer between credits is made within the exercise: a "
                    f"transfer of {op.year} cannot be dated {op.on.isoformat()}"
                )
            self._statutory_part(op.statutory, op.amount, op.source, op.target, year=op.year)
            return [
                Movement(op.year, op.source, -op.amount, -op.statutory),
                Movement(op.year, op.target, op.amount, op.statutory),
            ], []
        if isinstance(op, CarryOver):
            self._credit(op.credit, op.year)
            if op.year + 1 not in t.years:
                raise BudgetRuleError(
                    f"art. 69: a carry-over of {op.year} goes to {op.year + 1}, which is not a "
                    f"year of the contract {t.contract_id} ({t.years[0]}-{t.years[-1]}); "
                    "its credits are those of the next contract"
                )
            return [
                Movement(op.year, op.credit, -op.amount),
                Movement(op.year + 1, op.credit, op.amount),
            ], []
        if isinstance(op, OwnRevenue):
            return [self._revenue(op)], []
        if isinstance(op, AdditionalCredit | Saving):
            credit = self._credit(op.credit, op.year)
            sign = Decimal(1) if isinstance(op, AdditionalCredit) else Decimal(-1)
            if op.statutory and not credit.is_personnel:
                raise BudgetError(
                    f"a statutory part is given only for a personnel credit, not {op.credit}"
                )
            self._statutory_part(op.statutory, op.amount, op.credit, op.credit, year=op.year)
            return [Movement(op.year, op.credit, sign * op.amount, sign * op.statutory)], []
        if isinstance(op, Reevaluation):
            return self._reevaluation(op)
        if isinstance(op, Counter):
            original = self.entry(op.of)
            if isinstance(original.operation, Counter):
                raise BudgetError(
                    f"operation no. {op.of} is itself a counter-operation: record the original "
                    "operation again instead of countering its counter"
                )
            done = self.countered(op.of)
            if done is not None:
                raise BudgetRuleError(
                    f"operation no. {op.of} was already countered by no. {done.number}"
                )
            if op.on < original.on:
                raise BudgetRuleError(
                    f"a counter-operation of no. {op.of} ({original.on.isoformat()}) cannot be "
                    f"dated before it, {op.on.isoformat()}"
                )
            return [
                Movement(m.year, m.credit, -m.amount, -m.statutory) for m in original.movements
            ], []
        raise BudgetError(f"unknown operation {type(op).__name__}")  # pragma: no cover

    def _credit(self, code: str, year: int) -> Credit:
        return self.table.credit(code, year)

    def _statutory_part(
        self, statutory: Decimal, amount: Decimal, source: str, target: str, *, year: int
    ) -> None:
        if not statutory:
            return
        if statutory < 0 or statutory > amount:
            raise BudgetError(
                f"the statutory part {statutory} must be between 0 and the amount {amount}"
            )
        if year not in self.statutory_personnel:
            raise BudgetError(
                f"the ledger does not know the statutory part of the personnel credits of {year}: "
                "open it with the statutory personnel credit of each year to move a statutory part"
            )
        for code in (source, target):
            if not self._credit(code, year).is_personnel:
                raise BudgetError(f"a statutory part moves between personnel credits, not {code}")

    def _revenue(self, op: OwnRevenue) -> Movement:
        offset, share, needs_opinion = _REVENUE_RULES[op.case]
        year = op.year + offset
        self._credit(op.credit, op.year)
        if year not in self.table.years:
            raise BudgetRuleError(
                f"art. 64: own revenues of the case {op.case} of {op.year} are added to the "
                f"envelope of {year}, which is not a year of the contract {self.table.contract_id}"
            )
        if needs_opinion and (op.opinion is None or op.opinion.on > op.on):
            raise BudgetRuleError(
                f"art. 64: own revenues of the case {op.case} are added only with the favourable "
                "opinion (or agreement) of the government commissioner(s), given on or before "
                f"{op.on.isoformat()}; record the opinion with the revenue"
            )
        if op.case is RevenueCase.SERVICES_MARKET:
            assert op.costs is not None
            added = op.costs + rounded((op.amount - op.costs) * share)
        else:
            added = rounded(op.amount * share)
        return Movement(year, op.credit, added)

    def _reevaluation(self, op: Reevaluation) -> tuple[list[Movement], list[ReevaluationLine]]:
        t = self.table
        if op.year not in t.years:
            raise BudgetError(f"re-evaluation of {op.year}: not a year of {t.contract_id}")
        if op.year == t.years[0]:
            raise BudgetRuleError(
                f"art. 71: the re-evaluation is for the years after the first ({t.years[0]} is "
                "fixed by the contract)"
            )
        for e in self.entries:
            if (
                isinstance(e.operation, Reevaluation)
                and e.operation.year == op.year
                and self.countered(e.number) is None
            ):
                raise BudgetRuleError(
                    f"{op.year} was re-evaluated by operation no. {e.number}: counter it "
                    "before recording another re-evaluation"
                )
        day_before = op.on - dt.timedelta(days=1)
        of_year = [t.credit(code, op.year) for code in t.codes()]
        balances = {c.code: self.balance(c.code, op.year, day_before) for c in of_year}
        lines = reevaluation_lines(op, of_year, balances)
        movements = []
        for line in lines:
            if not line.delta:
                continue
            statutory = ZERO
            credit = t.credit(line.credit, op.year)
            known = self.statutory(op.year, day_before)
            if credit.is_personnel and known is not None and line.factor is not None:
                statutory = rounded(known * line.factor) - known
            movements.append(Movement(op.year, line.credit, line.delta, statutory))
        return movements, lines

    # --- the rules ----------------------------------------------------------------------------

    def _check(self, entry: Entry) -> None:
        after = [*self.entries, entry]
        later = {e.on for e in self.entries if e.on > entry.on}
        ends = {dt.date(m.year, 12, 31) for m in entry.movements if m.year >= entry.on.year}
        days = sorted({entry.on, *later, *ends})
        touched = {(m.year, m.credit) for m in entry.movements}
        for year, code in sorted(touched):
            credit = self.table.credit(code, year)
            if not credit.limitative:
                continue
            for day in days:
                left = self.table.opening(code, year) + sum(
                    (
                        m.amount
                        for e in after
                        if e.on <= day
                        for m in e.movements
                        if m.year == year and m.credit == code
                    ),
                    ZERO,
                )
                if left < 0:
                    raise BudgetRuleError(
                        f"art. 67: the credit {code} of {year} is limitative: "
                        f"{entry.operation.kind} no. {entry.number} of {entry.on.isoformat()} "
                        f"would leave {format_eur(left)} on {day.isoformat()} (balance before it "
                        f"{format_eur(self.balance(code, year, day))})"
                    )
                spent = self.execution.committed_by(year, code, day) if self.execution else ZERO
                if left < spent:
                    raise BudgetRuleError(
                        f"art. 67: the credit {code} of {year} is limitative: "
                        f"{entry.operation.kind} no. {entry.number} of {entry.on.isoformat()} "
                        f"would leave {format_eur(left)} on {day.isoformat()}, less than the "
                        f"{format_eur(spent)} already committed on it by then"
                    )
        self._check_cap(entry, after, days)
        self._check_real_estate(entry)

    def _check_cap(self, entry: Entry, after: list[Entry], days: list[dt.date]) -> None:
        years = {m.year for m in entry.movements if m.statutory}
        for year in sorted(years):
            cap = self.table.statutory_personnel_cap.get(year)
            if cap is None:
                continue
            for day in days:
                moved = (
                    m.statutory for e in after if e.on <= day for m in e.movements if m.year == year
                )
                total = self.statutory_personnel[year] + sum(moved, ZERO)
                if total > cap:
                    raise BudgetRuleError(
                        f"the statutory personnel credits of {year} would be {format_eur(total)} "
                        f"on {day.isoformat()}, above the cap fixed by the contract, "
                        f"{format_eur(cap)} (AR 3 April 1997 art. 5): {entry.operation.kind} "
                        f"no. {entry.number} is refused"
                    )

    def _check_real_estate(self, entry: Entry) -> None:
        op = entry.operation
        raised: dict[tuple[int, str], Decimal] = {}
        for m in entry.movements:
            if self.table.credit(m.credit, m.year).is_real_estate:
                raised[(m.year, m.credit)] = raised.get((m.year, m.credit), ZERO) + m.amount
        for (year, code), amount in raised.items():
            if amount <= REAL_ESTATE_THRESHOLD:
                continue
            auth = op.authorisation
            if auth is None or auth.on > op.on:
                raise BudgetRuleError(
                    f"art. 72: {op.kind} no. {entry.number} raises the real-estate credit {code} "
                    f"of {year} by {format_eur(amount)}, above EUR 5 million: it needs the prior "
                    "authorisation of the supervising minister(s) and the Budget minister, "
                    f"dated on or before {op.on.isoformat()}"
                )
