"""Record progress (completions, events, mission deliveries) with its audit entry, and read it
back as the core's `Progress`: the one place the views, the command line and the
demonstration data write through."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import models, transaction

from pilotage.contract import Article, ContinuousMission, Contract
from pilotage.followup import (
    ActionFollowup,
    FollowupError,
    MissionFollowup,
    Progress,
    find_action,
    find_event,
    find_mission,
    follow_action,
    follow_mission,
    today,
)
from pilotage.followup import Completion as CoreCompletion
from pilotage.web.accounts.access import User, acting
from pilotage.web.audit.record import record
from pilotage.web.catalogue.loading import latest
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.progress.models import Completion, EventOccurrence, MissionDelivery

__all__ = [
    "action_codes",
    "contract_of",
    "mission_codes",
    "progress_for",
    "record_completion",
    "record_delivery",
    "record_event",
    "version_of",
]

_ANY_DAY = dt.date(9999, 12, 31)  # as-of for the milestones that can ever exist


def version_of(contract_id: str) -> ContractVersion:
    """The latest version of a contract in the catalogue; FollowupError when there is none."""
    version = latest(contract_id)
    if version is None:
        raise FollowupError(
            f"no contract {contract_id!r} in the web database; load it first: "
            "pilotage web migrate && pilotage web load-seeds"
        )
    return version


def action_codes(article: Article) -> tuple[str | None, ...]:
    """The codes a service owner may be granted for an action: article, parent, domain."""
    return (
        str(article.number),
        str(article.parent) if article.parent else None,
        str(article.domain) if article.domain else None,
    )


def mission_codes(mission: ContinuousMission) -> tuple[str | None, ...]:
    """The codes for a mission: its code ("36.4"), its article ("36") and its service."""
    code = str(mission.code)
    return (code, code.split(".")[0], mission.service)


@functools.lru_cache(maxsize=16)
def _parsed(pk: int, sha256: str) -> Contract:
    version: ContractVersion = ContractVersion.objects.get(pk=pk)
    return version.contract()


def contract_of(version: ContractVersion) -> Contract:
    """The version's contract, parsed once per process (a stored version never changes: its
    content is named by its SHA-256). Read it, do not modify it."""
    return _parsed(version.pk, version.sha256)


def _events(version: ContractVersion) -> dict[str, dt.date]:
    rows = EventOccurrence.objects.filter(
        contract_id=version.contract_id, institution=version.institution
    )
    return {e.event: e.occurred_on for e in rows}


def _progress_to_pick(version: ContractVersion, wanted: str | None) -> Progress:
    """What choosing a milestone needs: the events, and the completions only for a default."""
    return progress_for(version) if wanted is None else Progress(events=_events(version))


def progress_for(version: ContractVersion) -> Progress:
    """Everything recorded for the contract of `version` in its institution."""
    scope = {"contract_id": version.contract_id, "institution": version.institution}
    completions: dict[str, dict[str, CoreCompletion]] = {}
    for c in Completion.objects.filter(**scope):
        completions.setdefault(c.key, {})[c.milestone] = CoreCompletion(c.completed_on, c.evidence)
    deliveries: dict[str, dict[str, CoreCompletion]] = {}
    for d in MissionDelivery.objects.filter(**scope):
        deliveries.setdefault(d.mission, {})[d.cycle] = CoreCompletion(d.delivered_on, d.evidence)
    return Progress(completions=completions, events=_events(version), deliveries=deliveries)


def _snapshot(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif hasattr(value, "name"):  # a file field
            value = value.name or ""
        out[name] = value
    by = getattr(obj, "recorded_by", None)
    out["recorded_by"] = str(by) if by else None
    return out


def _not_future(day: dt.date, what: str) -> None:
    if day > today():
        raise FollowupError(
            f"{what} {day.isoformat()} is in the future; record it once it happened"
        )


def _link(url: str) -> str:
    clean = url.strip()
    if clean:
        try:
            URLValidator(schemes=["http", "https"])(clean)
        except ValidationError:
            raise FollowupError(f"{clean!r} is not a web address (https://...)") from None
    return clean


def _evidence(text: str) -> str:
    clean = text.strip()
    if not clean:
        raise FollowupError("evidence is required: say what shows it was done")
    return clean


_COMPLETION_FIELDS = ("milestone", "completed_on", "evidence", "evidence_link", "evidence_file")
_DELIVERY_FIELDS = ("cycle", "delivered_on", "evidence", "evidence_link", "evidence_file")
_EVENT_FIELDS = ("event", "occurred_on", "note")

Model = type[Completion] | type[EventOccurrence] | type[MissionDelivery]


def _store(
    model: Model,
    lookup: dict[str, Any],
    values: dict[str, Any],
    fields: tuple[str, ...],
    verbs: tuple[str, str],
    who: User | None,
) -> tuple[Any, bool]:
    """Create or update the row `lookup` names, with one audit entry of its before and after."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(**lookup).first()
        created = row is None
        before = None if row is None else _snapshot(row, fields)
        if row is None:
            row = model(**lookup)
        for name, value in values.items():
            if value is not None:
                setattr(row, name, value)
        row.recorded_by = acting(who)
        row.save()
        verb = verbs[0] if created else verbs[1]
        record(verb, row, who=who, before=before, after=_snapshot(row, fields))
    return row, created


