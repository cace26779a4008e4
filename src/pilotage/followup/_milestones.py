"""The milestones of an action-commitment or a continuous mission, judged at an as-of day."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from pilotage.contract import Action, Article, ContinuousMission, Contract, Deadline, DeadlineForm
from pilotage.followup._model import (
    _OPEN_ORDER,
    DEFAULT_SOON_DAYS,
    ActionFollowup,
    Completion,
    MilestoneState,
    MissionFollowup,
    Progress,
    Status,
    UpcomingDeadline,
    action_key,
    event_key,
)
from pilotage.legaltime import Period, Rule, Schedule, deadline


def _judge(due: dt.date, completion: Completion | None, as_of: dt.date, soon_days: int) -> Status:
    if completion is not None:
        return Status.DONE_ON_TIME if completion.completed_on <= due else Status.DONE_LATE
    if due < as_of:
        return Status.OVERDUE
    if (due - as_of).days <= soon_days:
        return Status.DUE_SOON
    return Status.NOT_DUE


def _known(completion: Completion | None, as_of: dt.date) -> Completion | None:
    """The completion as known on `as_of`: one dated later has not happened yet."""
    if completion is None or completion.completed_on > as_of:
        return None
    return completion


def _schedule_dues(
    schedule: Schedule, contract: Contract, after: dt.date | None = None
) -> list[tuple[str, dt.date, str]]:
    end = contract.period.end
    assert end is not None  # a contract's period has an end (validated)
    found = []
    for occ in schedule.occurrences(contract.starts, end, anchor=contract.starts):
        if after is None or occ.due > after:
            found.append((str(occ.cycle), occ.due, f"{schedule.describe()}: cycle {occ.cycle}"))
    return found


def _planned(
    deadline_: Deadline | None, contract: Contract, events: Mapping[str, dt.date], as_of: dt.date
) -> tuple[list[tuple[str, dt.date, str]], list[MilestoneState]]:
    """The milestones with a due date (key, due, note), and those without one (judged)."""
    if deadline_ is None or deadline_.form is DeadlineForm.CONTINUOUS:
        return [], []
    form = deadline_.form
    if form in (DeadlineForm.DATE, DeadlineForm.DATES):
        return [(d.isoformat(), d, "as printed") for d in deadline_.dates], []
    if form is DeadlineForm.PERIOD:
        dues = []
        for label in deadline_.periods:
            period = Period.parse(label)
            dues.append((str(period), period.last, f"last day of {period}"))
        return dues, []
    if form is DeadlineForm.RECURRING:
        assert deadline_.recurrence is not None
        return _schedule_dues(Schedule.from_recurrence(deadline_.recurrence), contract), []
    if form is DeadlineForm.RELATIVE:
        assert deadline_.event is not None
        assert deadline_.offset is not None
        name = event_key(deadline_.event, contract)
        happened = events.get(name)
        if happened is None or happened > as_of:
            waiting = MilestoneState(
                "event", Status.WAITING_EVENT, note=f"waiting for the event: {name}"
            )
            return [], [waiting]
        rule = Rule(deadline_.offset.unit, value=deadline_.offset.value)
        answer = deadline(happened, rule)
        dues = [("event", answer.day, answer.explanation)]
        if deadline_.recurrence is not None:
            schedule = Schedule.from_recurrence(deadline_.recurrence)
            dues += _schedule_dues(schedule, contract, after=answer.day)
        return dues, []
    # invalid or unstructured: the printed text is reported, never guessed
    unreadable = MilestoneState(
        "unreadable", Status.UNREADABLE, note=deadline_.diagnosis or deadline_.printed
    )
    return [(d.isoformat(), d, "as printed") for d in deadline_.dates], [unreadable]


def _follow(
    deadline_: Deadline | None,
    contract: Contract,
    done: Mapping[str, Completion],
    events: Mapping[str, dt.date],
    as_of: dt.date,
    soon_days: int,
) -> tuple[Status, tuple[MilestoneState, ...]]:
    dues, undated = _planned(deadline_, contract, events, as_of)
    states: list[MilestoneState] = []
    for key, due, note in dues:
        completion = _known(done.get(key), as_of)
        states.append(
            MilestoneState(key, _judge(due, completion, as_of, soon_days), due, completion, note)
        )
    for state in undated:
        completion = _known(done.get(state.key), as_of)
        if completion is not None and state.status is Status.WAITING_EVENT:
            state = MilestoneState(
                state.key, Status.DONE_ON_TIME, None, completion, state.note + " (done before)"
            )
        elif completion is not None:
            state = MilestoneState(state.key, state.status, None, completion, state.note)
        states.append(state)
    states.sort(key=lambda s: (s.due is None, s.due or dt.date.min))
    return _overall(deadline_, states), tuple(states)


def _overall(deadline_: Deadline | None, states: list[MilestoneState]) -> Status:
    if deadline_ is not None and deadline_.form in (
        DeadlineForm.INVALID,
        DeadlineForm.UNSTRUCTURED,
    ):
        return Status.UNREADABLE
    if not states:
        return Status.NO_DEADLINE
    present = {s.status for s in states}
    for status in _OPEN_ORDER:
        if status in present:
            return status
    return Status.DONE_LATE if Status.DONE_LATE in present else Status.DONE_ON_TIME


def follow_action(
    contract: Contract,
    article: Article,
    action: Action,
    progress: Progress,
    as_of: dt.date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> ActionFollowup:
    """The milestones and status of one action-commitment at `as_of`."""
    key = action_key(article, action)
    status, states = _follow(
        action.deadline,
        contract,
        progress.completions.get(key, {}),
        progress.events,
        as_of,
        soon_days,
    )
    return ActionFollowup(key, article, action, status, states, as_of)


def follow_actions(
    contract: Contract,
    progress: Progress,
    as_of: dt.date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> list[ActionFollowup]:
    """Every action-commitment of the contract, in the contract's order."""
    return [
        follow_action(contract, article, action, progress, as_of, soon_days)
        for article, action in contract.actions()
    ]


