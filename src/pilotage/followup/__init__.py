"""Follow-up of action-commitments and continuous missions: due dates and statuses.

Plain Python over the contract model and legal time: no database, no web. The web application
and the command line feed it what was recorded (completions, event occurrences, mission
deliveries) and show what it computes.

Milestones (which date counts)
    Every action-commitment is followed through its milestones: one due date each, and each is
    done on its own completion date. By deadline form:

    - `date` ("Date limite : 30 juin 2013"): one milestone, due that day.
    - `dates` ("31/12/2013 ; 31/12/2014 ; 31/12/2015"): one milestone per date; each is a
      deliverable of its own (art. 11 action 2 is three yearly milestones).
    - `period` ("1er trimestre de 2013"): one milestone per period, due on the period's last
      day (art. 21 action 1.a: 2013-Q1, due 31 March 2013).
    - `recurring` ("chaque année dans le courant du 4e trimestre de l'année X-1"): one milestone
      per occurrence of the schedule (`pilotage.legaltime.Schedule`) due within the contract
      period, keyed by its cycle (art. 21 action 1.b: due 31 December 2013, 2014, 2015).
    - `relative` ("X + 6 mois"): one milestone, due = the event's date + the offset under the
      judicial convention of legal time (Judicial Code art. 52-54: months "de quantième à veille
      de quantième", a last day on a weekend or holiday moves to the next working day). Until
      the event is recorded the milestone waits. When the deadline also carries a recurrence
      (art. 27 action 3: "+ 6 mois ; et ensuite annuellement avant le 30 septembre"), the
      schedule's occurrences due after the first milestone and within the contract period
      follow it.
    - `invalid` ("31/04/2013", art. 21 action 2): the date that does not exist is one
      `unreadable` milestone, shown with its printed text and diagnosis, never guessed; the
      valid dates the contract file kept are milestones as usual.
    - `unstructured` (art. 12 action 6): one `unreadable` milestone.
    - `continuous`, or no deadline at all: no milestone; the action is `no_deadline`.

Statuses of a milestone at an as-of day
    What was recorded with a date after the as-of day is not known yet on that day: a
    completion or an event dated later is ignored, so looking back shows the past as it was.

    - `done_on_time`: completed on or before its due date. A completion recorded while the
      event of a relative deadline is still unknown is on time: its delay had not started.
    - `done_late`: completed after its due date.
    - `overdue`: not completed and the due date is before the as-of day.
    - `due_soon`: not completed and due within `soon_days` (default 30) days from the as-of
      day, the as-of day and the due day included.
    - `not_due`: not completed and due later than that.
    - `waiting_event`: a relative deadline whose event has not been recorded (on or before the
      as-of day).
    - `unreadable`: the printed deadline has no date that can be used (invalid or
      unstructured); the printed text and the diagnosis are shown instead.
    - `no_deadline`: the action has no deadline (or a continuous one): followed, never late.

Status of an action-commitment (first rule that applies)
    `unreadable` when its deadline is invalid or unstructured; `no_deadline` when it has no
    milestone; else `overdue`, `due_soon`, `waiting_event`, `not_due` when any milestone has
    that status (in that order); else (all milestones done) `done_late` when any was late,
    otherwise `done_on_time`.

Continuous missions (INAMI art. 36)
    A mission with a recurring deadline ("Semestriel", "Pour la fin du premier trimestre de
    chaque année civile") has one milestone per occurrence of its schedule due within the
    contract period, keyed by the occurrence's cycle ("2013-S1", "2014"); a delivery recorded
    for that cycle completes it. Cycles of several years are counted from the contract's start,
    so "Tous les 5 ans" from 2013 is first due at the end of 2017: no occurrence falls within
    2013-2015. A mission status follows the action rule.

Keys
    An action is named `ARTICLE/ACTION` ("21/1.a", "29.1/2.b"); a milestone of an action by its
    due date (`2013-12-31`), its period (`2013-Q1`), its cycle (`2014`), `event` for the first
    due date of a relative deadline or `unreadable`; an event by its text in the contract's
    first language ("date de publication de l’arrêté royal").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pilotage.contract.actions import Action, Article, ContinuousMission, Deadline, DeadlineForm
from pilotage.contract.base import LocalText
from pilotage.contract.model import Contract
from pilotage.errors import FollowupError
from pilotage.legaltime.counting import Rule, Unit, deadline
from pilotage.legaltime.periods import Period
from pilotage.legaltime.schedules import Schedule

__all__ = [
    "DEFAULT_SOON_DAYS",
    "ActionFollowup",
    "Completion",
    "FollowupError",
    "MilestoneState",
    "MissionFollowup",
    "Progress",
    "Status",
    "UpcomingDeadline",
    "action_key",
    "count_statuses",
    "event_key",
    "events_of",
    "find_action",
    "find_event",
    "find_mission",
    "follow_action",
    "follow_actions",
    "follow_mission",
    "follow_missions",
    "milestone_keys",
    "today",
    "upcoming",
]

DEFAULT_SOON_DAYS = 30
BRUSSELS = ZoneInfo("Europe/Brussels")


class Status(StrEnum):
    """Where an action-commitment, a mission or one of their milestones stands."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NOT_DUE = "not_due"
    WAITING_EVENT = "waiting_event"
    UNREADABLE = "unreadable"
    NO_DEADLINE = "no_deadline"

    @property
    def symbol(self) -> str:
        """A mark readable without colour, beside the status text."""
        return _SYMBOLS[self]

    @property
    def done(self) -> bool:
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE)


