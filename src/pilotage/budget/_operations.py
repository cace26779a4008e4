"""The operations that move a management budget, as frozen records.

Each carries its date (`on`, from when it counts), its author, its legal basis and its
documents. None is ever edited or deleted: a mistake is undone by a `Counter` operation. The
ledger (`pilotage.budget.Ledger`) checks an operation against the rules before it takes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from pilotage.budget._money import cents
from pilotage.budget._parameters import Parameter
from pilotage.errors import BudgetError

__all__ = [
    "AdditionalCredit",
    "Authorisation",
    "CarryOver",
    "Counter",
    "Operation",
    "OperationKind",
    "Opinion",
    "OwnRevenue",
    "RealEstateNeed",
    "Reevaluation",
    "RevenueCase",
    "Saving",
    "Transfer",
]


class OperationKind(StrEnum):
    TRANSFER = "transfer"
    CARRY_OVER = "carry_over"
    REEVALUATION = "reevaluation"
    OWN_REVENUE = "own_revenue"
    ADDITIONAL_CREDIT = "additional_credit"
    SAVING = "saving"
    COUNTER = "counter"


@dataclass(frozen=True)
class Opinion:
    """A favourable opinion or agreement an operation needs, given before it (art. 64, 71 c)."""

    by: str  # "commissioner for the Budget", "government commissioners of INAMI and ONSS"
    on: dt.date
    reference: str  # the letter, the minutes


@dataclass(frozen=True)
class Authorisation:
    """The prior authorisation of the supervising minister(s) and the Budget minister (art. 72)."""

    on: dt.date
    reference: str


def _positive(value: Decimal | int | str, what: str) -> Decimal:
    amount = cents(value, what)
    if amount <= 0:
        raise BudgetError(f"{what} {amount}: give a positive amount (the kind says the direction)")
    return amount


@dataclass(frozen=True, kw_only=True)
class Operation:
    on: dt.date
    author: str
    basis: str  # the legal basis: "INAMI art. 68; AR 3 April 1997 art. 14 §1"
    documents: tuple[str, ...] = ()
    note: str = ""
    authorisation: Authorisation | None = None  # art. 72, for real estate above EUR 5 million
    demonstration: bool = False

    kind: OperationKind = field(init=False, default=OperationKind.TRANSFER)

    def __post_init__(self) -> None:
        if not self.author.strip():
            raise BudgetError(f"{self.kind} of {self.on}: name its author")
        if not self.basis.strip():
            raise BudgetError(
                f"{self.kind} of {self.on}: give its legal basis (the article and the decision)"
            )


@dataclass(frozen=True, kw_only=True)
class Transfer(Operation):
    """Moves `amount` from `source` to `target` within `year` (art. 68); the commissioner for
    the Budget's processing is recorded after it, as a step (`Ledger.process`)."""

    year: int
    source: str
    target: str
    amount: Decimal
    statutory: Decimal = Decimal("0.00")  # the part of a personnel credit moved that is statutory

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.TRANSFER)
        object.__setattr__(self, "amount", _positive(self.amount, "transfer amount"))
        object.__setattr__(self, "statutory", cents(self.statutory, "statutory part"))
        super().__post_init__()
        if self.source == self.target:
            raise BudgetError(f"a transfer from {self.source!r} to itself moves nothing")


@dataclass(frozen=True, kw_only=True)
class CarryOver(Operation):
    """Carries `amount` of `credit`'s unused credit of `year` to `year` + 1 (art. 69)."""

    year: int
    credit: str
    amount: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.CARRY_OVER)
        object.__setattr__(self, "amount", _positive(self.amount, "carry-over amount"))
        super().__post_init__()


@dataclass(frozen=True, kw_only=True)
class RealEstateNeed:
    """A real-estate credit set by established need (art. 71 c), with the favourable opinion."""

    credit: str
    amount: Decimal
    opinion: Opinion | None
    programme: str  # the multi-year programme it belongs to

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", cents(self.amount, "real-estate need"))
        if self.amount < 0:
            raise BudgetError(f"real-estate need {self.amount}: a need is not negative")


@dataclass(frozen=True, kw_only=True)
class Reevaluation(Operation):
    """The annual re-evaluation of `year` (art. 71): personnel credits by the liquidation
    coefficients, operating and non-real-estate investment credits by the health index, real
    estate by established need. The parameters are data with their source and date."""

    year: int
    liquidation_forecast: Parameter  # average liquidation coefficient of `year`, forecast
    liquidation_actual: Parameter  # of the year the credit is priced on, actual
    health_index_new: Parameter  # health index of the economic budget of `year`
    health_index_base: Parameter  # of the year the credit is priced on
    real_estate: tuple[RealEstateNeed, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.REEVALUATION)
        super().__post_init__()


class RevenueCase(StrEnum):
    """The cases of art. 64, each with the year it is added to, the share and the opinion."""

    COST_RECOVERY = "cost_recovery"  # services to third parties at cost: current year
    IPSS_REIMBURSEMENT = "ipss_reimbursement"  # staff or services for another IPSS: current year
    RENT_PUBLIC = "rent_public"  # rent at cost to another public service: next year, in full
    RENT_MARKET = "rent_market"  # rent at market price to another third: next year, half
    SERVICES_MARKET = "services_market"  # services to non-IPSS at market price: next year


@dataclass(frozen=True, kw_only=True)
class OwnRevenue(Operation):
    """Own revenues of `year` added to the envelope by the rules of art. 64 (`case`).

    For SERVICES_MARKET, `costs` is the personnel and operating cost of the service: it is
    added in full, and half of the difference between the price invoiced (`amount`) and it.
    """

    year: int  # the year the revenue was earned
    credit: str
    case: RevenueCase
    amount: Decimal
    costs: Decimal | None = None
    opinion: Opinion | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.OWN_REVENUE)
        object.__setattr__(self, "case", RevenueCase(self.case))
        object.__setattr__(self, "amount", _positive(self.amount, "own revenue"))
        if self.costs is not None:
            object.__setattr__(self, "costs", cents(self.costs, "costs"))
        super().__post_init__()
        if self.case is RevenueCase.SERVICES_MARKET:
            if self.costs is None or not Decimal(0) <= self.costs <= self.amount:
                raise BudgetError(
                    "services at market price (art. 64): give --costs, the personnel and "
                    f"operating costs of the service, between 0 and the price {self.amount}"
                )
        elif self.costs is not None:
            raise BudgetError(f"costs are given only for the case {RevenueCase.SERVICES_MARKET}")


@dataclass(frozen=True, kw_only=True)
class AdditionalCredit(Operation):
    """Credits added for a new mission (art. 65), agreed with the Government."""

    year: int
    credit: str
    amount: Decimal
    statutory: Decimal = Decimal("0.00")

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.ADDITIONAL_CREDIT)
        object.__setattr__(self, "amount", _positive(self.amount, "additional credit"))
        object.__setattr__(self, "statutory", cents(self.statutory, "statutory part"))
        super().__post_init__()


@dataclass(frozen=True, kw_only=True)
class Saving(Operation):
    """A saving decided by the Government, taken from `credit`."""

    year: int
    credit: str
    amount: Decimal
    statutory: Decimal = Decimal("0.00")

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.SAVING)
        object.__setattr__(self, "amount", _positive(self.amount, "saving"))
        object.__setattr__(self, "statutory", cents(self.statutory, "statutory part"))
        super().__post_init__()


@dataclass(frozen=True, kw_only=True)
class Counter(Operation):
    """Undoes operation number `of` from `on`: its movements, reversed."""

    of: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OperationKind.COUNTER)
        super().__post_init__()
