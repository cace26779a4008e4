"""The legal calendar of an annual evaluation (INAMI art. 49) and the steps that follow it.

The states of an evaluation of year N, in their only order:

    in preparation -> draft sent -> meeting held -> report sent -> closed

Each step is dated; a step cannot be skipped, dated before the step it follows, or dated in the
future. The clocks are computed with `pilotage.legaltime`, from the contract's evaluation rules
(`Contract.evaluation`, INAMI: 15 "jours ouvrables", Monday-Saturday minus the legal holidays,
counted under the Judicial Code, art. 52-54: the day of the event not counted, a last day on a
Saturday, Sunday or holiday moving to the next working day):

- draft: due on 31 March N+1 (a fixed day: it does not move);
- meeting: within 15 working days of the draft's actual sending;
- report: within 15 working days of the meeting's actual date.

The parties may agree a calendar of their own (art. 49, first paragraph): an earlier draft day
and shorter delays, never longer ones (`AgreedCalendar.check`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pilotage.contract import Contract, EvaluationRules, Offset
from pilotage.errors import EvaluationOrderError
from pilotage.legaltime import (
    DEFAULT_CALENDAR,
    DayKind,
    DeadlineAnswer,
    Rule,
    deadline,
    fixed_day_in,
    get_calendar,
)

__all__ = [
    "STEPS",
    "AgreedCalendar",
    "Clock",
    "ClockStatus",
    "LegalCalendar",
    "State",
    "Step",
    "check_step",
    "clock",
    "evaluation_clocks",
    "next_step",
    "state_after",
]


class Step(StrEnum):
    """A dated step of the evaluation."""

    DRAFT_SENT = "draft_sent"  # the draft evaluation sent to the government commissioners
    MEETING_HELD = "meeting_held"  # the consultation meeting (art. 47)
    REPORT_SENT = "report_sent"  # the contradictory and motivated report sent
    CLOSED = "closed"


class State(StrEnum):
    IN_PREPARATION = "in_preparation"
    DRAFT_SENT = "draft_sent"
    MEETING_HELD = "meeting_held"
    REPORT_SENT = "report_sent"
    CLOSED = "closed"


STEPS = (Step.DRAFT_SENT, Step.MEETING_HELD, Step.REPORT_SENT, Step.CLOSED)
_STATE_AFTER = {
    Step.DRAFT_SENT: State.DRAFT_SENT,
    Step.MEETING_HELD: State.MEETING_HELD,
    Step.REPORT_SENT: State.REPORT_SENT,
    Step.CLOSED: State.CLOSED,
}


def state_after(steps: Mapping[Step, dt.date]) -> State:
    """The state once `steps` are done (they are always a prefix of STEPS)."""
    state = State.IN_PREPARATION
    for step in STEPS:
        if step not in steps:
            break
        state = _STATE_AFTER[step]
    return state


def next_step(state: State) -> Step | None:
    """The only step that may come next, or None once closed."""
    done = list(_STATE_AFTER.values()).index(state) + 1 if state is not State.IN_PREPARATION else 0
    return STEPS[done] if done < len(STEPS) else None


def check_step(steps: Mapping[Step, dt.date], step: Step, on: dt.date, today: dt.date) -> State:
    """The state after doing `step` on `on`; EvaluationOrderError naming why it is refused."""
    state = state_after(steps)
    expected = next_step(state)
    if expected is None:
        raise EvaluationOrderError(
            f"the evaluation is closed ({steps[Step.CLOSED].isoformat()}): no step comes after"
        )
    if step is not expected:
        if step in steps:
            raise EvaluationOrderError(
                f"step {step.value} was already done on {steps[step].isoformat()}; "
                f"the next step is {expected.value}"
            )
        raise EvaluationOrderError(
            f"step {step.value} cannot be done now: the evaluation is {state.value}, so the "
            f"next step is {expected.value} (no step is skipped)"
        )
    if on > today:
        raise EvaluationOrderError(
            f"{step.value} on {on.isoformat()} is in the future (today is {today.isoformat()}); "
            "record a step once it happened"
        )
    index = STEPS.index(step)
    if index:
        before = STEPS[index - 1]
        if on < steps[before]:
            raise EvaluationOrderError(
                f"{step.value} on {on.isoformat()} is before {before.value} on "
                f"{steps[before].isoformat()}: a step is never dated before the one it follows"
            )
    return _STATE_AFTER[step]


def _rule(offset: Offset, calendar: str) -> Rule:
    return Rule(offset.unit, value=offset.value, calendar=calendar)


@dataclass(frozen=True)
class AgreedCalendar:
    """A calendar the institution and the commissioners agreed (art. 49, first paragraph)."""

    draft_due: dt.date
    meeting_within: int  # working days of the contract's kind after the draft's sending
    report_within: int  # working days after the meeting
    agreed_on: dt.date
    note: str = ""

    def check(self, legal: LegalCalendar, year: int) -> None:
        """EvaluationOrderError when a delay is longer than art. 49 allows."""
        problems = []
        latest = legal.draft_due(year)
        if self.draft_due > latest:
            problems.append(
                f"draft due {self.draft_due.isoformat()} is after the legal latest day "
                f"{latest.isoformat()}"
            )
        if self.draft_due <= dt.date(year, 12, 31):
            problems.append(
                f"draft due {self.draft_due.isoformat()} is not after the year evaluated ({year})"
            )
        for name, days, offset in (
            ("meeting", self.meeting_within, legal.rules.consultation_within),
            ("report", self.report_within, legal.rules.report_within),
        ):
            if days < 0 or days > offset.value:
                problems.append(
                    f"{name} within {days} working days is more than the {offset.value} that "
                    "art. 49 allows"
                    if days >= 0
                    else f"{name} within {days} working days is not a delay"
                )
        if problems:
            raise EvaluationOrderError(
                "agreed calendar refused: "
                + "; ".join(problems)
                + " (art. 49: the parties' calendar may not exceed these delays)"
            )

    def as_dict(self) -> dict[str, Any]:
        return {
            "draft_due": self.draft_due.isoformat(),
            "meeting_within": self.meeting_within,
            "report_within": self.report_within,
            "agreed_on": self.agreed_on.isoformat(),
            "note": self.note,
        }


@dataclass(frozen=True)
class LegalCalendar:
    """The art. 49 maxima of a contract's evaluation rules, on one holiday calendar."""

    rules: EvaluationRules
    calendar: str = DEFAULT_CALENDAR
    agreed: AgreedCalendar | None = None

    @classmethod
    def of(
        cls,
        contract: Contract,
        calendar: str = DEFAULT_CALENDAR,
        agreed: AgreedCalendar | None = None,
    ) -> LegalCalendar:
        return cls(contract.evaluation or EvaluationRules(), calendar, agreed)

    def draft_due(self, year: int) -> dt.date:
        """The last day to send the draft evaluation of `year` (31 March of the next year)."""
        if self.agreed is not None:
            return self.agreed.draft_due
        return fixed_day_in(year + 1, self.rules.draft_due_month, self.rules.draft_due_day)

    def _offset(self, offset: Offset, agreed_days: int | None) -> Offset:
        if agreed_days is None:
            return offset
        return Offset(value=agreed_days, unit=offset.unit)

    def meeting_due(self, draft_sent: dt.date) -> DeadlineAnswer:
        days = self.agreed.meeting_within if self.agreed else None
        offset = self._offset(self.rules.consultation_within, days)
        return deadline(draft_sent, _rule(offset, self.calendar))

    def report_due(self, meeting_held: dt.date) -> DeadlineAnswer:
        days = self.agreed.report_within if self.agreed else None
        offset = self._offset(self.rules.report_within, days)
        return deadline(meeting_held, _rule(offset, self.calendar))

    def decision_due(self, sent: dt.date) -> DeadlineAnswer:
        """The minister's last day to decide an adaptation sent on `sent` (art. 42)."""
        return deadline(sent, _rule(self.rules.adaptation_decision_within, self.calendar))


