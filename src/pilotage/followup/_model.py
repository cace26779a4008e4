"""What is followed and where it stands: statuses, recorded progress, milestone states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pilotage.contract import Action, Article, ContinuousMission, Contract, Deadline, LocalText

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
    Status.WAITING_EVENT: "◷",  # a clock: waiting; in the default fonts (DejaVu)
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
