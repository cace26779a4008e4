"""Backlog, overdue cases, the forecast, the as-of day, invalid rows, several periods at once."""

from __future__ import annotations

from pilotage.contract import Contract
from pilotage.legaltime import periods_between

from .conftest import Backend
from .helpers import D, case, pick

# VOB 2-01: 120 calendar days. Period 2019-Q3.
ROWS = [
    case("VOB 2-01", D(2019, 3, 1), D(2019, 7, 10)),  # A: due 29 Jun, ended late in Q3
    case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 20)),  # B: 80 days, on time
    case("VOB 2-01", D(2019, 4, 1), D(2019, 9, 1)),  # C: due 30 Jul, ended 1 Sep: late
    case("VOB 2-01", D(2019, 5, 10)),  # D: open, due 7 Sep
    case("VOB 2-01", D(2019, 6, 20)),  # E: open, due 18 Oct
    case("VOB 2-01", D(2019, 8, 20)),  # F: open, started 20 Aug, due 18 Dec
    case("VOB 2-01", D(2019, 1, 10)),  # G: open, due 10 May, before the period
]


def test_at_the_end_of_the_period(backend: Backend, inasti: Contract) -> None:
    r = pick(backend.run(ROWS, inasti), "VOB 2-01")
    # Ended in Q3: A, B, C; on time: B.
    assert (r.numerator, r.denominator) == (1, 3)
    # Open on 30 Sep: D, E, F, G; past their deadline: D (7 Sep) and G (10 May).
    assert (r.backlog, r.overdue) == (4, 2)
    # Lost: A and C ended late, D is open with its deadline in Q3; G's deadline is not in Q3.
    # Nothing left to win once the period is over: best = worst = 1 / (3 + 1).
    assert (r.forecast_lost, r.forecast_open) == (3, 0)
    assert r.forecast_best == r.forecast_worst == 25.0
    assert r.as_of == D(2019, 9, 30)


def test_as_of_a_day_inside_the_period(backend: Backend, inasti: Contract) -> None:
    r = pick(backend.run(ROWS, inasti, as_of=D(2019, 8, 15)), "VOB 2-01")
    # On 15 August, C has not ended yet and F has not started.
    assert (r.numerator, r.denominator, r.as_of) == (1, 2, D(2019, 8, 15))
    # Open: C, D, E, G; overdue: C (due 30 Jul) and G (due 10 May).
    assert (r.backlog, r.overdue) == (4, 2)
    # Lost: A ended late, and C is open past its deadline in Q3. Still to win: D, due 7 Sep.
    assert (r.forecast_lost, r.forecast_open) == (2, 1)
    # Best: B and D on time out of A, B, C, D = 50%; worst: only B = 25%.
    assert (r.forecast_best, r.forecast_worst) == (50.0, 25.0)


def test_several_periods_in_one_pass_equal_one_at_a_time(
    backend: Backend, inasti: Contract
) -> None:
    rows = [
        *ROWS,
        case("VOB 2-01", D(2019, 1, 5), D(2019, 2, 1), office="LEU"),
        case("VOB 2-01", D(2019, 10, 5), D(2019, 12, 1), office="LGE"),
        case("PEN 1-02", D(2019, 2, 1), D(2019, 4, 1)),
        case("ECL 1-01", D(2019, 2, 1), D(2019, 11, 1)),
        case("SOVCNH 1-01", D(2019, 2, 1), D(2019, 6, 3)),
    ]
    quarters = periods_between("2019-Q1", "2019-Q4")
    together = backend.run(rows, inasti, quarters)
    one_by_one = [r for q in quarters for r in backend.run(rows, inasti, q).rows]
    key = lambda r: (r.objective, r.norm_index or 0, r.unit, r.period)  # noqa: E731
    assert sorted(together.rows, key=key) == sorted(one_by_one, key=key)
    assert together.periods == "2019-Q1..2019-Q4"


def test_invalid_rows_are_counted_by_the_kind_s_date(backend: Backend, inasti: Contract) -> None:
    rows = [
        case("PEN 1-02", D(2019, 7, 10), D(2019, 7, 1)),  # share: placed by its start (Q3)
        case("PEN 1-02", D(2019, 7, 10), D(2019, 7, 11)),
        case("VOB 2-01", D(2019, 9, 20), D(2019, 9, 1)),  # timeliness: by its end (Q3)
    ]
    m = backend.run(rows, inasti)
    share = pick(m, "PEN 1-02")
    assert (share.numerator, share.denominator, share.invalid) == (1, 1, 1)
    timed = pick(m, "VOB 2-01")
    assert (timed.numerator, timed.denominator, timed.invalid, timed.backlog) == (0, 0, 1, 0)
