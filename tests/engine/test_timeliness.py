"""Timeliness indicators against numbers counted by hand, one rule of legal time at a time."""

from __future__ import annotations

from decimal import Decimal

from pilotage.contract import Contract
from pilotage.engine import Status
from pilotage.legaltime import Rule, on_time

from .conftest import Backend
from .helpers import D, case, pick, timeliness, tiny_contract


def test_vob_2_01_by_hand(backend: Backend, inasti: Contract) -> None:
    # VOB 2-01: 120 calendar days, elapsed convention, 90%. Period 2019-Q3 (1 Jul - 30 Sep).
    rows = [
        case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10)),  # A: 70 days, on time
        case("VOB 2-01", D(2019, 3, 1), D(2019, 6, 29)),  # ended in Q2: not in Q3's figure
        case("VOB 2-01", D(2019, 4, 1), D(2019, 7, 30)),  # C: deadline 30 Jul, end on it: on time
        case("VOB 2-01", D(2019, 4, 1), D(2019, 7, 31)),  # D: one day after its deadline: late
        case("VOB 2-01", D(2019, 6, 1)),  # E: open, deadline 29 Sep: overdue on 30 Sep
        case("VOB 2-01", D(2019, 7, 15)),  # F: open, deadline 12 Nov: in the backlog only
        case("VOB 2-01", D(2019, 8, 1), D(2019, 7, 1)),  # G: ends before it starts: invalid
        case("VOB 2-01", D(2019, 7, 1), D(2019, 7, 2), office="LGE"),  # another office
    ]
    r = pick(backend.run(rows, inasti), "VOB 2-01")
    # Ended in Q3 and valid: A, C, D. On time: A and C.
    assert (r.numerator, r.denominator) == (Decimal(2), Decimal(3))
    assert r.value == 200 / 3
    assert (r.status, r.meets_target) == (Status.NOT_MET, False)  # 66.7% < 90%
    assert r.invalid == 1  # G, placed by its end (1 Jul, in Q3), never on time
    # Delays 70, 120, 121 calendar days: median is the 2nd of 3, the 90th percentile the 3rd.
    assert (r.median_delay, r.p90_delay, r.day_kind) == (120, 121, "calendar days")
    # Open on 30 Sep: E and F; of those E is past its deadline (29 Sep).
    assert (r.backlog, r.overdue) == (2, 1)
    # Forecast: lost = D (ended late) + E (open, deadline 29 Sep in Q3); nothing left to win
    # since the period is over: best = worst = 2 / (3 ended + 1 overdue).
    assert (r.forecast_lost, r.forecast_open) == (2, 0)
    assert r.forecast_best == r.forecast_worst == 50.0
    assert r.rule == "120 calendar days, elapsed"
    assert (r.norm_printed, r.target, r.target_operator) == ("120 | 90%", Decimal(90), ">=")
    lge = pick(backend.run(rows, inasti), "VOB 2-01", "LGE")
    assert (lge.numerator, lge.denominator, lge.status) == (1, 1, Status.MET)


def test_fin_1_01_zero_days_means_the_same_day(backend: Backend, inasti: Contract) -> None:
    rows = [
        case("FIN 1-01", D(2019, 7, 1), D(2019, 7, 1)),  # paid the day it was due: on time
        case("FIN 1-01", D(2019, 7, 1), D(2019, 7, 2)),  # the next day: late
    ]
    r = pick(backend.run(rows, inasti), "FIN 1-01")
    assert (r.numerator, r.denominator, r.value) == (1, 2, 50.0)
    assert (r.median_delay, r.p90_delay) == (0, 1)
    assert r.status is Status.NOT_MET  # 50% < 100%


def test_judicial_convention_rolls_forward(backend: Backend) -> None:
    # 15 days from Friday 5 July 2019, judicial: the count ends Saturday 20 July; Sunday 21 July
    # is a Sunday and the national holiday, so the deadline is Monday 22 July. Under the elapsed
    # convention it would be Saturday 20 July. 1 month from 30 June 2019, judicial: 31 July.
    contract = tiny_contract(
        timeliness("TST 1-01", {"unit": "calendar_days", "value": 15, "convention": "judicial"}),
        timeliness("TST 1-02", {"unit": "months", "value": 1, "convention": "judicial"}),
        timeliness("TST 1-03", {"unit": "months", "value": 1, "convention": "elapsed"}),
    )
    rows = [
        case("TST 1-01", D(2019, 7, 5), D(2019, 7, 22)),  # 17 days, yet on time: rolled forward
        case("TST 1-01", D(2019, 7, 5), D(2019, 7, 23)),  # late
        case("TST 1-02", D(2019, 6, 30), D(2019, 7, 31)),  # de quantième à veille: on time
        case("TST 1-03", D(2019, 6, 30), D(2019, 7, 31)),  # elapsed: due 30 July, late
    ]
    m = backend.run(rows, contract)
    days = pick(m, "TST 1-01")
    assert (days.numerator, days.denominator) == (1, 2)
    assert days.rule == "15 calendar days, judicial, rolls forward"
    assert (days.median_delay, days.p90_delay) == (17, 18)
    assert (pick(m, "TST 1-02").numerator, pick(m, "TST 1-03").numerator) == (1, 0)
    # The scalar oracle of pilotage.legaltime agrees case by case.
    rule = Rule.days(15)
    assert on_time(D(2019, 7, 5), D(2019, 7, 22), rule)
    assert not on_time(D(2019, 7, 5), D(2019, 7, 23), rule)


