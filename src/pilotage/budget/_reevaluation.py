"""The computation of the annual re-evaluation (art. 71), line by line, with its working.

Each credit of the year is re-evaluated from its balance the day before the re-evaluation
(after the Government's savings, as art. 71 asks):

- personnel: x (average liquidation coefficient of the year, forecast / of the base year,
  actual); the statutory part of the personnel credit follows the same factor;
- operating (ordinary, IT, non-limitative) and non-real-estate investments: x (health index of
  the year / of the base year);
- real-estate investments: set to the established need, with the favourable opinion of the
  commissioner for the Budget; without a need given, left as it is.

The base year is the year the credit's amounts are priced in when the contract prices that
year's column in an earlier year's prices (INAMI 2015 "en prix de 2013"), else the year before:
for INAMI 2014 and INASTI 2020 both read "year N-1", as art. 71 writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pilotage.budget._credits import Credit
from pilotage.budget._money import format_eur, rounded
from pilotage.budget._operations import Reevaluation
from pilotage.budget._parameters import Estimate, Parameter, ParameterName
from pilotage.contract import BudgetCategory
from pilotage.errors import BudgetError, BudgetRuleError

__all__ = ["ReevaluationLine", "base_year", "reevaluation_lines"]

_BY_INDEX = frozenset(
    {
        BudgetCategory.OPERATING,
        BudgetCategory.OPERATING_ORDINARY,
        BudgetCategory.OPERATING_IT,
        BudgetCategory.NON_LIMITATIVE,
        BudgetCategory.INVESTMENTS,
        BudgetCategory.INVESTMENTS_IT,
        BudgetCategory.INVESTMENTS_MOVABLE,
    }
)


@dataclass(frozen=True)
class ReevaluationLine:
    credit: str
    rule: str  # "liquidation coefficient", "health index", "established need", "unchanged"
    before: Decimal
    factor: Decimal | None  # None for a need or an unchanged credit
    after: Decimal
    working: str  # the computation as a finance cell would check it

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def base_year(credit: Credit) -> int:
    return credit.prices_of if credit.prices_of < credit.year else credit.year - 1


def _check(p: Parameter, name: ParameterName, year: int, estimate: Estimate | None) -> None:
    if p.name is not name or p.year != year or (estimate is not None and p.estimate != estimate):
        wanted = f"{name} of {year}" + (f" ({estimate})" if estimate else "")
        raise BudgetError(f"re-evaluation: expected the {wanted}, got {p}")


def _factor(op: Reevaluation, credit: Credit) -> tuple[str, Decimal, str] | None:
    base = base_year(credit)
    if credit.is_personnel:
        new, old = op.liquidation_forecast, op.liquidation_actual
        _check(new, ParameterName.LIQUIDATION_COEFFICIENT, op.year, Estimate.FORECAST)
        _check(old, ParameterName.LIQUIDATION_COEFFICIENT, base, Estimate.ACTUAL)
        rule = "liquidation coefficient"
    elif credit.category in _BY_INDEX:
        new, old = op.health_index_new, op.health_index_base
        _check(new, ParameterName.HEALTH_INDEX, op.year, None)
        _check(old, ParameterName.HEALTH_INDEX, base, None)
        rule = "health index"
    else:
        return None
    factor = new.value / old.value
    text = f"{new.value} ({new.year} {new.estimate}) / {old.value} ({old.year} {old.estimate})"
    return rule, factor, text


def reevaluation_lines(
    op: Reevaluation, year_credits: list[Credit], balances: dict[str, Decimal]
) -> list[ReevaluationLine]:
    """One line per credit of `op.year`, from the credits' balances before the re-evaluation."""
    needs = {n.credit: n for n in op.real_estate}
    codes = {c.code for c in year_credits}
    for code in needs:
        if code not in codes or not next(c for c in year_credits if c.code == code).is_real_estate:
            estate = [c.code for c in year_credits if c.is_real_estate]
            raise BudgetError(
                f"re-evaluation {op.year}: {code!r} is not a real-estate investment credit "
                f"(those are: {', '.join(estate) or 'none'})"
            )
    lines = []
    for credit in year_credits:
        before = balances[credit.code]
        if credit.is_real_estate and credit.code in needs:
            need = needs[credit.code]
            if need.opinion is None or need.opinion.on > op.on:
                raise BudgetRuleError(
                    f"art. 71 c: the real-estate credit {credit.code} of {op.year} is set by "
                    "established need only with the favourable opinion of the commissioner for "
                    "the Budget, given on or before the re-evaluation "
                    f"({op.on.isoformat()}); record the opinion with the need"
                )
            working = (
                f"established need {format_eur(need.amount)} (programme {need.programme}; "
                f"favourable opinion {need.opinion.by}, {need.opinion.on.isoformat()}, "
                f"{need.opinion.reference})"
            )
            lines.append(
                ReevaluationLine(
                    credit.code, "established need", before, None, need.amount, working
                )
            )
            continue
        found = _factor(op, credit)
        if found is None:
            reason = "real estate: no established need given" if credit.is_real_estate else ""
            lines.append(
                ReevaluationLine(
                    credit.code, "unchanged", before, None, before, reason or "not re-evaluated"
                )
            )
            continue
        rule, factor, text = found
        after = rounded(before * factor)
        working = f"{format_eur(before)} x {text} = {format_eur(after)} (factor {factor:.6f})"
        lines.append(ReevaluationLine(credit.code, rule, before, factor, after, working))
    return lines
