"""A not-reachable caveat over part of a period: the figure keeps a status, judged on the days
it does not cover, with the neutralised part beside it (VOB 1-01: not reachable from July to
December 2019; 60 days, at least 70 %)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pilotage.contract import Contract
from pilotage.engine import IndicatorResult, Status

from .helpers import D, case, pick, run, timeliness, tiny_contract


def _vob(end_of_last: Any) -> list[dict[str, Any]]:
    """H1 2019: two cases on time and one late that ends on `end_of_last`; H2: four late."""
    return [
        case("VOB 1-01", D(2019, 2, 1), D(2019, 3, 1)),  # 28 days: on time
        case("VOB 1-01", D(2019, 4, 1), D(2019, 5, 1)),  # 30 days: on time
        case("VOB 1-01", D(2019, 3, 1), end_of_last),  # late either way
        *[case("VOB 1-01", D(2019, 7, 1), D(2019, 11, 1)) for _ in range(4)],  # 123 days: late
    ]


def _year(rows: list[dict[str, Any]], inasti: Contract, **options: Any) -> IndicatorResult:
    return pick(run(rows, inasti, "2019", **options), "VOB 1-01")


def test_the_year_is_judged_on_the_first_half(inasti: Contract) -> None:
    # The late case ends on 1 July, the caveat's first day: not in the part judged.
    year = _year(_vob(D(2019, 7, 1)), inasti)
    assert (year.numerator, year.denominator) == (2, 7)  # the whole year is shown...
    assert (year.status, year.meets_target) == (Status.MET, True)  # ...judged on H1: 2 / 2
    assert (year.basis_numerator, year.basis_denominator, year.basis_value) == (
        Decimal(2),
        Decimal(2),
        100.0,
    )
    assert (year.neutralised_from, year.neutralised_to) == (D(2019, 7, 1), D(2019, 12, 31))
    assert [c.footnote for c in year.caveats] == ["2"]


def test_the_last_day_before_the_caveat_counts(inasti: Contract) -> None:
    # The same late case ends on 30 June, the last day not neutralised: 2 / 3 < 70 %.
    year = _year(_vob(D(2019, 6, 30)), inasti)
    assert (year.basis_numerator, year.basis_denominator) == (Decimal(2), Decimal(3))
    assert (year.status, year.meets_target) == (Status.NOT_MET, False)
    assert year.basis_value == pytest.approx(200 / 3)


def test_periods_the_caveat_covers_whole_or_not_at_all(inasti: Contract) -> None:
    rows = _vob(D(2019, 6, 30))
    s2 = pick(run(rows, inasti, "2019-S2"), "VOB 1-01")
    assert s2.status is Status.CAVEAT_APPLIES  # covered whole: as before
    assert (s2.neutralised_from, s2.neutralised_to) == (D(2019, 7, 1), D(2019, 12, 31))
    assert s2.basis_numerator is None
    s1 = pick(run(rows, inasti, "2019-S1"), "VOB 1-01")  # ends the day before: not covered
    assert (s1.status, s1.neutralised_from, s1.basis_numerator) == (Status.NOT_MET, None, None)
    q3 = pick(run(rows, inasti, "2019-Q3"), "VOB 1-01")
    assert q3.status is Status.CAVEAT_APPLIES
    y2020 = pick(run(rows, inasti, "2020"), "VOB 1-01")  # starts the day after: not covered
    assert (y2020.neutralised_from, y2020.status) == (None, Status.NO_DATA)


def test_a_year_looked_at_before_the_caveat_starts(inasti: Contract) -> None:
    rows = _vob(D(2019, 6, 30))
    # On 30 June, no day looked at is neutralised: the status is the figure's own.
    early = _year(rows, inasti, as_of=D(2019, 6, 30))
    assert (early.numerator, early.denominator, early.status) == (2, 3, Status.NOT_MET)
    assert early.basis_numerator is None
    assert (early.neutralised_from, early.neutralised_to) == (D(2019, 7, 1), D(2019, 12, 31))
    # On 1 July, the first neutralised day is looked at: judged on 1 January to 30 June.
    later = _year(
        [*rows, case("VOB 1-01", D(2019, 6, 1), D(2019, 7, 1))], inasti, as_of=D(2019, 7, 1)
    )
    assert (later.numerator, later.denominator) == (3, 4)
    assert (later.basis_numerator, later.basis_denominator) == (Decimal(2), Decimal(3))


def test_a_caveat_inside_the_period_leaves_both_sides(inasti: Contract) -> None:
    contract = tiny_contract(
        timeliness("TST 1-01", {"unit": "calendar_days", "value": 30}, target=50),
        caveats=[
            {
                "kind": "not_reachable",
                "period": {"start": "2019-04-01", "end": "2019-09-30"},
                "text": {"en": "Not reachable while the application is replaced."},
            }
        ],
    )
    rows = [
        case("TST 1-01", D(2019, 1, 2), D(2019, 1, 20)),  # Q1, on time
        case("TST 1-01", D(2019, 1, 2), D(2019, 3, 31)),  # Q1, late, the day before
        case("TST 1-01", D(2019, 5, 2), D(2019, 9, 30)),  # neutralised, late
        case("TST 1-01", D(2019, 5, 2), D(2019, 9, 30)),  # neutralised, late
        case("TST 1-01", D(2019, 9, 20), D(2019, 10, 1)),  # Q4, the day after: on time
    ]
    (year,) = [r for r in run(rows, contract, "2019").rows if r.unit == "BRU"]
    assert (year.numerator, year.denominator) == (2, 5)  # 40 %: not met over the year
    assert (year.basis_numerator, year.basis_denominator) == (Decimal(2), Decimal(3))
    assert (year.status, year.meets_target) == (Status.MET, True)  # 2 / 3 >= 50 %
    assert (year.neutralised_from, year.neutralised_to) == (D(2019, 4, 1), D(2019, 9, 30))


def test_a_count_target_is_pro_rata_of_the_days_judged(inasti: Contract) -> None:
    # ECL 1-01: 600 a year; footnote 12: the ECL norms are not reachable in 2019-Q1.
    rows = [case("ECL 1-01", D(2019, 1, 2), D(2019, 2, 1)) for _ in range(200)]
    rows += [case("ECL 1-01", D(2019, 4, 2), D(2019, 5, 1)) for _ in range(450)]
    year = pick(run(rows, inasti, "2019"), "ECL 1-01", "BRU")
    assert year.numerator == 650  # over 600 for the year
    assert year.basis_numerator == Decimal(450)  # the nine months from April
    assert year.basis_denominator is None
    assert year.status is Status.MET  # 450 against 450 (600 x 9/12)
    fewer = pick(run(rows[:-1], inasti, "2019"), "ECL 1-01", "BRU")
    assert (fewer.numerator, fewer.status) == (649, Status.NOT_MET)  # 449 < 450
    assert (year.neutralised_from, year.neutralised_to) == (D(2019, 1, 1), D(2019, 3, 31))