def test_working_day_norms(backend: Backend) -> None:
    # 15 jours ouvrables (Monday-Saturday), elapsed, from Wednesday 3 July 2019: the 15th
    # working day is Saturday 20 July (Sunday 21 July is skipped anyway).
    # 10 working days Monday-Friday from Friday 12 July 2019: 15-19, 22-26 July: Friday 26 July.
    contract = tiny_contract(
        timeliness("TST 2-01", {"unit": "working_days_mon_sat", "value": 15}),
        timeliness("TST 2-02", {"unit": "working_days_mon_fri", "value": 10}),
    )
    rows = [
        case("TST 2-01", D(2019, 7, 3), D(2019, 7, 20)),  # 15 working days: on time
        case("TST 2-01", D(2019, 7, 3), D(2019, 7, 22)),  # 16 (21 July is not one): late
        case("TST 2-02", D(2019, 7, 12), D(2019, 7, 26)),  # 10 working days: on time
        case("TST 2-02", D(2019, 7, 12), D(2019, 7, 27)),  # a Saturday counts as Monday: 11, late
    ]
    m = backend.run(rows, contract)
    sat = pick(m, "TST 2-01")
    assert (sat.numerator, sat.denominator) == (1, 2)
    # Delays are counted in the norm's kind of day: 15 and 16 working days.
    assert (sat.median_delay, sat.p90_delay) == (15, 16)
    assert sat.day_kind == "working days (Monday-Saturday, calendar be-legal)"
    fri = pick(m, "TST 2-02")
    assert (fri.numerator, fri.denominator) == (1, 2)
    assert (fri.median_delay, fri.p90_delay) == (10, 11)
    assert fri.day_kind == "working days (Monday-Friday, calendar be-legal)"


def test_sovcnh_1_01_fixed_day_31_may(backend: Backend, inasti: Contract) -> None:
    # "31 mai": the deadline is the first 31 May on or after the start of the cycle.
    rows = [
        case("SOVCNH 1-01", D(2019, 2, 1), D(2019, 5, 31)),  # sent on 31 May: on time
        case("SOVCNH 1-01", D(2019, 2, 1), D(2019, 6, 3)),  # after 31 May: late
        case("SOVCNH 1-01", D(2019, 6, 15), D(2019, 6, 20)),  # opened after 31 May 2019: due
        # 31 May 2020, on time
    ]
    r = pick(backend.run(rows, inasti, "2019-Q2"), "SOVCNH 1-01")
    assert (r.numerator, r.denominator) == (2, 3)
    assert r.rule == "31 May (a fixed day of the year), elapsed"


def test_p2p_1_02_delay_by_category(backend: Backend, inasti: Contract) -> None:
    # Footnote 7: within 4 months of a late receipt, within 3 months of the due date. The
    # elapsed convention adds months to the same day number, clipped to the month's end.
    rows = [
        case("P2P 1-02", D(2019, 3, 31), D(2019, 7, 31), category="réception tardive"),  # due
        # 31 July: on time
        case("P2P 1-02", D(2019, 3, 31), D(2019, 7, 1), category="date d'échéance"),  # due
        # 30 June (no 31 June): late
        case("P2P 1-02", D(2019, 4, 30), D(2019, 7, 30), category="due_date"),  # the start
        # event's name also says which delay: due 30 July, on time
        case("P2P 1-02", D(2019, 4, 30), D(2019, 7, 30), category="autre"),  # no delay applies
    ]
    r = pick(backend.run(rows, inasti), "P2P 1-02")
    assert (r.numerator, r.denominator, r.unclassified) == (2, 3, 1)
    assert r.rule == ("réception tardive: 4 months, elapsed; date d'échéance: 3 months, elapsed")
    assert [c.footnote for c in r.caveats] == ["7"]


