"""Share, ratio of amounts, count, share of a plan and no norm, against hand counts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pilotage.contract import Contract, IndicatorKind
from pilotage.engine import KINDS, Figure, Status, measurable
from pilotage.engine.status import pro_rata
from pilotage.legaltime import Period

from .conftest import Backend
from .helpers import D, case, pick, tiny_contract


def test_every_measured_kind_is_declared() -> None:
    assert set(KINDS) == {
        IndicatorKind.TIMELINESS,
        IndicatorKind.SHARE,
        IndicatorKind.AMOUNT_RATIO,
        IndicatorKind.COUNT,
        IndicatorKind.PLAN_SHARE,
    }
    assert KINDS[IndicatorKind.TIMELINESS].figures == (Figure.ON_TIME, Figure.JUDGED)
    assert KINDS[IndicatorKind.COUNT].figures == (Figure.ENDED,)
    assert not measurable(IndicatorKind.MILESTONE)


def test_share_pen_1_02(backend: Backend, inasti: Contract) -> None:
    # Denominator: cases started in the period; numerator: those of them with an end date by
    # the period's cut (its last day): a closed period's figure does not drift later.
    rows = [
        case("PEN 1-02", D(2019, 7, 1), D(2019, 8, 1)),
        case("PEN 1-02", D(2019, 8, 1), D(2019, 9, 30)),
        case("PEN 1-02", D(2019, 9, 1), D(2019, 11, 15)),  # ended after the cut: not yet
        case("PEN 1-02", D(2019, 9, 2)),  # open
        case("PEN 1-02", D(2019, 6, 30), D(2019, 7, 2)),  # started in Q2: not counted
    ]
    r = pick(backend.run(rows, inasti), "PEN 1-02")
    assert (r.numerator, r.denominator, r.value) == (2, 4, 50.0)
    assert (r.status, r.target) == (Status.NOT_MET, Decimal(89))  # 50% < 89%
    # No deadline, no delays: those figures are absent, not zero.
    assert (r.median_delay, r.backlog, r.overdue, r.forecast_best) == (None, None, None, None)


def test_amount_ratio_p2p_1_01(backend: Backend, inasti: Contract) -> None:
    # sum(amount_collected) / sum(amount_due) over the cases started in the period.
    rows = [
        case(
            "P2P 1-01",
            D(2019, 7, 1),
            amount_due=Decimal("100.00"),
            amount_collected=Decimal("80.00"),
        ),
        case(
            "P2P 1-01",
            D(2019, 8, 1),
            amount_due=Decimal("50.50"),
            amount_collected=Decimal("50.50"),
        ),
        case("P2P 1-01", D(2019, 8, 2)),  # no amounts: adds nothing
        case(
            "P2P 1-01",
            D(2019, 6, 1),
            amount_due=Decimal("1000.00"),
            amount_collected=Decimal("0.00"),
        ),  # started in Q2
    ]
    r = pick(backend.run(rows, inasti), "P2P 1-01")
    assert (r.numerator, r.denominator) == (Decimal("130.50"), Decimal("150.50"))
    assert r.value == float(Fraction(13050, 15050) * 100)  # 86.71%
    assert r.status is Status.MET  # >= 80%
    assert (r.target_per, r.pro_rata) == ("year", False)  # a percentage is not pro rata


def test_count_ecl_1_01_pro_rata(backend: Backend, inasti: Contract) -> None:
    # 600 situations a year: a month carries 600 x 1/12 = 50 of them.
    fifty = [case("ECL 1-01", D(2019, 6, 1), D(2019, 7, 1 + i % 28)) for i in range(50)]
    r = pick(backend.run(fifty, inasti, "2019-07"), "ECL 1-01")
    assert (r.numerator, r.denominator, r.value) == (50, None, 50.0)
    assert (r.target, r.target_in_period, r.pro_rata) == (Decimal(600), Decimal("50.00"), True)
    assert r.status is Status.MET
    short = pick(backend.run(fifty[:49], inasti, "2019-07"), "ECL 1-01")
    assert short.status is Status.NOT_MET
    # Over the whole year the target is 600, not pro rata. ECL's footnote 12 neutralises
    # 2019-Q1: the year is judged on April to December, which carry 450 of the 600.
    year = pick(backend.run(fifty, inasti, "2019"), "ECL 1-01")
    assert (year.target_in_period, year.pro_rata, year.meets_target) == (
        Decimal("600.00"),
        False,
        False,
    )
    assert (year.status, year.basis_numerator) == (Status.NOT_MET, 50)
    assert (year.neutralised_from, year.neutralised_to) == (D(2019, 1, 1), D(2019, 3, 31))


def test_pro_rata_of_periods(inasti: Contract) -> None:
    norm = inasti.objective("ECL 1-01").indicators[0].norms[0]
    assert pro_rata(norm, Period.parse("2019-Q3")) == Fraction(1, 4)
    assert pro_rata(norm, Period.parse("2019-S2")) == Fraction(1, 2)
    assert pro_rata(norm, Period.parse("2019-01-01..2020-12-31")) == 2
    assert pro_rata(norm, Period.parse("2019-01-01..2019-01-31")) == Fraction(1, 12)
    assert pro_rata(norm, Period.parse("2019-01-01..2019-01-10")) == Fraction(10, 365)


def test_plan_share_eae_1_01(backend: Backend, inasti: Contract) -> None:
    # Denominator: planned cases started in the period's year; numerator: those ended by the
    # period end.
    rows = [
        case("EAE 1-01", D(2019, 2, 1), D(2019, 5, 1), planned=True),
        case("EAE 1-01", D(2019, 3, 1), D(2019, 9, 30), planned=True),
        case("EAE 1-01", D(2019, 8, 1), D(2019, 11, 1), planned=True),
        case("EAE 1-01", D(2019, 11, 1), planned=True),  # planned late in the year, open
        case("EAE 1-01", D(2019, 4, 1), D(2019, 4, 2), planned=False),  # not in the plan
        case("EAE 1-01", D(2018, 11, 1), D(2019, 2, 1), planned=True),  # the 2018 plan
    ]
    q3 = pick(backend.run(rows, inasti), "EAE 1-01")
    assert (q3.numerator, q3.denominator, q3.value) == (2, 4, 50.0)
    year = pick(backend.run(rows, inasti, "2019"), "EAE 1-01")
    assert (year.numerator, year.denominator, year.value) == (3, 4, 75.0)
    assert year.status is Status.NOT_MET  # 75% < 100%


def test_no_norm(backend: Backend) -> None:
    # Indicators followed without a norm ("Il a été opté de ne pas fixer de norme").
    why = {"fr": "Il a été opté de ne pas fixer de norme."}
    contract = tiny_contract(
        {"code": "TST 5-01", "kind": "share", "no_norm_reason": why},
        {
            "code": "TST 5-02",
            "kind": "timeliness",
            "start_event": "a",
            "end_event": "b",
            "no_norm_reason": why,
        },
    )
    rows = [
        case("TST 5-01", D(2019, 7, 1), D(2019, 7, 2)),
        case("TST 5-01", D(2019, 7, 1)),
        case("TST 5-02", D(2019, 7, 1), D(2019, 7, 11)),
        case("TST 5-02", D(2019, 7, 1), D(2019, 7, 31)),
        case("TST 5-02", D(2019, 9, 1)),
    ]
    m = backend.run(rows, contract)
    share = pick(m, "TST 5-01", norm=None)
    assert (share.numerator, share.denominator, share.value) == (1, 2, 50.0)
    assert (share.status, share.meets_target, share.target) == (Status.NO_NORM, None, None)
    timed = pick(m, "TST 5-02", norm=None)
    # No deadline, so no share: the cases ended, their delays in calendar days, the backlog.
    assert (timed.numerator, timed.denominator, timed.value) == (2, None, None)
    assert (timed.median_delay, timed.p90_delay, timed.backlog) == (10, 30, 1)
    assert (timed.overdue, timed.forecast_best, timed.status) == (None, None, Status.NO_NORM)
