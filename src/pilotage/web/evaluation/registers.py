"""The registers of the contract's life: art. 50 measures decided after signature (with the
objectives they neutralise), art. 51 notices (acknowledged, escalated in art. 51's order) and
art. 48 concertation meetings. Nothing is deleted; every entry is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from pilotage.errors import EvaluationError, EvaluationPartyError
from pilotage.evaluation import (
    Art50Entry,
    Art51Notice,
    Art51Stage,
    MeasureSource,
    Party,
    check_art50,
    check_art51_stage,
)
from pilotage.web.accounts.models import Institution
from pilotage.web.audit.record import record
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.changes import next_number
from pilotage.web.evaluation.services import Actor, today
from pilotage.web.progress.recording import contract_of, version_of

__all__ = [
    "Art50Input",
    "advance_notice",
    "art50_entries",
    "art51_notices",
    "give_notice",
    "record_art50",
    "record_meeting",
]

# --- art. 50 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Art50Input:
    decided_on: dt.date
    source: MeasureSource
    description: str
    objectives: tuple[str, ...]
    communicated_on: dt.date | None = None
    effect_cases: int | None = None
    effect_fte: Decimal | None = None
    effect_days: int | None = None
    proposed_for_weighing: bool = True
    neutralise_from: dt.date | None = None
    neutralise_to: dt.date | None = None


def _art50_core(row: m.Art50Entry) -> Art50Entry:
    return Art50Entry(
        row.number,
        row.decided_on,
        MeasureSource(row.source),
        row.description,
        tuple(row.objectives),
        row.communicated_on,
        row.effect_cases,
        float(row.effect_fte) if row.effect_fte is not None else None,
        row.effect_days,
        row.proposed_for_weighing,
        row.neutralise_from,
        row.neutralise_to,
    )


def art50_entries(contract_id: str, institution: Institution) -> list[Art50Entry]:
    rows = m.Art50Entry.objects.filter(contract_id=contract_id, institution=institution)
    return [_art50_core(r) for r in rows.order_by("number")]


def record_art50(
    contract_id: str, data: Art50Input, actor: Actor, *, demo: bool = False
) -> m.Art50Entry:
    actor.require_manager("record an art. 50 measure")
    version = version_of(contract_id)
    contract = contract_of(version)
    number = next_number(m.Art50Entry, contract_id, version.institution)
    entry = Art50Entry(
        number,
        data.decided_on,
        data.source,
        data.description.strip(),
        tuple(c.strip() for c in data.objectives if c.strip()),
        data.communicated_on,
        data.effect_cases,
        float(data.effect_fte) if data.effect_fte is not None else None,
        data.effect_days,
        data.proposed_for_weighing,
        data.neutralise_from,
        data.neutralise_to,
    )
    if not entry.description:
        raise EvaluationError("an art. 50 entry describes the measure")
    check_art50(entry, contract.signed_on, today())
    with transaction.atomic():
        row = m.Art50Entry.objects.create(
            contract_id=contract_id,
            institution=version.institution,
            number=number,
            decided_on=entry.decided_on,
            source=entry.source.value,
            description=entry.description,
            objectives=list(entry.objectives),
            effect_cases=data.effect_cases,
            effect_fte=data.effect_fte,
            effect_days=data.effect_days,
            communicated_on=entry.communicated_on,
            proposed_for_weighing=entry.proposed_for_weighing,
            neutralise_from=entry.neutralise_from,
            neutralise_to=entry.neutralise_to,
            recorded_by=actor.user,
            demo=demo,
        )
        record(
            "art50.record",
            row,
            who=actor.user,
            institution=version.institution,
            after=entry.as_dict(),
        )
    return row


# --- art. 51 -----------------------------------------------------------------------------------


def _art51_core(row: m.Art51Notice) -> Art51Notice:
    return Art51Notice(
        row.number,
        Party(row.party),
        row.given_on,
        row.subject,
        row.reason,
        Art51Stage(row.stage),
        dict(row.stages),
        row.acknowledged_on,
        row.remedial_measures,
        row.management_committee_opinion_on,
        row.college_opinion_on,
    )


def art51_notices(contract_id: str, institution: Institution) -> list[Art51Notice]:
    rows = m.Art51Notice.objects.filter(contract_id=contract_id, institution=institution)
    return [_art51_core(r) for r in rows.order_by("number")]


def _party(actor: Actor, what: str) -> Party:
    if actor.party is None:
        raise EvaluationPartyError(
            f"{actor.name} ({actor.role}) may not {what}: a party to the contract does (the "
            "contract manager for the institution, a government commissioner for the State)"
        )
    return actor.party


def give_notice(
    contract_id: str,
    subject: str,
    reason: str,
    given_on: dt.date,
    actor: Actor,
    *,
    demo: bool = False,
) -> m.Art51Notice:
    """Inform the other party that a commitment cannot be kept (for the actor's party)."""
    party = _party(actor, "give an art. 51 notice")
    version = version_of(contract_id)
    if not subject.strip() or not reason.strip():
        raise EvaluationError("an art. 51 notice names the objective or action and says why")
    if given_on > today():
        raise EvaluationError(f"notice given on {given_on.isoformat()} is in the future")
    with transaction.atomic():
        row = m.Art51Notice.objects.create(
            contract_id=contract_id,
            institution=version.institution,
            number=next_number(m.Art51Notice, contract_id, version.institution),
            party=party.value,
            given_on=given_on,
            given_by=actor.user,
            subject=subject.strip(),
            reason=reason.strip(),
            stages={Art51Stage.NOTIFIED.value: given_on.isoformat()},
            demo=demo,
        )
        record(
            "art51.give",
            row,
            who=actor.user,
            institution=version.institution,
            after=_art51_core(row).as_dict(),
        )
    return row


def advance_notice(
    row: m.Art51Notice,
    stage: Art51Stage,
    on: dt.date,
    actor: Actor,
    *,
    measures: str = "",
    management_committee_opinion_on: dt.date | None = None,
    college_opinion_on: dt.date | None = None,
) -> m.Art51Notice:
    """Acknowledge, agree measures, escalate or close an art. 51 notice, in art. 51's order."""
    party = _party(actor, "move an art. 51 notice on")
    with transaction.atomic():
        row = m.Art51Notice.objects.select_for_update().get(pk=row.pk)
        before = _art51_core(row)
        if measures.strip():
            row.remedial_measures = measures.strip()
        row.management_committee_opinion_on = (
            management_committee_opinion_on or row.management_committee_opinion_on
        )
        row.college_opinion_on = college_opinion_on or row.college_opinion_on
        check_art51_stage(_art51_core(row), stage, on, party, today())
        row.stage = stage.value
        row.stages = {**row.stages, stage.value: on.isoformat()}
        if stage is Art51Stage.ACKNOWLEDGED:
            row.acknowledged_on, row.acknowledged_by = on, actor.user
        row.save()
        record(
            "art51." + stage.value,
            row,
            who=actor.user,
            institution=row.institution,
            before=before.as_dict(),
            after=_art51_core(row).as_dict(),
        )
    return row


# --- art. 48 -----------------------------------------------------------------------------------


def record_meeting(
    contract_id: str,
    held_on: dt.date,
    subject: str,
    participants: str,
    decisions: str,
    actor: Actor,
    *,
    demo: bool = False,
) -> m.ConcertationMeeting:
    _party(actor, "record an art. 48 concertation meeting")
    version = version_of(contract_id)
    if held_on > today():
        raise EvaluationError(f"a meeting on {held_on.isoformat()} has not been held yet")
    if not subject.strip() or not participants.strip():
        raise EvaluationError("an art. 48 meeting has a subject and its participants")
    with transaction.atomic():
        row = m.ConcertationMeeting.objects.create(
            contract_id=contract_id,
            institution=version.institution,
            held_on=held_on,
            subject=subject.strip(),
            participants=participants.strip(),
            decisions=decisions.strip(),
            recorded_by=actor.user,
            demo=demo,
        )
        record(
            "art48.record",
            row,
            who=actor.user,
            institution=version.institution,
            after={
                "held_on": held_on.isoformat(),
                "subject": row.subject,
                "participants": row.participants,
                "decisions": row.decisions,
            },
        )
    return row
