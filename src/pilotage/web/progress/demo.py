"""Demonstration progress: invented completions, events and mission deliveries, clearly labelled.

Every evidence text starts with "DEMONSTRATION:". The choice of what is done, on time or late,
is a fixed function of each milestone's key, so the same contract always gets the same
progress; rows that exist already are left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from pilotage.followup import Progress, events_of, follow_actions, follow_missions, today
from pilotage.web.progress.models import Completion, EventOccurrence, MissionDelivery
from pilotage.web.progress.recording import (
    contract_of,
    progress_for,
    record_completion,
    record_delivery,
    record_event,
    version_of,
)

__all__ = ["DEMO_PREFIX", "DemoProgress", "seed_demo_progress"]

DEMO_PREFIX = "DEMONSTRATION:"
_FAR = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class DemoProgress:
    contract_id: str
    events: int
    completions: int
    deliveries: int

    def __str__(self) -> str:
        return (
            f"{self.contract_id}: DEMONSTRATION progress recorded: {self.events} event(s), "
            f"{self.completions} completion(s), {self.deliveries} mission delivery(ies) "
            "(rows that existed already are kept)"
        )


def _draw(*parts: str) -> int:
    """A number 0-999 fixed by `parts`."""
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 1000


def _done_on(due: dt.date, *parts: str) -> dt.date | None:
    """About 6 in 10 on time, 2 in 10 late, 2 in 10 left open; never after today."""
    n = _draw(*parts)
    if n < 600:
        day = due - dt.timedelta(days=n % 45)
    elif n < 800:
        day = due + dt.timedelta(days=5 + n % 60)
    else:
        return None
    return day if day <= today() else None


def seed_demo_progress(contract_id: str = "inami-2013-2015") -> DemoProgress:
    """Record plausible DEMONSTRATION progress for a contract already in the web database."""
    with transaction.atomic():  # one commit, not one per row
        return _seed(contract_id)


def _seed(contract_id: str) -> DemoProgress:
    version = version_of(contract_id)
    contract = contract_of(version)
    scope = {"contract_id": contract_id, "institution": version.institution}
    events = 0
    start = contract.starts
    for name in events_of(contract):
        n = _draw(contract_id, "event", name)
        if n >= 700 or EventOccurrence.objects.filter(**scope, event=name).exists():
            continue  # about 3 in 10 events have not happened
        record_event(
            version,
            name,
            start + dt.timedelta(days=30 + n % 400),
            note=f"{DEMO_PREFIX} invented date, not a real publication or decision",
        )
        events += 1
    progress = progress_for(version)
    completions = 0
    existing = {(c.key, c.milestone) for c in Completion.objects.filter(**scope)}
    recorded = Counter(key for key, _ in existing)
    for f in follow_actions(contract, Progress(events=progress.events), _FAR):
        if recorded[f.key] >= len(f.milestones):
            continue  # all recorded, some perhaps under a deadline an amendment has since moved
        for m in f.milestones:
            on = _done_on(m.due, contract_id, f.key, m.key) if m.due else None
            if on is None or (f.key, m.key) in existing:
                continue
            evidence = (
                f"{DEMO_PREFIX} invented evidence for art. {f.article.number} action "
                f"{f.action.number} (milestone {m.key}); not a real document"
            )
            record_completion(version, f.key, m.key, on, evidence)
            completions += 1
    deliveries = 0
    delivered = {(d.mission, d.cycle) for d in MissionDelivery.objects.filter(**scope)}
    for mf in follow_missions(contract, Progress(), _FAR):
        for m in mf.milestones:
            on = _done_on(m.due, contract_id, mf.key, m.key) if m.due else None
            if on is None or (mf.key, m.key) in delivered:
                continue
            evidence = f"{DEMO_PREFIX} invented delivery of mission {mf.key} for {m.key}"
            record_delivery(version, mf.key, m.key, on, evidence)
            deliveries += 1
    return DemoProgress(contract_id, events, completions, deliveries)