_SYMBOLS = {
    Status.DONE_ON_TIME: "✔",
    Status.DONE_LATE: "✔!",
    Status.OVERDUE: "✖",
    Status.DUE_SOON: "⚠",
    Status.NOT_DUE: "○",
    Status.WAITING_EVENT: "⏸",
    Status.UNREADABLE: "?",
    Status.NO_DEADLINE: "–",
}

# The order in which an open milestone decides its action's status.
_OPEN_ORDER = (Status.OVERDUE, Status.DUE_SOON, Status.WAITING_EVENT, Status.NOT_DUE)


@dataclass(frozen=True)
class Completion:
    """A milestone done on `completed_on`, with the evidence that shows it."""

    completed_on: dt.date
    evidence: str = ""


@dataclass(frozen=True)
class Progress:
    """What has been recorded for one contract.

    completions: action key -> milestone key -> completion.
    events: event key -> the day it happened.
    deliveries: mission code -> cycle key -> delivery.
    """

    completions: Mapping[str, Mapping[str, Completion]] = field(default_factory=dict)
    events: Mapping[str, dt.date] = field(default_factory=dict)
    deliveries: Mapping[str, Mapping[str, Completion]] = field(default_factory=dict)


@dataclass(frozen=True)
class MilestoneState:
    """One due date of an action or mission and where it stands."""

    key: str
    status: Status
    due: dt.date | None = None
    completion: Completion | None = None
    note: str = ""  # how the due date was reached, or why there is none

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status.value,
            "due": self.due.isoformat() if self.due else None,
            "completed_on": self.completion.completed_on.isoformat() if self.completion else None,
            "evidence": self.completion.evidence if self.completion else None,
            "note": self.note,
        }


def _deadline_dict(d: Deadline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"printed": d.printed, "form": d.form.value, "diagnosis": d.diagnosis}


@dataclass(frozen=True)
class ActionFollowup:
    """An action-commitment, its milestones and its status at `as_of`."""

    key: str
    article: Article
    action: Action
    status: Status
    milestones: tuple[MilestoneState, ...]
    as_of: dt.date

    @property
    def deadline(self) -> Deadline | None:
        return self.action.deadline

    @property
    def next_due(self) -> dt.date | None:
        """The earliest due date among the milestones not done yet."""
        open_dues = [m.due for m in self.milestones if m.due is not None and not m.status.done]
        return min(open_dues) if open_dues else None

    @property
    def event(self) -> LocalText | None:
        d = self.action.deadline
        return d.event if d is not None else None

    def as_dict(self, language: str = "fr") -> dict[str, Any]:
        """For JSON output; texts in `language`, marked "[fr] " when shown in another."""
        due = self.next_due
        return {
            "key": self.key,
            "article": str(self.article.number),
            "action": self.action.number,
            "text": self.action.text.text(language),
            "status": self.status.value,
            "deadline": _deadline_dict(self.action.deadline),
            "next_due": due.isoformat() if due else None,
            "milestones": [m.as_dict() for m in self.milestones],
            "as_of": self.as_of.isoformat(),
        }


