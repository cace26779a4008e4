"""Delays and deadlines, worked by hand from the Judicial Code (art. 52-54) and the calendars."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.contract import Delay
from pilotage.errors import DeadlineSyntaxError, IntervalError
from pilotage.legaltime import (
    Convention,
    DayKind,
    DelayUnit,
    PeriodKind,
    Rule,
    deadline,
    elapsed,
    on_time,
    rule_from_delay,
)

D = dt.date
J, E = Convention.JUDICIAL, Convention.ELAPSED


def test_fifteen_days_ending_on_a_saturday_roll_past_the_national_holiday() -> None:
    # Friday 5 July 2019 + 15 days = Saturday 20 July; Sunday 21 July is also the national
    # holiday; the next working day is Monday 22 July.
    answer = deadline(D(2019, 7, 5), Rule.days(15))
    assert answer.counted == D(2019, 7, 20)
    assert answer.day == D(2019, 7, 22)
    assert answer.skipped == (D(2019, 7, 20), D(2019, 7, 21))
    assert answer.convention is J
    assert "judicial" in answer.explanation
    assert "Fête nationale" in answer.explanation
    assert deadline(D(2019, 7, 5), Rule.days(15, convention=E)).day == D(2019, 7, 20)


@pytest.mark.parametrize(
    ("start", "convention", "expected"),
    [
        # "de quantième à veille de quantième": served 30 June, counted from 1 July, ends the
        # day before 1 August.
        (D(2019, 6, 30), J, D(2019, 7, 31)),
        (D(2019, 6, 30), E, D(2019, 7, 30)),
        # served 15 June: from 16 June to the day before 16 July.
        (D(2019, 6, 15), J, D(2019, 7, 15)),
        # served 31 January: from 1 February to the day before 1 March.
        (D(2019, 1, 31), J, D(2019, 2, 28)),
        (D(2019, 1, 31), E, D(2019, 2, 28)),
        # served 30 January 2019: from 31 January; February has no 31st: its last day.
        (D(2019, 1, 30), J, D(2019, 2, 28)),
        # served 31 January 2020: 29 February 2020 is a Saturday: Monday 2 March.
        (D(2020, 1, 31), J, D(2020, 3, 2)),
        (D(2020, 1, 31), E, D(2020, 2, 29)),
        # served 28 February 2019 (last day): from 1 March to 31 March, a Sunday: 1 April.
        (D(2019, 2, 28), J, D(2019, 4, 1)),
        (D(2019, 2, 28), E, D(2019, 3, 28)),
    ],
)
def test_one_month(start: dt.date, convention: Convention, expected: dt.date) -> None:
    assert deadline(start, Rule.months(1, convention=convention)).day == expected


def test_four_months_and_twelve() -> None:
    assert deadline(D(2019, 1, 15), Rule.months(4)).day == D(2019, 5, 15)
    # 15 February 2020 + 12 months: 15 February 2021 is a Monday.
    assert deadline(D(2020, 2, 15), Rule.months(12)).day == D(2021, 2, 15)


def test_working_days_monday_to_saturday() -> None:
    # From Wednesday 3 July 2019: 4, 5, 6, 8-13, 15-20 July is 15 working days (Sundays out);
    # the 15th is Saturday 20 July. Judicial: Monday 22 July (Sunday 21 July in between).
    judicial = deadline(D(2019, 7, 3), Rule.days(15, DayKind.MON_SAT))
    assert judicial.counted == D(2019, 7, 20)
    assert judicial.day == D(2019, 7, 22)
    assert deadline(D(2019, 7, 3), Rule.days(15, DayKind.MON_SAT, E)).day == D(2019, 7, 20)
    # From Friday 5 July: 6, 8-13, 15-20, 22, 23 July: Tuesday 23 July.
    assert deadline(D(2019, 7, 5), Rule.days(15, DayKind.MON_SAT)).day == D(2019, 7, 23)


def test_working_days_monday_to_friday_and_the_federal_calendar() -> None:
    # From Friday 5 July 2019: 8-12, 15-19 July.
    assert deadline(D(2019, 7, 5), Rule.days(10, DayKind.MON_FRI)).day == D(2019, 7, 19)
    # From Friday 8 November 2019; 11 November is a legal holiday, 15 November a federal one.
    legal = Rule.days(10, DayKind.MON_FRI)
    assert deadline(D(2019, 11, 8), legal).day == D(2019, 11, 25)
    federal = Rule.days(10, DayKind.MON_FRI, calendar="be-federal")
    assert deadline(D(2019, 11, 8), federal).day == D(2019, 11, 26)


def test_ascension_2008_and_its_substitute() -> None:
    # 1 day from Wednesday 30 April 2008 ends on Thursday 1 May (Labour Day and Ascension);
    # Friday 2 May was the substitute holiday; then the weekend: Monday 5 May 2008.
    answer = deadline(D(2008, 4, 30), Rule.days(1))
    assert answer.day == D(2008, 5, 5)
    assert answer.skipped == (D(2008, 5, 1), D(2008, 5, 2), D(2008, 5, 3), D(2008, 5, 4))


def test_hundred_and_twenty_days() -> None:
    # 11 January 2019 + 120 days: 20 in January, 28, 31, 30, then 11 May (a Saturday).
    assert deadline(D(2019, 1, 11), Rule.days(120, convention=E)).day == D(2019, 5, 11)
    assert deadline(D(2019, 1, 11), Rule.days(120)).day == D(2019, 5, 13)


def test_zero_days_is_the_start_day() -> None:
    assert deadline(D(2019, 7, 5), Rule.days(0, convention=E)).day == D(2019, 7, 5)
    assert deadline(D(2019, 7, 6), Rule.days(0, DayKind.MON_SAT, E)).day == D(2019, 7, 6)


def test_fixed_day_of_the_year() -> None:
    by_31_may = Rule.fixed(5, 31)
    assert deadline(D(2019, 2, 11), by_31_may).day == D(2019, 5, 31)
    assert deadline(D(2019, 5, 31), by_31_may).day == D(2019, 5, 31)
    assert deadline(D(2019, 6, 1), by_31_may).day == D(2020, 5, 31)  # a Sunday, kept
    # The setting: 31 May 2020 is a Sunday and 1 June 2020 Whit Monday.
    rolled = deadline(D(2019, 6, 1), Rule.fixed(5, 31, rolls_forward=True))
    assert rolled.day == D(2020, 6, 2)
    # 29 February in a common year is its last day of February.
    assert deadline(D(2019, 1, 1), Rule.fixed(2, 29)).day == D(2019, 2, 28)
    assert deadline(D(2020, 1, 1), Rule.fixed(2, 29)).day == D(2020, 2, 29)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (PeriodKind.MONTH, D(2019, 2, 28)),
        (PeriodKind.QUARTER, D(2019, 3, 31)),
        (PeriodKind.SEMESTER, D(2019, 6, 30)),
        (PeriodKind.YEAR, D(2019, 12, 31)),
    ],
)
def test_end_of_period(period: PeriodKind, expected: dt.date) -> None:
    assert deadline(D(2019, 2, 11), Rule.end_of(period)).day == expected


def test_end_of_quarter_rolls_only_when_asked() -> None:
    # 30 June 2019 is a Sunday.
    assert deadline(D(2019, 5, 2), Rule.end_of(PeriodKind.QUARTER)).day == D(2019, 6, 30)
    rolled = Rule.end_of(PeriodKind.QUARTER, rolls_forward=True)
    assert deadline(D(2019, 5, 2), rolled).day == D(2019, 7, 1)


def test_on_time_uses_the_rolled_deadline_not_the_elapsed_count() -> None:
    start, end = D(2019, 7, 5), D(2019, 7, 22)
    assert elapsed(start, end) == 17  # more than 15 ...
    assert on_time(start, end, Rule.days(15))  # ... yet on time under the judicial rule
    assert not on_time(start, end, Rule.days(15, convention=E))
    assert not on_time(start, D(2019, 7, 23), Rule.days(15))


def test_an_end_before_its_start_is_invalid_data() -> None:
    with pytest.raises(IntervalError, match="before start"):
        on_time(D(2019, 7, 5), D(2019, 7, 4), Rule.days(15))
    with pytest.raises(IntervalError, match="not a negative"):
        elapsed(D(2019, 7, 5), D(2019, 7, 4))


def test_elapsed_per_day_kind() -> None:
    start, end = D(2019, 7, 5), D(2019, 7, 22)
    assert elapsed(start, end, DayKind.CALENDAR) == 17
    assert elapsed(start, end, DayKind.MON_SAT) == 14  # 6, 8-13, 15-20, 22
    assert elapsed(start, end, DayKind.MON_FRI) == 11  # 8-12, 15-19, 22
    assert elapsed(start, start, DayKind.MON_FRI) == 0
    assert elapsed(D(2019, 11, 8), D(2019, 11, 29), DayKind.MON_FRI, "be-federal") == 13


def test_rule_validation() -> None:
    with pytest.raises(DeadlineSyntaxError, match="count"):
        Rule(DelayUnit.CALENDAR_DAYS)
    with pytest.raises(DeadlineSyntaxError, match="never a date"):
        Rule.fixed(4, 31)
    with pytest.raises(DeadlineSyntaxError, match="period-end"):
        Rule(DelayUnit.PERIOD_END, period=PeriodKind.CONTRACT)


def test_rule_from_a_contract_delay() -> None:
    norm = rule_from_delay(Delay(unit=DelayUnit.CALENDAR_DAYS, value=120))
    assert (norm.unit, norm.value, norm.convention, norm.rolls) == (
        DelayUnit.CALENDAR_DAYS,
        120,
        Convention.ELAPSED,
        False,
    )
    fixed = rule_from_delay(
        Delay(unit=DelayUnit.FIXED_DATE, month=5, day=31, rolls_forward=True, calendar="be-federal")
    )
    assert (fixed.month, fixed.day, fixed.rolls, fixed.calendar_name) == (5, 31, True, "be-federal")
    judicial = rule_from_delay(Delay(unit=DelayUnit.MONTHS, value=4, convention=J))
    assert judicial.rolls


def test_a_norm_due_by_the_end_of_the_quarter() -> None:
    # "pour la fin du trimestre": Wednesday 14 August 2019 is due Monday 30 September 2019.
    quarter = Delay(unit=DelayUnit.PERIOD_END, period=PeriodKind.QUARTER)
    rule = rule_from_delay(quarter)
    assert (rule.unit, rule.period, rule.rolls) == (DelayUnit.PERIOD_END, PeriodKind.QUARTER, False)
    assert deadline(D(2019, 8, 14), rule).day == D(2019, 9, 30)
    # Saturday 30 November 2019 is the month's end; rolls_forward moves it to Monday 2 December.
    month = Delay(unit=DelayUnit.PERIOD_END, period=PeriodKind.MONTH, rolls_forward=True)
    assert deadline(D(2019, 11, 4), rule_from_delay(month)).day == D(2019, 12, 2)
    with pytest.raises(ValueError, match="period_end delay takes a period"):
        Delay(unit=DelayUnit.PERIOD_END, value=3)
    with pytest.raises(ValueError, match="takes no period"):
        Delay(unit=DelayUnit.MONTHS, value=3, period=PeriodKind.YEAR)


def test_answers_explain_themselves() -> None:
    answer = deadline(D(2019, 6, 30), Rule.months(1))
    assert "quantième" in answer.explanation
    data = answer.as_dict()
    assert data["deadline"] == "2019-07-31"
    assert data["rule"]["convention"] == "judicial"
    assert data["rule"]["described"] == "1 month"
    elapsed_answer = deadline(D(2019, 7, 5), Rule.days(15, convention=E))
    assert "elapsed" in elapsed_answer.explanation
    assert "does not roll forward" in elapsed_answer.explanation