class ClockStatus(StrEnum):
    MET = "met"  # done on or before its due date
    LATE = "late"  # done after its due date
    DUE = "due"  # not done, due today or later
    OVERDUE = "overdue"  # not done, its due date has passed
    WAITING = "waiting"  # its due date depends on a step not done yet


@dataclass(frozen=True)
class Clock:
    """One legal deadline: due date, days left, met or late and how late."""

    name: str  # a Step value, or "decision" for an adaptation request
    due: dt.date | None
    done_on: dt.date | None
    today: dt.date
    basis: str  # how the due date was reached, in English (the CLI, JSON)
    # The same, as data a page or a pack words in its reader's language (`counted_as`).
    counted: Mapping[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> ClockStatus:
        if self.due is None:
            return ClockStatus.WAITING
        if self.done_on is not None:
            return ClockStatus.MET if self.done_on <= self.due else ClockStatus.LATE
        return ClockStatus.DUE if self.today <= self.due else ClockStatus.OVERDUE

    @property
    def days_left(self) -> int | None:
        """Calendar days from today to the due date (negative once passed); None when done."""
        if self.due is None or self.done_on is not None:
            return None
        return (self.due - self.today).days

    @property
    def late_by(self) -> int:
        """Calendar days after the due date it was done, or has been waiting; 0 when not late."""
        if self.due is None:
            return 0
        end = self.done_on or self.today
        return max(0, (end - self.due).days)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "due": self.due.isoformat() if self.due else None,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "status": self.status.value,
            "days_left": self.days_left,
            "late_by": self.late_by,
            "basis": self.basis,
            "counted": dict(self.counted),
        }


