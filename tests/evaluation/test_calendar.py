"""The legal calendar of the annual evaluation (art. 49) and its state machine."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilotage.contract import Contract, load_contract, seed_path
from pilotage.errors import EvaluationOrderError
from pilotage.evaluation import (
    AgreedCalendar,
    ClockStatus,
    LegalCalendar,
    State,
    Step,
    check_step,
    evaluation_clocks,
    next_step,
    state_after,
)
from pilotage.legaltime import DayKind, elapsed, get_calendar

INAMI = load_contract(seed_path("inami-2013-2015"))
LEGAL = LegalCalendar.of(INAMI)


@pytest.fixture(scope="module")
def inami() -> Contract:
    return INAMI


@pytest.fixture(scope="module")
def legal(inami: Contract) -> LegalCalendar:
    return LegalCalendar.of(inami)


def test_the_draft_of_2014_is_due_on_31_march_2015(legal: LegalCalendar) -> None:
    assert legal.draft_due(2014) == dt.date(2015, 3, 31)


def test_easter_monday_2015_falls_inside_the_meeting_delay(legal: LegalCalendar) -> None:
    # Sent Tuesday 31 March 2015: 15 working days (Monday-Saturday) skip Sundays and Easter
    # Monday 6 April; the 15th is Saturday 18 April, moved to Monday 20 April (Judicial Code).
    answer = legal.meeting_due(dt.date(2015, 3, 31))
    assert answer.counted == dt.date(2015, 4, 18)
    assert answer.day == dt.date(2015, 4, 20)
    assert get_calendar("be-legal").holiday(dt.date(2015, 4, 6)) is not None
    assert "Saturday 2015-04-18" in answer.explanation


def test_1_may_2015_falls_inside_the_report_delay(legal: LegalCalendar) -> None:
    # Meeting Monday 20 April 2015: 1 May (Friday) is not counted; the 15th working day is
    # Friday 8 May 2015.
    answer = legal.report_due(dt.date(2015, 4, 20))
    assert answer.day == dt.date(2015, 5, 8)
    assert elapsed(dt.date(2015, 4, 20), dt.date(2015, 5, 8), DayKind.MON_SAT) == 15


def test_without_a_holiday_the_report_delay_is_plain_working_days(legal: LegalCalendar) -> None:
    # Meeting Wednesday 22 April 2015 -> 15 Monday-Saturday days, 1 May skipped: 11 May.
    assert legal.report_due(dt.date(2015, 4, 22)).day == dt.date(2015, 5, 11)


def test_ascension_and_whit_monday_2015(legal: LegalCalendar) -> None:
    # Meeting Friday 8 May 2015: Ascension (14 May) and Whit Monday (25 May) are skipped.
    answer = legal.report_due(dt.date(2015, 5, 8))
    assert answer.day == dt.date(2015, 5, 28)


def test_clocks_show_met_late_and_how_late(legal: LegalCalendar) -> None:
    steps = {Step.DRAFT_SENT: dt.date(2015, 4, 2), Step.MEETING_HELD: dt.date(2015, 4, 20)}
    today = dt.date(2015, 5, 15)
    draft, meeting, report = evaluation_clocks(legal, 2014, steps, today)
    assert (draft.status, draft.late_by) == (ClockStatus.LATE, 2)
    assert meeting.due == dt.date(2015, 4, 21)  # 15 working days after 2 April, Easter skipped
    assert meeting.status is ClockStatus.MET
    assert report.due == dt.date(2015, 5, 8)
    assert (report.status, report.late_by, report.days_left) == (ClockStatus.OVERDUE, 7, -7)
    waiting = evaluation_clocks(legal, 2014, {}, dt.date(2015, 3, 1))
    assert [c.status for c in waiting] == [ClockStatus.DUE, ClockStatus.WAITING] * 1 + [
        ClockStatus.WAITING
    ]
    assert waiting[0].days_left == 30


def test_an_agreed_calendar_within_the_maxima_is_used(inami: Contract) -> None:
    agreed = AgreedCalendar(dt.date(2015, 3, 15), 10, 10, dt.date(2015, 1, 20))
    legal = LegalCalendar.of(inami, agreed=agreed)
    agreed.check(legal, 2014)
    assert legal.draft_due(2014) == dt.date(2015, 3, 15)
    assert legal.meeting_due(dt.date(2015, 3, 13)).day == dt.date(2015, 3, 25)


@pytest.mark.parametrize(
    ("agreed", "why"),
    [
        (AgreedCalendar(dt.date(2015, 4, 15), 15, 15, dt.date(2015, 1, 20)), "after the legal"),
        (AgreedCalendar(dt.date(2015, 3, 31), 20, 15, dt.date(2015, 1, 20)), "meeting within 20"),
        (AgreedCalendar(dt.date(2015, 3, 31), 15, 16, dt.date(2015, 1, 20)), "report within 16"),
        (AgreedCalendar(dt.date(2014, 12, 1), 15, 15, dt.date(2014, 1, 20)), "not after the year"),
    ],
)
def test_an_agreed_calendar_beyond_art_49_is_refused(
    legal: LegalCalendar, agreed: AgreedCalendar, why: str
) -> None:
    with pytest.raises(EvaluationOrderError, match=why):
        agreed.check(legal, 2014)


@given(st.dates(dt.date(2014, 1, 1), dt.date(2030, 12, 31)))
def test_the_meeting_due_date_is_15_working_days_or_the_next_working_day(
    sent: dt.date,
) -> None:
    cal = get_calendar("be-legal")
    answer = LEGAL.meeting_due(sent)
    assert elapsed(sent, answer.counted, DayKind.MON_SAT) == 15
    assert cal.is_working(answer.counted, DayKind.MON_SAT)
    assert cal.is_working(answer.day, DayKind.MON_FRI)
    # only non-working days (Monday-Friday sense) lie between the count and the deadline
    day = answer.counted
    while day < answer.day:
        assert not cal.is_working(day, DayKind.MON_FRI)
        day += dt.timedelta(days=1)


@given(st.dates(dt.date(2014, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 15))
def test_a_shorter_agreed_delay_never_ends_later(sent: dt.date, days: int) -> None:
    agreed = AgreedCalendar(dt.date(sent.year, 12, 31), days, days, sent)
    assert (
        LegalCalendar.of(INAMI, agreed=agreed).meeting_due(sent).day <= LEGAL.meeting_due(sent).day
    )


def test_steps_follow_one_order_without_skipping() -> None:
    today = dt.date(2015, 6, 30)
    steps: dict[Step, dt.date] = {}
    assert next_step(state_after(steps)) is Step.DRAFT_SENT
    with pytest.raises(EvaluationOrderError, match="next step is draft_sent"):
        check_step(steps, Step.MEETING_HELD, dt.date(2015, 4, 1), today)
    assert check_step(steps, Step.DRAFT_SENT, dt.date(2015, 3, 31), today) is State.DRAFT_SENT
    steps[Step.DRAFT_SENT] = dt.date(2015, 3, 31)
    with pytest.raises(EvaluationOrderError, match="already done on 2015-03-31"):
        check_step(steps, Step.DRAFT_SENT, dt.date(2015, 4, 1), today)
    with pytest.raises(EvaluationOrderError, match="before draft_sent on 2015-03-31"):
        check_step(steps, Step.MEETING_HELD, dt.date(2015, 3, 30), today)
    with pytest.raises(EvaluationOrderError, match="in the future"):
        check_step(steps, Step.MEETING_HELD, dt.date(2015, 7, 1), today)
    steps[Step.MEETING_HELD] = dt.date(2015, 4, 20)
    steps[Step.REPORT_SENT] = dt.date(2015, 5, 8)
    assert check_step(steps, Step.CLOSED, dt.date(2015, 5, 8), today) is State.CLOSED
    steps[Step.CLOSED] = dt.date(2015, 5, 8)
    assert state_after(steps) is State.CLOSED
    assert next_step(State.CLOSED) is None
    with pytest.raises(EvaluationOrderError, match="closed"):
        check_step(steps, Step.CLOSED, dt.date(2015, 5, 9), today)


def test_a_clock_says_how_its_due_date_is_counted_in_french_and_dutch(
    legal: LegalCalendar,
) -> None:
    """The meeting of 2014: draft sent Tuesday 31 March 2015; Easter Monday (6 April) is not
    counted; the 15th working day is Saturday 18 April, a last day that moves to Monday."""
    from pilotage.reports import counted_text

    clocks = evaluation_clocks(
        legal, 2014, {Step.DRAFT_SENT: dt.date(2015, 3, 31)}, dt.date(2015, 4, 1)
    )
    meeting = clocks[1].as_dict()
    assert meeting["counted"]["not_counted"] == [["2015-04-06", "Lundi de Pâques", "Paasmaandag"]]
    assert meeting["counted"]["counted"] == "2015-04-18"
    assert meeting["due"] == "2015-04-20"
    fr, nl = counted_text(meeting, "fr"), counted_text(meeting, "nl")
    assert fr.startswith("15 jours ouvrables (lundi-samedi, hors jours fériés) après le 2015-03-31")
    assert "non compté, jour férié : 2015-04-06 (Lundi de Pâques)" in fr
    assert "reportée au 2015-04-20, après samedi 2015-04-18, dimanche 2015-04-19" in fr
    assert "niet meegeteld, feestdag: 2015-04-06 (Paasmaandag)" in nl
    assert "verplaatst naar 2015-04-20, na zaterdag 2015-04-18, zondag 2015-04-19" in nl
    assert counted_text(clocks[0].as_dict(), "nl").startswith("art. 49: het ontwerp van 2014")
    assert counted_text(clocks[2].as_dict(), "fr") == ""  # waiting for the meeting
    # a clock frozen before its data was kept says what it said when it was sent
    assert counted_text({"name": "meeting_held", "basis": "as sent"}, "fr") == "as sent"
