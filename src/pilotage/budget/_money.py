"""Euro amounts as exact decimals in cents: never a float, never more than two decimals."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pilotage.errors import BudgetError

__all__ = ["CENT", "cents", "format_eur", "parse_amount", "rounded"]

CENT = Decimal("0.01")
# 1.234.567,89 (Belgian print) | 1 234 567,89 | 1234567.89 | 1234567,89 | -12
_BELGIAN = re.compile(r"^-?\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d{1,2})?$")
_PLAIN = re.compile(r"^-?\d+(?:[.,]\d{1,2})?$")


def cents(value: Decimal | int | str, what: str = "amount") -> Decimal:
    """`value` in euros with two decimals; BudgetError for a float or a fraction of a cent."""
    if isinstance(value, bool | float):
        raise BudgetError(
            f"{what} {value!r}: give an exact amount (Decimal, int or text such as '1234.56'), "
            "never a float"
        )
    if isinstance(value, str):
        return parse_amount(value, what)
    amount = Decimal(value)
    if not amount.is_finite():
        raise BudgetError(f"{what} {value!r} is not an amount")
    if amount != amount.quantize(CENT):
        raise BudgetError(f"{what} {value}: an amount is in euro cents, at most two decimals")
    return amount.quantize(CENT)


def rounded(value: Decimal) -> Decimal:
    """A computed amount rounded to the cent, half away from zero (as a finance cell rounds)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str, what: str = "amount") -> Decimal:
    """An amount as written: '1234.56', '1234,56', or as printed, '1.234.567,89'."""
    raw = text.strip().replace("€", "").replace("EUR", "").strip()
    if _BELGIAN.match(raw):
        raw = re.sub(r"[. \u00a0\u202f]", "", raw).replace(",", ".")
    elif _PLAIN.match(raw):
        raw = raw.replace(",", ".")
    else:
        raise BudgetError(
            f"{what} {text!r} is not an amount in euros: write 1234.56, 1234,56 or 1.234.567,89 "
            "(at most two decimals)"
        )
    try:
        return Decimal(raw).quantize(CENT)
    except InvalidOperation:  # pragma: no cover - the patterns above only let numbers through
        raise BudgetError(f"{what} {text!r} is not an amount in euros") from None


def format_eur(amount: Decimal) -> str:
    """1234567.8 -> '1.234.567,80 EUR', as the contracts print amounts."""
    sign = "-" if amount < 0 else ""
    whole, _, dec = f"{abs(amount):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{dec} EUR"
