"""The real Belgian NISS checksum, and synthetic numbers that fail it on purpose."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pilotage.demo import niss_check_digits, niss_is_valid
from pilotage.demo.niss import synthetic_niss


def test_the_checksum_accepts_real_shaped_numbers_of_both_centuries() -> None:
    assert niss_is_valid("85073003328")  # the specimen of the Belgian eID card, born 1985
    assert niss_check_digits(850730033, born_2000_or_later=False) == 28
    # Born in 2001: the 9 digits are read with a "2" in front.
    first9 = 10_203_001
    check = niss_check_digits(first9, born_2000_or_later=True)
    assert check == 97 - (2_010_203_001 % 97)
    assert niss_is_valid(f"{first9:09d}{check:02d}")


def test_the_checksum_refuses_wrong_digits_and_shapes() -> None:
    assert not niss_is_valid("85073003327")
    assert not niss_is_valid("8507300332")
    assert not niss_is_valid("8507300332x")


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=500))
def test_synthetic_numbers_are_eleven_digits_and_never_valid(seed: int, n: int) -> None:
    numbers = synthetic_niss(np.random.default_rng(seed), n)
    for number in numbers:
        text = f"{int(number):011d}"
        assert len(text) == 11
        assert 1 <= int(text[2:4]) <= 12
        assert not niss_is_valid(text)
