"""The boundary conventions of docs/measuring.md, each tested on its exact boundary day."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pilotage.contract import Delay, NonWorkingEnd

from .conftest import Backend
from .helpers import D, case, pick, timeliness, tiny_contract


def test_open_at_the_quarter_end_on_its_deadline_day_is_overdue(backend: Backend) -> None:
    # 30 calendar days from 31 August 2019: the deadline is Monday 30 September, the quarter's
    # last day. Still open at the end of that day, it can no longer end on time: overdue.
    # Started one day later, its deadline (1 October) has not passed: backlog only.
    contract = tiny_contract(timeliness("TST 1-01", {"unit": "calendar_days", "value": 30}))
    rows = [
        case("TST 1-01", D(2019, 8, 31)),  # elapsed 30 = the norm on 30 Sep: overdue
        case("TST 1-01", D(2019, 9, 1)),  # elapsed 29: not yet
        case("TST 1-01", D(2019, 8, 31), D(2019, 9, 30)),  # decided on its deadline: on time
    ]
    r = pick(backend.run(rows, contract), "TST 1-01")
    assert (r.backlog, r.overdue) == (2, 1)
    assert (r.numerator, r.denominator) == (1, 1)
    assert r.median_delay == 30


def test_open_on_the_as_of_day_that_is_its_deadline_is_overdue(backend: Backend) -> None:
    # Looked at on 15 August (as-of): a case due that day and still open is overdue too.
    contract = tiny_contract(timeliness("TST 1-01", {"unit": "calendar_days", "value": 30}))
    rows = [case("TST 1-01", D(2019, 7, 16)), case("TST 1-01", D(2019, 7, 17))]
    r = pick(backend.run(rows, contract, as_of=D(2019, 8, 15)), "TST 1-01")
    assert (r.backlog, r.overdue) == (2, 1)


@pytest.mark.parametrize(
    ("end", "previous", "late", "delay"),
    [
        # 10 working days Monday-Friday from Friday 12 July 2019: deadline Friday 26 July.
        (D(2019, 7, 26), False, False, 10),  # on the deadline: on time either way
        (D(2019, 7, 27), False, True, 11),  # Saturday counts as Monday 29 July: late
        (D(2019, 7, 28), False, True, 11),  # Sunday: the same
        (D(2019, 7, 27), True, False, 10),  # previous: Saturday counts as Friday 26 July
        (D(2019, 7, 28), True, False, 10),
        (D(2019, 7, 29), True, True, 11),  # Monday is late under both readings
    ],
)
def test_a_working_day_norm_decided_on_a_weekend(
    backend: Backend, end: object, previous: bool, late: bool, delay: int
) -> None:
    spec: dict[str, object] = {"unit": "working_days_mon_fri", "value": 10}
    if previous:
        spec["non_working_end"] = "previous"
    contract = tiny_contract(timeliness("TST 2-02", spec))
    r = pick(backend.run([case("TST 2-02", D(2019, 7, 12), end)], contract), "TST 2-02")
    assert (r.numerator, r.denominator) == (0 if late else 1, 1)
    assert (r.median_delay, r.p90_delay) == (delay, delay)
    # The delay and lateness never disagree: late exactly when the delay exceeds the norm.
    assert late == (delay > 10)


@pytest.mark.parametrize(("norm", "late"), [(15, False), (14, True)])
def test_a_working_day_norm_decided_on_a_holiday(backend: Backend, norm: int, late: bool) -> None:
    # Assumption day, Thursday 15 August 2019, is a holiday. From Thursday 25 July, Friday
    # 16 August is the 15th working day (Monday-Friday). Decided on the holiday, the case counts
    # as decided on 16 August: delay 15, on time under a 15-day norm, late under a 14-day one.
    spec = {"unit": "working_days_mon_fri", "value": norm}
    contract = tiny_contract(timeliness("TST 2-01", spec))
    r = pick(backend.run([case("TST 2-01", D(2019, 7, 25), D(2019, 8, 15))], contract), "TST 2-01")
    assert (r.numerator, r.denominator) == (0 if late else 1, 1)
    assert r.median_delay == 15


@pytest.mark.parametrize("previous", [False, True])
def test_a_start_on_a_day_off_is_not_moved(backend: Backend, previous: bool) -> None:
    # Started on Sunday 30 June 2019, decided on Friday 19 July: the day of the event is not
    # counted, every working day after it is (Monday-Saturday): 1-6, 8-13 and 15-19 July, 17.
    # Only an end on a day off is read as another day; a start never is.
    spec: dict[str, object] = {"unit": "working_days_mon_sat", "value": 15}
    if previous:
        spec["non_working_end"] = "previous"
    contract = tiny_contract(timeliness("TST 2-03", spec))
    r = pick(backend.run([case("TST 2-03", D(2019, 6, 30), D(2019, 7, 19))], contract), "TST 2-03")
    assert r.median_delay == 17
    assert (r.numerator, r.denominator) == (0, 1)


def test_an_invalid_row_starting_after_the_cut_is_not_seen(backend: Backend) -> None:
    # Measured for 2019-Q3 (cut 30 September): a row "ended" on 15 September but started on
    # 1 October had not begun at the cut, so the quarter does not see it, not even as invalid.
    # The same error started on the cut day is seen, and counted invalid.
    contract = tiny_contract(timeliness("TST 1-01", {"unit": "calendar_days", "value": 30}))
    rows = [
        case("TST 1-01", D(2019, 10, 1), D(2019, 9, 15)),  # after the cut: not seen
        case("TST 1-01", D(2019, 9, 30), D(2019, 9, 15)),  # on the cut: invalid
        case("TST 1-01", D(2019, 9, 1), D(2019, 9, 20)),  # a valid case beside them
    ]
    r = pick(backend.run(rows, contract), "TST 1-01")
    assert r.invalid == 1
    assert (r.numerator, r.denominator) == (1, 1)


def test_non_working_end_is_for_working_day_delays_only() -> None:
    assert Delay(unit="working_days_mon_sat", value=15, non_working_end="previous")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="working-day delays only, not to calendar_days"):
        Delay(unit="calendar_days", value=30, non_working_end=NonWorkingEnd.NEXT)  # type: ignore[arg-type]