def test_ecl_5_01_two_norms_without_revenu_manquant(backend: Backend, inasti: Contract) -> None:
    rows = [
        case("ECL 5-01", D(2019, 5, 1), D(2019, 7, 20)),  # 80 days: within 90 and 180
        case("ECL 5-01", D(2019, 4, 1), D(2019, 7, 20)),  # 110 days: within 180 only
        case("ECL 5-01", D(2019, 1, 1), D(2019, 7, 20)),  # 200 days: within neither
        case("ECL 5-01", D(2019, 7, 1), D(2019, 7, 2), category="revenu manquant"),  # left out
        case("ECL 5-01", D(2019, 7, 1), D(2019, 7, 2), category="autre"),  # kept: 1 day
    ]
    m = backend.run(rows, inasti)
    within_90, within_180 = pick(m, "ECL 5-01", norm=0), pick(m, "ECL 5-01", norm=1)
    assert (within_90.numerator, within_90.denominator) == (2, 4)  # 50%: met (>= 50%)
    assert within_90.status is Status.MET
    assert (within_180.numerator, within_180.denominator) == (3, 4)  # 75% < 80%
    assert within_180.status is Status.NOT_MET
    assert (within_90.norm_printed, within_180.norm_printed) == ("90 | 50%", "180 | 80%")
    assert within_90.norm_label == "50% des missions dans les 90 jours"


def test_population_filters(backend: Backend) -> None:
    # include_categories, started_from and an attribute filter (ECL 2-04's 30% sample).
    contract = tiny_contract(
        timeliness(
            "TST 3-01",
            {"unit": "calendar_days", "value": 10},
            population={"include_categories": ["a", "b"], "started_from": "2019-07-01"},
        ),
        {
            **timeliness("TST 3-02", {"unit": "calendar_days", "value": 10}),
            "population": {"attributes": {"sample": "30%"}},
        },
    )
    rows = [
        case("TST 3-01", D(2019, 7, 1), D(2019, 7, 5), category="a"),  # counted, on time
        case("TST 3-01", D(2019, 7, 1), D(2019, 7, 25), category="b"),  # counted, late
        case("TST 3-01", D(2019, 7, 1), D(2019, 7, 5), category="c"),  # not included
        case("TST 3-01", D(2019, 7, 1), D(2019, 7, 5)),  # no category: not included
        case("TST 3-01", D(2019, 6, 30), D(2019, 7, 5), category="a"),  # started too early
        case("TST 3-02", D(2019, 7, 1), D(2019, 7, 5), attributes={"sample": "30%"}),  # in
        case("TST 3-02", D(2019, 7, 1), D(2019, 7, 5), attributes={"sample": "70%"}),  # out
        case("TST 3-02", D(2019, 7, 1), D(2019, 7, 25)),  # no attribute: out
    ]
    m = backend.run(rows, contract)
    assert (pick(m, "TST 3-01").numerator, pick(m, "TST 3-01").denominator) == (1, 2)
    assert (pick(m, "TST 3-02").numerator, pick(m, "TST 3-02").denominator) == (1, 1)


def test_suspensions_move_the_deadline(backend: Backend) -> None:
    # 30 calendar days; with `suspensions: true` the case's suspended days are added.
    suspending = {"unit": "calendar_days", "value": 30, "suspensions": True}
    contract = tiny_contract(
        timeliness("TST 4-01", suspending),
        timeliness("TST 4-02", {"unit": "calendar_days", "value": 30}),
    )
    rows = [
        # 39 days with 10 suspended: due 31 July + 10 = 10 August: on time under TST 4-01
        case("TST 4-01", D(2019, 7, 1), D(2019, 8, 9), suspended_days=10),
        case("TST 4-02", D(2019, 7, 1), D(2019, 8, 9), suspended_days=10),  # late: no suspension
        # open: due 24 September, + 10 suspended days = 4 October: not overdue on 30 September
        case("TST 4-01", D(2019, 8, 25), suspended_days=10),
        case("TST 4-02", D(2019, 8, 25), suspended_days=10),  # overdue
    ]
    m = backend.run(rows, contract)
    stops, runs = pick(m, "TST 4-01"), pick(m, "TST 4-02")
    assert (stops.numerator, stops.denominator, stops.backlog, stops.overdue) == (1, 1, 1, 0)
    assert (runs.numerator, runs.denominator, runs.backlog, runs.overdue) == (0, 1, 1, 1)
    assert stops.rule == "30 calendar days, elapsed, suspensions stop the clock"
    # The open TST 4-01 case is due 4 October, outside Q3: nothing overdue in the forecast.
    assert (stops.forecast_lost, runs.forecast_lost) == (0, 2)
