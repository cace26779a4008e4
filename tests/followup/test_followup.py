"""Statuses of INAMI 2013-2015 action-commitments and missions, worked by hand."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotage.contract import Contract, load_contract, seed_path
from pilotage.followup import (
    Completion,
    FollowupError,
    Progress,
    Status,
    count_statuses,
    events_of,
    find_action,
    find_event,
    follow_action,
    follow_actions,
    follow_missions,
    upcoming,
)

D = dt.date


@cache
def inami() -> Contract:
    return load_contract(seed_path("inami-2013-2015"))


def follow(key: str, as_of: dt.date, progress: Progress | None = None):  # type: ignore[no-untyped-def]
    article, action = find_action(inami(), key)
    return follow_action(inami(), article, action, progress or Progress(), as_of)


def done(key: str, milestone: str, on: dt.date) -> Progress:
    return Progress(completions={key: {milestone: Completion(on, "report sent")}})


# Art. 11 action 1: "Date limite : 30 juin 2013".
@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2013, 5, 30), Status.NOT_DUE),  # 31 days before
        (D(2013, 5, 31), Status.DUE_SOON),  # 30 days before: within the default 30
        (D(2013, 6, 30), Status.DUE_SOON),  # the due day itself
        (D(2013, 7, 1), Status.OVERDUE),
    ],
)
def test_open_single_date(as_of: dt.date, status: Status) -> None:
    assert follow("11/1", as_of).status is status


def test_done_on_time_and_late_single_date() -> None:
    assert follow("11/1", D(2014, 1, 1), done("11/1", "2013-06-30", D(2013, 6, 30))).status is (
        Status.DONE_ON_TIME
    )
    late = follow("11/1", D(2014, 1, 1), done("11/1", "2013-06-30", D(2013, 7, 1)))
    assert late.status is Status.DONE_LATE


def test_completion_after_as_of_is_not_known_yet() -> None:
    progress = done("11/1", "2013-06-30", D(2013, 6, 20))
    assert follow("11/1", D(2013, 6, 19), progress).status is Status.DUE_SOON
    assert follow("11/1", D(2013, 6, 20), progress).status is Status.DONE_ON_TIME


def test_several_dates_are_each_a_milestone() -> None:
    # Art. 11 action 2: 31 décembre 2013 ; 31 décembre 2014 ; 31 décembre 2015.
    progress = Progress(
        completions={
            "11/2": {
                "2013-12-31": Completion(D(2013, 12, 20), "2013 report"),
                "2014-12-31": Completion(D(2015, 1, 5), "2014 report"),
            }
        }
    )
    f = follow("11/2", D(2015, 2, 1), progress)
    assert [m.status for m in f.milestones] == [
        Status.DONE_ON_TIME,
        Status.DONE_LATE,
        Status.NOT_DUE,
    ]
    assert f.status is Status.NOT_DUE
    assert f.next_due == D(2015, 12, 31)
    assert follow("11/2", D(2016, 1, 1), progress).status is Status.OVERDUE


def test_period_is_due_on_its_last_day() -> None:
    # Art. 21 action 1.a: "1er trimestre de 2013".
    f = follow("21/1.a", D(2013, 3, 1))
    assert [(m.key, m.due) for m in f.milestones] == [("2013-Q1", D(2013, 3, 31))]
    assert f.status is Status.DUE_SOON
    assert follow("21/1.a", D(2013, 4, 1)).status is Status.OVERDUE


def test_recurring_in_the_fourth_quarter_of_the_year_before() -> None:
    # Art. 21 action 1.b: "chaque année dans le courant du 4e trimestre de l'année X-1".
    f = follow("21/1.b", D(2013, 1, 1))
    assert [m.due for m in f.milestones] == [D(2013, 12, 31), D(2014, 12, 31), D(2015, 12, 31)]
    assert f.status is Status.NOT_DUE


def test_relative_waits_for_its_event_then_counts_under_legal_time() -> None:
    # Art. 26 action 1: "X + 6 mois (X étant la date de publication de l'arrêté royal)".
    assert follow("26/1", D(2014, 1, 1)).status is Status.WAITING_EVENT
    published = Progress(events={"date de publication de l’arrêté royal": D(2013, 6, 30)})
    # Counted from 1 July, the day before 1 January: 31 December 2013 (a Tuesday).
    f = follow("26/1", D(2013, 7, 1), published)
    assert f.milestones[0].due == D(2013, 12, 31)
    assert f.status is Status.NOT_DUE
    # An event recorded with a later date has not happened yet on the as-of day.
    assert follow("26/1", D(2013, 6, 29), published).status is Status.WAITING_EVENT


def test_relative_due_date_rolls_past_a_weekend() -> None:
    # Art. 12 action 1: "dans les 3 mois qui suivent la table ronde". Round table on Friday
    # 15 March 2013: counted from 16 March, ends Saturday 15 June, moves to Monday 17 June.
    progress = Progress(events={"table ronde": D(2013, 3, 15)})
    assert follow("12/1", D(2013, 6, 1), progress).milestones[0].due == D(2013, 6, 17)


def test_one_event_serves_every_action_waiting_for_it() -> None:
    # Art. 12 actions 2 and 3: X (réunion d'installation de l'ASBL eCare) + 6 and + 12 mois.
    event = find_event(inami(), "12/3")
    assert [f"{a.number}/{x.number}" for a, x in events_of(inami())[event]] == ["12/2", "12/3"]
    progress = Progress(events={event: D(2013, 2, 4)})
    assert follow("12/2", D(2013, 3, 1), progress).milestones[0].due == D(2013, 8, 5)  # Sun 4 Aug
    assert follow("12/3", D(2013, 3, 1), progress).milestones[0].due == D(2014, 2, 4)


def test_relative_with_a_yearly_part_after_it() -> None:
    # Art. 27 action 3: X + 6 mois, then yearly before 30 September.
    event = find_event(inami(), "27/3")
    f = follow("27/3", D(2013, 7, 1), Progress(events={event: D(2013, 6, 30)}))
    assert [m.due for m in f.milestones] == [D(2013, 12, 31), D(2014, 9, 30), D(2015, 9, 30)]


def test_done_before_the_event_is_recorded_is_on_time() -> None:
    f = follow("26/1", D(2013, 5, 1), done("26/1", "event", D(2013, 4, 1)))
    assert f.status is Status.DONE_ON_TIME


def test_the_impossible_31_april_2013_stays_unreadable() -> None:
    # Art. 21 action 2: "31/04/2013 (...), 31/03/2014 (...), 31/03/2015 (...)".
    every_valid_date_done = Progress(
        completions={
            "21/2": {
                "2014-03-31": Completion(D(2014, 3, 1), "x"),
                "2015-03-31": Completion(D(2015, 3, 1), "x"),
                "unreadable": Completion(D(2013, 4, 30), "x"),
            }
        }
    )
    f = follow("21/2", D(2016, 1, 1), every_valid_date_done)
    assert f.status is Status.UNREADABLE
    unreadable = [m for m in f.milestones if m.status is Status.UNREADABLE]
    assert len(unreadable) == 1
    assert unreadable[0].due is None
    assert "31/04/2013 does not exist" in unreadable[0].note
    assert "31/04/2013" in (f.deadline.printed if f.deadline else "")


def test_unstructured_deadline_is_unreadable() -> None:
    f = follow("12/6", D(2014, 1, 1))  # "au cours des 10e et 3e mois précédant ..."
    assert f.status is Status.UNREADABLE
    assert "window" in f.milestones[0].note


def test_counts_over_the_seed() -> None:
    counts = count_statuses(follow_actions(inami(), Progress(), D(2012, 12, 1)))
    assert sum(counts.values()) == 66
    assert counts[Status.WAITING_EVENT] == 16
    assert counts[Status.UNREADABLE] == 2
    assert counts[Status.DUE_SOON] == 0


def test_missions_periodic_due_dates() -> None:
    missions = {m.key: m for m in follow_missions(inami(), Progress(), D(2013, 1, 1))}
    assert len(missions) == 11
    # 36.1 "Semestriel": six semesters in 2013-2015.
    assert [m.key for m in missions["36.1"].milestones] == [
        "2013-S1", "2013-S2", "2014-S1", "2014-S2", "2015-S1", "2015-S2",
    ]  # fmt: skip
    # 36.4 "Pour la fin du premier trimestre de chaque année civile".
    assert [m.due for m in missions["36.4"].milestones] == [
        D(2013, 3, 31), D(2014, 3, 31), D(2015, 3, 31),
    ]  # fmt: skip
    # 36.2b "Tous les 5 ans" counted from 2013: first due end 2017, after the contract.
    assert missions["36.2b"].milestones == ()
    assert missions["36.2b"].status is Status.NO_DEADLINE


def test_mission_delivery_completes_its_cycle() -> None:
    progress = Progress(deliveries={"36.1": {"2013-S1": Completion(D(2013, 7, 15), "x")}})
    m = {m.key: m for m in follow_missions(inami(), progress, D(2013, 7, 20))}["36.1"]
    assert m.milestones[0].status is Status.DONE_LATE
    assert m.status is Status.NOT_DUE


def test_upcoming_across_the_contract() -> None:
    found = upcoming(inami(), done("11/1", "2013-06-30", D(2013, 6, 1)), D(2013, 6, 10), 30)
    keys = [(u.kind, u.key) for u in found]
    assert ("action", "11/1") not in keys  # done
    assert ("action", "21/3") in keys  # 30/06/2013
    assert ("mission", "36.1") in keys  # first semester
    assert all(D(2013, 6, 10) <= (u.milestone.due or D.min) <= D(2013, 7, 10) for u in found)
    assert [u.milestone.due for u in found] == sorted(u.milestone.due or D.min for u in found)
    late = upcoming(inami(), Progress(), D(2013, 6, 10), 30, include_overdue=True)
    assert ("action", "21/1.a") in [(u.kind, u.key) for u in late]


def test_unknown_names_are_errors_that_teach() -> None:
    with pytest.raises(FollowupError, match="ARTICLE/ACTION"):
        find_action(inami(), "99/1")
    with pytest.raises(FollowupError, match="names several events"):
        find_event(inami(), "date")
    assert find_event(inami(), "arrêté royal") == "date de publication de l’arrêté royal"


# Properties over every dated milestone of the seed.
DATED = [
    (f"{a.number}/{x.number}", a, x)
    for a, x in inami().actions()
    if x.deadline is not None and x.deadline.form.value in ("date", "dates", "period", "recurring")
]
days = st.integers(min_value=-400, max_value=400)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DATED), days, st.integers(0, 400))
def test_completion_on_or_before_due_is_never_late(
    item: tuple[str, object, object], before: int, after_as_of: int
) -> None:
    key, _, _ = item
    first = follow(key, D(2013, 1, 1)).milestones[0]
    assert first.due is not None
    on = first.due - dt.timedelta(days=abs(before))
    f = follow(key, on + dt.timedelta(days=after_as_of), done(key, first.key, on))
    assert f.milestones[0].status is Status.DONE_ON_TIME
    assert f.status is not Status.DONE_LATE


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DATED), days, days, st.integers(0, 500))
def test_later_as_of_never_turns_done_into_overdue(
    item: tuple[str, object, object], shift: int, as_of_shift: int, later: int
) -> None:
    key, _, _ = item
    base = follow(key, D(2013, 1, 1))
    progress = Progress(
        completions={
            key: {
                m.key: Completion((m.due or D(2014, 1, 1)) + dt.timedelta(days=shift), "x")
                for m in base.milestones
            }
        }
    )
    as_of = D(2014, 6, 30) + dt.timedelta(days=as_of_shift)
    first = follow(key, as_of, progress)
    second = follow(key, as_of + dt.timedelta(days=later), progress)
    for a, b in zip(first.milestones, second.milestones, strict=True):
        if a.status.done:
            assert b.status is a.status
    if first.status.done:
        assert second.status is first.status