def _pick(followup: ActionFollowup | MissionFollowup, wanted: str | None, what: str) -> str:
    """The milestone `wanted`, or by default the first not done yet (else the first)."""
    keys = [m.key for m in followup.milestones]
    if not keys:
        raise FollowupError(f"{what} has no due date within the contract to record against")
    if wanted is None:
        open_keys = [m.key for m in followup.milestones if not m.status.done]
        return (open_keys or keys)[0]
    if wanted not in keys:
        raise FollowupError(
            f"{what} has no milestone {wanted!r}; its milestones: {', '.join(keys)}"
        )
    return wanted


def record_completion(
    version: ContractVersion,
    key: str,
    milestone: str | None,
    completed_on: dt.date,
    evidence: str,
    *,
    link: str = "",
    file: UploadedFile | None = None,
    who: User | None = None,
) -> tuple[Completion, bool]:
    """Record (or correct) the completion of one milestone of action `key` ("21/1.a").

    `milestone` None means the action's first milestone not done yet (or its first).
    Returns the row and whether it is new; the audit trail gets its state before and after.
    """
    contract = contract_of(version)
    article, action = find_action(contract, key)
    progress = _progress_to_pick(version, milestone)
    followup = follow_action(contract, article, action, progress, _ANY_DAY)
    milestone = _pick(followup, milestone, f"action {key}")
    _not_future(completed_on, "completion date")
    lookup = {
        "contract_id": version.contract_id,
        "institution": version.institution,
        "article": str(article.number),
        "action": str(action.number),
        "milestone": milestone,
    }
    values = {
        "completed_on": completed_on,
        "evidence": _evidence(evidence),
        "evidence_link": _link(link),
        "evidence_file": file,
    }
    verbs = ("action.complete", "action.correct")
    row: Completion
    row, created = _store(Completion, lookup, values, _COMPLETION_FIELDS, verbs, who)
    return row, created


def record_event(
    version: ContractVersion,
    event: str,
    occurred_on: dt.date,
    *,
    note: str = "",
    who: User | None = None,
) -> tuple[EventOccurrence, bool]:
    """Record (or correct) the day an event happened; `event` is resolved by `find_event`."""
    name = find_event(contract_of(version), event)
    _not_future(occurred_on, "event date")
    lookup = {"contract_id": version.contract_id, "institution": version.institution}
    values = {"occurred_on": occurred_on, "note": note.strip()}
    verbs = ("event.record", "event.correct")
    row: EventOccurrence
    row, created = _store(
        EventOccurrence, {**lookup, "event": name}, values, _EVENT_FIELDS, verbs, who
    )
    return row, created


def record_delivery(
    version: ContractVersion,
    code: str,
    cycle: str | None,
    delivered_on: dt.date,
    evidence: str,
    *,
    link: str = "",
    file: UploadedFile | None = None,
    who: User | None = None,
) -> tuple[MissionDelivery, bool]:
    """Record (or correct) the delivery of one cycle of continuous mission `code`."""
    contract = contract_of(version)
    mission = find_mission(contract, code)
    followup = follow_mission(contract, mission, _progress_to_pick(version, cycle), _ANY_DAY)
    cycle = _pick(followup, cycle, f"mission {code}")
    _not_future(delivered_on, "delivery date")
    lookup = {
        "contract_id": version.contract_id,
        "institution": version.institution,
        "mission": str(mission.code),
        "cycle": cycle,
    }
    values = {
        "delivered_on": delivered_on,
        "evidence": _evidence(evidence),
        "evidence_link": _link(link),
        "evidence_file": file,
    }
    verbs = ("mission.deliver", "mission.correct")
    row: MissionDelivery
    row, created = _store(MissionDelivery, lookup, values, _DELIVERY_FIELDS, verbs, who)
    return row, created
