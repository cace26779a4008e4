"""The opening credits of a contract's management budget, read from its budget table.

A credit is a line of the table that has no "dont :" sub-lines (personnel, ordinary operating,
IT investments ...): money moves between credits. A line with sub-lines (operating,
investments) and the total are sums, never moved themselves. A cell left blank in the printed
table (INAMI 2015 investments) is the sum of its sub-lines, said in `derived`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pilotage.budget._money import cents
from pilotage.contract import Budget, BudgetCategory, BudgetLine, Contract, LocalText
from pilotage.errors import BudgetError

__all__ = ["Credit", "Group", "OpeningTable", "opening_table"]

PERSONNEL = frozenset({BudgetCategory.PERSONNEL})
REAL_ESTATE = frozenset({BudgetCategory.INVESTMENTS_REAL_ESTATE})


@dataclass(frozen=True)
class Credit:
    """One credit of one year, as opened from the contract."""

    code: str  # the budget line's code: "operating.it"
    label: LocalText
    category: BudgetCategory
    year: int
    opening: Decimal
    limitative: bool
    article_codes: tuple[str, ...]  # the annex's budget articles (8111 ...), where given
    prices_of: int  # the year whose prices the amount is in
    parent: str | None  # the line it is a "dont :" of

    @property
    def is_personnel(self) -> bool:
        return self.category in PERSONNEL

    @property
    def is_real_estate(self) -> bool:
        return self.category in REAL_ESTATE


@dataclass(frozen=True)
class Group:
    """A line that sums its sub-lines (operating, investments), or the total (`code` "total")."""

    code: str
    label: LocalText
    category: BudgetCategory | None
    members: tuple[str, ...]  # the credits' codes
    printed: dict[int, Decimal | None]


@dataclass(frozen=True)
class OpeningTable:
    """The management budget of a contract as opened: credits per year, groups, caps."""

    contract_id: str
    institution: str
    currency: str
    years: tuple[int, ...]
    credits: dict[tuple[int, str], Credit]
    groups: dict[str, Group]
    statutory_personnel_cap: dict[int, Decimal]
    derived: dict[tuple[str, int], Decimal] = field(default_factory=dict)

    def credit(self, code: str, year: int) -> Credit:
        found = self.credits.get((year, code))
        if found is not None:
            return found
        if year not in self.years:
            raise BudgetError(
                f"year {year} is not a year of the budget of {self.contract_id} "
                f"(years: {', '.join(map(str, self.years))})"
            )
        if code in self.groups:
            members = ", ".join(self.groups[code].members)
            raise BudgetError(
                f"{code!r} is the sum of the credits {members}: name one of those credits"
            )
        raise BudgetError(
            f"no credit {code!r} in the budget of {self.contract_id}; credits: "
            + ", ".join(self.codes())
        )

    def codes(self) -> list[str]:
        """The credits' codes, in the printed order."""
        first = self.years[0]
        return [code for (year, code) in self.credits if year == first]

    def members(self, code: str) -> tuple[str, ...]:
        """The credits a code sums: itself for a credit, its sub-lines for a group."""
        if code in self.groups:
            return self.groups[code].members
        if (self.years[0], code) in self.credits:
            return (code,)
        raise BudgetError(
            f"no credit or line {code!r} in the budget of {self.contract_id}; known: "
            + ", ".join([*self.codes(), *self.groups])
        )

    def opening(self, code: str, year: int) -> Decimal:
        self.credit(self.members(code)[0], year)  # checks the year
        return sum((self.credits[(year, c)].opening for c in self.members(code)), Decimal("0.00"))

    def credit_for_article(self, article: str, year: int) -> Credit:
        """The credit a budget article (8111 ...) belongs to; BudgetError when none or several."""
        found = [
            c for (y, _), c in self.credits.items() if y == year and article in c.article_codes
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            raise BudgetError(
                f"budget article {article!r} is in no credit of {self.contract_id}: the contract "
                "gives article codes for "
                + (
                    ", ".join(c for c in self.codes() if self.credits[(year, c)].article_codes)
                    or "none"
                )
                + "; give the credit's code instead"
            )
        codes = ", ".join(c.code for c in found)
        raise BudgetError(
            f"budget article {article!r} is listed under several credits ({codes}): give the "
            "credit's code with it"
        )


def _leaves(line: BudgetLine) -> Iterable[BudgetLine]:
    if not line.children:
        yield line
    for child in line.children:
        yield from _leaves(child)


def opening_table(contract: Contract) -> OpeningTable:
    """The opening credits of `contract`'s budget; BudgetError when it has none or a credit's
    cell is blank (only a sum may be left blank: it is derived)."""
    budget: Budget | None = contract.budget
    if budget is None:
        raise BudgetError(f"the contract {contract.id} holds no management budget table")
    years = tuple(budget.years)
    found: dict[tuple[int, str], Credit] = {}
    groups: dict[str, Group] = {}
    derived: dict[tuple[str, int], Decimal] = {}
    for year in years:
        for top in budget.lines:
            for line in _leaves(top):
                amount = line.amounts.get(year)
                if amount is None:
                    raise BudgetError(
                        f"{contract.id}: the credit {line.code!r} of {year} is blank in the "
                        "contract's table and has no sub-lines to derive it from; fill it in the "
                        "contract file (pilotage contract check shows the sums)"
                    )
                parent = top.code if line is not top else None
                found[(year, str(line.code))] = Credit(
                    code=str(line.code),
                    label=line.label,
                    category=line.category,
                    year=year,
                    opening=cents(amount, f"credit {line.code} {year}"),
                    limitative=line.limitative,
                    article_codes=tuple(line.article_codes),
                    prices_of=budget.prices_of.get(year, year),
                    parent=str(parent) if parent else None,
                )
    for top in budget.lines:
        if top.children:
            members = tuple(str(x.code) for x in _leaves(top))
            groups[str(top.code)] = Group(
                str(top.code), top.label, top.category, members, dict(top.amounts)
            )
    every = tuple(code for (year, code) in found if year == years[0])
    groups["total"] = Group(
        "total", LocalText(fr="Total", nl="Totaal"), None, every, dict(budget.total)
    )
    table = OpeningTable(
        contract_id=str(contract.id),
        institution=str(contract.institution.code),
        currency=budget.currency,
        years=years,
        credits=found,
        groups=groups,
        statutory_personnel_cap={
            y: cents(v, f"statutory personnel cap {y}")
            for y, v in budget.statutory_personnel_cap.items()
        },
    )
    for group in groups.values():
        for year, printed in group.printed.items():
            if printed is None:
                derived[(group.code, year)] = table.opening(group.code, year)
    table.derived.update(derived)
    return table
