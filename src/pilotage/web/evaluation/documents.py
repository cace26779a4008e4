"""The documents of an evaluation: numbered versions of the draft and of the report, frozen
once sent (their content kept as sent), and the items as they read now."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from pilotage.errors import EvaluationError, EvaluationFrozenError
from pilotage.evaluation import (
    Assessment,
    DocumentStep,
    EvaluationDocument,
    Party,
    Position,
    ReportItem,
    document_from_json,
    document_to_json,
)
from pilotage.evaluation.draft import item_from_json
from pilotage.web.audit.record import record
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.actors import PARTY_FIELD, Actor, clocks_of, today
from pilotage.web.progress.recording import version_of

__all__ = [
    "document_of",
    "editable",
    "freeze",
    "latest_version",
    "report_items",
    "revise_document",
    "send_revision",
]

# --- document versions -------------------------------------------------------------------------


def latest_version(evaluation: m.Evaluation, kind: str, actor: Actor) -> m.DocumentVersion:
    """The latest version of `kind`, opening version 1 when there is none."""
    latest = evaluation.versions.filter(kind=kind).order_by("-number").first()
    if latest is None:
        latest = m.DocumentVersion.objects.create(
            evaluation=evaluation, kind=kind, number=1, opened_by=actor.user
        )
    return latest


def editable(evaluation: m.Evaluation, kind: str, actor: Actor) -> m.DocumentVersion:
    version = latest_version(evaluation, kind, actor)
    if version.sent_on is not None:
        label = m.DocumentKind(kind).label
        raise EvaluationFrozenError(
            f"the {label} of {evaluation.year}, version {version.number}, was sent on "
            f"{version.sent_on.isoformat()} and is frozen; to change it, open version "
            f"{version.number + 1} with a reason: pilotage evaluation revise "
            f"{evaluation.contract_id} {evaluation.year} {kind} --reason ... --as USERNAME"
        )
    return version


def freeze(evaluation: m.Evaluation, version: m.DocumentVersion, on: dt.date, actor: Actor) -> None:
    version.sent_on, version.sent_by = on, actor.user
    version.save()
    version.content = document_to_json(document_of(evaluation, version.kind, version.number))
    version.save(update_fields=["content"])


def revise_document(
    evaluation: m.Evaluation, kind: str, reason: str, actor: Actor
) -> m.DocumentVersion:
    """Open the next numbered version of a sent document, for `reason`."""
    if kind == m.DocumentKind.DRAFT or actor.party is not Party.STATE:
        actor.require_manager(f"open a new version of the {m.DocumentKind(kind).label}")
    if not reason.strip():
        raise EvaluationError("a new version needs its reason (--reason)")
    with transaction.atomic():
        latest = latest_version(evaluation, kind, actor)
        if latest.sent_on is None:
            raise EvaluationError(
                f"version {latest.number} of the {m.DocumentKind(kind).label} is not sent yet: "
                "change it as it is"
            )
        version = m.DocumentVersion.objects.create(
            evaluation=evaluation,
            kind=kind,
            number=latest.number + 1,
            reason=reason.strip(),
            opened_by=actor.user,
        )
        record(
            "evaluation.revise",
            evaluation,
            who=actor.user,
            after={"document": kind, "version": version.number, "reason": version.reason},
        )
    return version


def send_revision(
    evaluation: m.Evaluation, kind: str, on: dt.date, actor: Actor
) -> m.DocumentVersion:
    """Send (and freeze) a version after the first; the first is sent by its step."""
    actor.require_manager("send a document")
    with transaction.atomic():
        version = editable(evaluation, kind, actor)
        previous = evaluation.versions.filter(kind=kind, number=version.number - 1).first()
        if previous is None:
            step = "draft_sent" if kind == m.DocumentKind.DRAFT else "report_sent"
            raise EvaluationError(
                f"version 1 is sent by its step: pilotage evaluation step "
                f"{evaluation.contract_id} {evaluation.year} {step} --on DAY"
            )
        assert previous.sent_on is not None
        if on < previous.sent_on or on > today():
            raise EvaluationError(
                f"version {version.number} sent on {on.isoformat()}: it comes after version "
                f"{previous.number} ({previous.sent_on.isoformat()}) and not in the future"
            )
        freeze(evaluation, version, on, actor)
        record(
            "evaluation.send",
            evaluation,
            who=actor.user,
            after={"document": kind, "version": version.number, "on": on.isoformat()},
        )
    return version


# --- reading -----------------------------------------------------------------------------------


def _position(item: m.Item, party: Party) -> Position | None:
    field = PARTY_FIELD[party]
    assessment = getattr(item, f"{field}_assessment")
    if not assessment:
        return None
    by = getattr(item, f"{field}_by")
    at = getattr(item, f"{field}_at")
    return Position(
        party,
        Assessment(assessment),
        getattr(item, f"{field}_motivation"),
        by.get_username() if by else "",
        at.isoformat() if at else "",
    )


def report_items(evaluation: m.Evaluation) -> list[ReportItem]:
    """The items as they stand now (the version being written)."""
    rows = evaluation.items.select_related("institution_by", "commissioners_by").order_by("order")
    return [
        ReportItem(
            item_from_json(row.content),
            row.narrative,
            _position(row, Party.INSTITUTION),
            _position(row, Party.STATE),
        )
        for row in rows
    ]


def document_of(
    evaluation: m.Evaluation, kind: str, number: int | None = None
) -> EvaluationDocument:
    """A version of the draft or the report: as sent when sent, else as it stands now."""
    versions = evaluation.versions.filter(kind=kind).order_by("-number")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise EvaluationError(
            f"the {m.DocumentKind(kind).label} of {evaluation.year} has no version {number or 1}"
        )
    if version.content is not None:
        return document_from_json(version.content)
    contract_version = version_of(evaluation.contract_id)
    steps = evaluation.steps.select_related("by").order_by("on", "pk")
    return EvaluationDocument(
        contract_id=evaluation.contract_id,
        contract_title=contract_version.title,
        institution=evaluation.institution.code,
        year=evaluation.year,
        kind=kind,
        version=version.number,
        reason=version.reason,
        sent_on=version.sent_on.isoformat() if version.sent_on else None,
        state=evaluation.state,
        clocks=tuple(c.as_dict() for c in clocks_of(evaluation)),
        steps=tuple(
            DocumentStep(s.step, s.on.isoformat(), s.by.get_username() if s.by else "")
            for s in steps
        ),
        items=tuple(report_items(evaluation)),
        demo=evaluation.demo,
    )
