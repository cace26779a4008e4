"""Synthetic NISS: national-number-shaped values that can never belong to a real person.

A Belgian NISS (numéro d'identification à la sécurité sociale, NL INSZ) is 11 digits:
YYMMDD, a 3-digit serial (odd for men, even for women) and 2 check digits. The check is
97 - (first 9 digits mod 97); for births from 2000 on, the 9 digits are prefixed with "2" first.
Every number made here is given check digits that fail *both* rules on purpose, so a synthetic
number can never be a real person's, whatever century one assumes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["niss_check_digits", "niss_is_valid", "synthetic_niss"]

_MILLENNIUM = 2_000_000_000  # "2" in front of 9 digits: the rule for births from 2000


def niss_check_digits(first9: int, *, born_2000_or_later: bool) -> int:
    """The check digits of a real NISS whose first 9 digits are `first9`."""
    base = first9 + _MILLENNIUM if born_2000_or_later else first9
    return 97 - base % 97


def niss_is_valid(niss: str) -> bool:
    """Does `niss` pass the real checksum, read as a birth before 2000 or from 2000 on?"""
    if len(niss) != 11 or not niss.isdigit():
        return False
    first9, check = int(niss[:9]), int(niss[9:])
    return check in (
        niss_check_digits(first9, born_2000_or_later=False),
        niss_check_digits(first9, born_2000_or_later=True),
    )


def synthetic_niss(
    rng: np.random.Generator, n: int, *, first_birth_year: int = 1950, last_birth_year: int = 2001
) -> npt.NDArray[np.int64]:
    """`n` 11-digit numbers (as integers; pad to 11 digits) whose checksum is deliberately wrong."""
    years = rng.integers(first_birth_year, last_birth_year + 1, n)
    months = rng.integers(1, 13, n)
    days = rng.integers(1, 29, n)  # every month has a 28th: no impossible birth dates
    serials = rng.integers(1, 998, n)
    first9 = ((years % 100) * 10_000 + months * 100 + days) * 1_000 + serials
    valid_1900 = 97 - first9 % 97
    valid_2000 = 97 - (first9 + _MILLENNIUM) % 97
    check = rng.integers(0, 100, n)
    for _ in range(3):  # two values to avoid: three passes of +1 always leave both behind
        clash = (check == valid_1900) | (check == valid_2000)
        if not clash.any():
            break
        check[clash] = (check[clash] + 1) % 100
    return (first9 * 100 + check).astype(np.int64)