_WEEK = {DayKind.MON_SAT: 6, DayKind.MON_FRI: 5}


def counted_as(answer: DeadlineAnswer) -> dict[str, Any]:
    """How a counted due date was reached, as data: the count, its kind of day, the day it
    counts from (not counted itself), the days off inside the count that were not counted, the
    last day by the count and, when that is a day off, the days the due date moved over."""
    rule, kind = answer.rule, answer.rule.day_kind
    calendar = rule.calendar if not isinstance(rule.calendar, str) else get_calendar(rule.calendar)
    not_counted = []
    if kind in _WEEK:
        day = answer.start + dt.timedelta(days=1)
        while day <= answer.counted:
            off = calendar.holiday(day)
            if off is not None and day.weekday() < _WEEK[kind]:
                not_counted.append([day.isoformat(), off.fr, off.nl])
            day += dt.timedelta(days=1)
    moved = []
    for day in answer.skipped:
        off = calendar.holiday(day)
        moved.append([day.isoformat(), off.fr if off else "", off.nl if off else ""])
    return {
        "kind": "counted",
        "count": rule.value,
        "unit": rule.unit.value,
        "from": answer.start.isoformat(),
        "counted": answer.counted.isoformat(),
        "day": answer.day.isoformat(),
        "not_counted": not_counted,
        "moved_over": moved,
    }


def clock(
    name: str, due: DeadlineAnswer | dt.date | None, done_on: dt.date | None, today: dt.date
) -> Clock:
    if isinstance(due, DeadlineAnswer):
        return Clock(name, due.day, done_on, today, due.explanation, counted_as(due))
    if due is None:
        return Clock(name, None, done_on, today, "", {"kind": "waiting"})
    return Clock(name, due, done_on, today, "as given", {"kind": "given"})


def evaluation_clocks(
    legal: LegalCalendar, year: int, steps: Mapping[Step, dt.date], today: dt.date
) -> list[Clock]:
    """The three clocks of the evaluation of `year`: draft, meeting, report."""
    draft_due = legal.draft_due(year)
    basis = (
        f"agreed calendar of {legal.agreed.agreed_on.isoformat()}: draft by {draft_due.isoformat()}"
        if legal.agreed
        else f"art. 49: the draft of {year} by {draft_due.isoformat()} (a fixed day, not moved)"
    )
    counted: dict[str, Any] = (
        {"kind": "agreed", "agreed_on": legal.agreed.agreed_on.isoformat()}
        if legal.agreed
        else {"kind": "fixed", "year": year}
    )
    counted["day"] = draft_due.isoformat()
    sent, held = steps.get(Step.DRAFT_SENT), steps.get(Step.MEETING_HELD)
    return [
        Clock(Step.DRAFT_SENT.value, draft_due, sent, today, basis, counted),
        clock(Step.MEETING_HELD.value, legal.meeting_due(sent) if sent else None, held, today),
        clock(
            Step.REPORT_SENT.value,
            legal.report_due(held) if held else None,
            steps.get(Step.REPORT_SENT),
            today,
        ),
    ]