@dataclass(frozen=True)
class MissionFollowup:
    """A continuous mission, its occurrences within the contract period and its status."""

    mission: ContinuousMission
    status: Status
    milestones: tuple[MilestoneState, ...]
    as_of: dt.date

    @property
    def key(self) -> str:
        return str(self.mission.code)

    def as_dict(self, language: str = "fr") -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.mission.title.text(language),
            "service": self.mission.service,
            "status": self.status.value,
            "deadline": _deadline_dict(self.mission.deadline),
            "milestones": [m.as_dict() for m in self.milestones],
            "as_of": self.as_of.isoformat(),
        }


@dataclass(frozen=True)
class UpcomingDeadline:
    """A due date not met yet, of an action ("action") or a mission ("mission")."""

    kind: str
    key: str
    title: LocalText
    milestone: MilestoneState

    def as_dict(self, language: str = "fr") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "title": self.title.text(language),
            **self.milestone.as_dict(),
            "milestone": self.milestone.key,
        }


def today() -> dt.date:
    """Today in Brussels, the as-of day when none is given."""
    return dt.datetime.now(BRUSSELS).date()


def action_key(article: Article, action: Action) -> str:
    """`ARTICLE/ACTION`: "21/1.a"."""
    return f"{article.number}/{action.number}"


def event_key(event: LocalText, contract: Contract) -> str:
    """The event's text in the contract's first language (its original)."""
    return event.get(contract.languages[0])[0]


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
        rule = Rule(Unit(deadline_.offset.unit.value), value=deadline_.offset.value)
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


def events_of(contract: Contract) -> dict[str, list[tuple[Article, Action]]]:
    """Every event a relative deadline waits for, with the actions that wait for it."""
    found: dict[str, list[tuple[Article, Action]]] = {}
    for article, action in contract.actions():
        d = action.deadline
        if d is not None and d.form is DeadlineForm.RELATIVE and d.event is not None:
            found.setdefault(event_key(d.event, contract), []).append((article, action))
    return found


def find_action(contract: Contract, key: str) -> tuple[Article, Action]:
    """The action named `ARTICLE/ACTION` ("21/1.a"); FollowupError names the choices."""
    for article, action in contract.actions():
        if action_key(article, action) == key.strip():
            return article, action
    raise FollowupError(
        f"contract {contract.id} has no action {key!r}; name one as ARTICLE/ACTION, e.g. "
        f"'{_first_action(contract)}' (see 'pilotage actions list {contract.id}')"
    )


def _first_action(contract: Contract) -> str:
    for article, action in contract.actions():
        return action_key(article, action)
    return "11/1"


def find_mission(contract: Contract, code: str) -> ContinuousMission:
    for mission in contract.continuous_missions:
        if str(mission.code) == code.strip():
            return mission
    codes = ", ".join(str(m.code) for m in contract.continuous_missions) or "none"
    raise FollowupError(f"contract {contract.id} has no continuous mission {code!r}: {codes}")


def find_event(contract: Contract, query: str) -> str:
    """The event named by `query`: its exact text, an action key whose event it is, or a
    piece of its text that names one event only."""
    events = events_of(contract)
    wanted = query.strip()
    if wanted in events:
        return wanted
    for name, actions in events.items():
        if any(action_key(a, x) == wanted for a, x in actions):
            return name
    matches = [name for name in events if wanted.casefold() in name.casefold()]
    if len(matches) == 1:
        return matches[0]
    shown = {name: events[name] for name in matches} if len(matches) > 1 else events
    listing = "\n".join(
        f"  {', '.join(action_key(a, x) for a, x in acts)}: {name}" for name, acts in shown.items()
    )
    why = "names several events" if matches else "names no event"
    raise FollowupError(
        f"{query!r} {why} of contract {contract.id}; give the event's text, a piece of it, or "
        f"an action that waits for it:\n{listing}"
    )


def milestone_keys(followup: ActionFollowup | MissionFollowup) -> list[str]:
    return [m.key for m in followup.milestones]