def follow_mission(
    contract: Contract,
    mission: ContinuousMission,
    progress: Progress,
    as_of: dt.date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> MissionFollowup:
    """The occurrences and status of one continuous mission at `as_of`."""
    status, states = _follow(
        mission.deadline,
        contract,
        progress.deliveries.get(str(mission.code), {}),
        progress.events,
        as_of,
        soon_days,
    )
    return MissionFollowup(mission, status, states, as_of)


def follow_missions(
    contract: Contract,
    progress: Progress,
    as_of: dt.date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> list[MissionFollowup]:
    return [
        follow_mission(contract, mission, progress, as_of, soon_days)
        for mission in contract.continuous_missions
    ]


def count_statuses(followups: Iterable[ActionFollowup | MissionFollowup]) -> dict[Status, int]:
    """How many items have each status, every status listed (0 included), in Status order."""
    counted = Counter(f.status for f in followups)
    return {status: counted.get(status, 0) for status in Status}


def upcoming(
    contract: Contract,
    progress: Progress,
    as_of: dt.date,
    within_days: int = 60,
    *,
    include_overdue: bool = False,
) -> list[UpcomingDeadline]:
    """The due dates not met yet, from `as_of` to `within_days` later, of actions and missions.

    Sorted by due date. With `include_overdue`, the overdue ones (due before `as_of`) too.
    """
    found: list[UpcomingDeadline] = []
    horizon = as_of + dt.timedelta(days=within_days)
    for a in follow_actions(contract, progress, as_of, within_days):
        found += [
            UpcomingDeadline("action", a.key, a.action.text, m)
            for m in a.milestones
            if _upcoming(m, as_of, horizon, include_overdue)
        ]
    for mf in follow_missions(contract, progress, as_of, within_days):
        found += [
            UpcomingDeadline("mission", mf.key, mf.mission.title, m)
            for m in mf.milestones
            if _upcoming(m, as_of, horizon, include_overdue)
        ]
    found.sort(key=lambda u: (u.milestone.due or dt.date.min, u.kind, u.key))
    return found


def _upcoming(m: MilestoneState, as_of: dt.date, horizon: dt.date, overdue: bool) -> bool:
    if m.due is None or m.status.done:
        return False
    return m.due <= horizon and (overdue or m.due >= as_of)
