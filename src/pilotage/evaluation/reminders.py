"""Reminders: every clock due within N days or late, for a digest per person.

The clocks are the evaluation steps (draft, meeting, report), the decisions awaited on
adaptation requests, the milestones of action-commitments and the occurrences of continuous
missions (`pilotage.followup.upcoming`). A reminder is named by its `ident`, so a digest sent
today is not sent again today (the web application records what it sent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pilotage.evaluation.calendar import Clock, ClockStatus
from pilotage.followup import UpcomingDeadline

__all__ = ["Reminder", "ReminderKind", "clock_reminders", "followup_reminders"]


class ReminderKind(StrEnum):
    EVALUATION = "evaluation"  # a step of the annual evaluation
    ADAPTATION = "adaptation"  # the minister's decision on an adaptation request
    ACTION = "action"  # a milestone of an action-commitment
    MISSION = "mission"  # an occurrence of a continuous mission


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    contract_id: str
    key: str  # "2014/meeting_held", "request 3", "11/2 [2014-12-31]", "36.1 [2014]"
    title: str
    due: dt.date
    today: dt.date

    @property
    def late(self) -> bool:
        return self.due < self.today

    @property
    def days(self) -> int:
        """Days left (0 today), or days late when negative."""
        return (self.due - self.today).days

    @property
    def ident(self) -> str:
        return f"{self.contract_id}|{self.kind.value}|{self.key}|{self.due.isoformat()}"

    def line(self) -> str:
        when = f"late by {-self.days} day(s)" if self.late else f"{self.days} day(s) left"
        return f"{self.due.isoformat()}  {when:<20} {self.kind.value:<10} {self.key}: {self.title}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "contract_id": self.contract_id,
            "key": self.key,
            "title": self.title,
            "due": self.due.isoformat(),
            "late": self.late,
            "days": self.days,
        }


def _wanted(due: dt.date, today: dt.date, within_days: int) -> bool:
    return due <= today + dt.timedelta(days=within_days)


def clock_reminders(
    contract_id: str,
    kind: ReminderKind,
    clocks: Iterable[tuple[str, str, Clock]],
    within_days: int,
) -> list[Reminder]:
    """The open clocks (key, title, clock) due within `within_days` or overdue."""
    found = []
    for key, title, c in clocks:
        if c.due is None or c.status not in (ClockStatus.DUE, ClockStatus.OVERDUE):
            continue
        if _wanted(c.due, c.today, within_days):
            found.append(Reminder(kind, contract_id, key, title, c.due, c.today))
    return found


def followup_reminders(
    contract_id: str,
    upcoming: Sequence[UpcomingDeadline],
    language: str,
    today: dt.date,
) -> list[Reminder]:
    """Reminders for the milestones `pilotage.followup.upcoming` found (overdue included)."""
    found = []
    for u in upcoming:
        if u.milestone.due is None:
            continue
        kind = ReminderKind.ACTION if u.kind == "action" else ReminderKind.MISSION
        title = u.title.text(language)
        found.append(
            Reminder(
                kind, contract_id, f"{u.key} [{u.milestone.key}]", title, u.milestone.due, today
            )
        )
    return found
