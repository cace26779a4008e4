"""The management budget ("budget de gestion" / "beheersbegroting") and common commitments."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from pilotage.contract._base import Code, Element, LocalText
from pilotage.contract._norms import Indicator

__all__ = ["Budget", "BudgetCategory", "BudgetLine", "CommonCommitment"]


class BudgetCategory(StrEnum):
    PERSONNEL = "personnel"
    OPERATING = "operating"
    OPERATING_ORDINARY = "operating_ordinary"
    OPERATING_IT = "operating_it"
    INVESTMENTS = "investments"
    INVESTMENTS_MOVABLE = "investments_movable"
    INVESTMENTS_IT = "investments_it"
    INVESTMENTS_REAL_ESTATE = "investments_real_estate"
    NON_LIMITATIVE = "non_limitative"
    OTHER = "other"


class BudgetLine(Element):
    """One line of the budget table; `children` are its "dont :" sub-lines.

    An amount of `null` is a cell left blank in the printed text: `pilotage contract check`
    derives it from the other cells and reports it, it is never filled silently.
    """

    code: Code
    label: LocalText
    category: BudgetCategory
    article_codes: list[str] = Field(default_factory=list, description='e.g. ["8111"].')
    limitative: bool = True
    amounts: dict[int, Decimal | None]
    children: list[BudgetLine] = Field(default_factory=list)

    def walk(self) -> list[BudgetLine]:
        return [self, *(line for child in self.children for line in child.walk())]


class Budget(Element):
    currency: str = "EUR"
    years: list[int] = Field(min_length=1)
    prices_of: dict[int, int] = Field(
        default_factory=dict, description="Year -> the year whose prices it is computed in."
    )
    lines: list[BudgetLine] = Field(min_length=1)
    total: dict[int, Decimal | None] = Field(description="The printed total per year.")
    statutory_personnel_cap: dict[int, Decimal] = Field(default_factory=dict)
    notes: list[LocalText] = Field(default_factory=list)

    @model_validator(mode="after")
    def _years(self) -> Budget:
        years = set(self.years)
        for line in (x for top in self.lines for x in top.walk()):
            if set(line.amounts) != years:
                raise ValueError(
                    f"budget line {line.code!r} gives years {sorted(line.amounts)}, "
                    f"expected exactly {sorted(years)}"
                )
        if set(self.total) != years:
            raise ValueError(
                f"the total gives years {sorted(self.total)}, expected {sorted(years)}"
            )
        return self


class CommonCommitment(Element):
    """A commitment shared by all institutions (telework >= 30%, PLATINA meetings, ...)."""

    code: Code
    text: LocalText
    indicator: Indicator | None = Field(None, description="How it is measured, when it is.")
