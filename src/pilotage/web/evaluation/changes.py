"""Changes during the contract: adaptation requests (art. 42-44).

An approved request, or one deemed approved once the minister's 30 working days have run
(`settle_requests`, called by the pages, the reminders and the command line), is consolidated
into the contract: a new catalogue version of the same contract id, whose provenance names the
request. Rejected and withdrawn requests stay in the register.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from pilotage.contract import Change, Contract
from pilotage.errors import AdaptationError, EvaluationPartyError
from pilotage.evaluation import (
    AdaptationState,
    LegalCalendar,
    check_amendment,
    check_decision,
    check_withdrawal,
    decision_clock,
)
from pilotage.web.accounts.models import Institution
from pilotage.web.audit.record import record
from pilotage.web.catalogue.loading import check_contract_text, store_contract
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.services import Actor, today
from pilotage.web.progress.recording import contract_of, version_of

__all__ = [
    "create_request",
    "decide_request",
    "next_number",
    "request_changes",
    "request_of",
    "send_request",
    "settle_requests",
    "withdraw_request",
]


def next_number(model: Any, contract_id: str, institution: Institution) -> int:
    found = model.objects.filter(contract_id=contract_id, institution=institution).aggregate(
        top=Max("number")
    )["top"]
    return int(found or 0) + 1


def _legal(contract: Contract) -> LegalCalendar:
    return LegalCalendar.of(contract)


# --- adaptation requests -----------------------------------------------------------------------


def _amendment(text: str, base: Contract, number: int) -> tuple[Contract, list[Change]]:
    amendment = check_contract_text(text, f"amendment draft of adaptation request no. {number}")
    return check_amendment(base, amendment)


def request_of(contract_id: str, number: int) -> m.AdaptationRequest:
    version = version_of(contract_id)
    found = m.AdaptationRequest.objects.filter(
        contract_id=contract_id, institution=version.institution, number=number
    ).first()
    if found is None:
        raise AdaptationError(
            f"{contract_id} has no adaptation request no. {number} (pilotage evaluation "
            f"request list {contract_id})"
        )
    return found


def request_changes(req: m.AdaptationRequest) -> list[Change]:
    """What the amendment draft changes in the contract (against the current version, or the
    one it was consolidated from)."""
    if not req.amendment:
        return []
    base = contract_of(version_of(req.contract_id))
    if req.consolidated is not None:
        before = (
            type(req.consolidated)
            .objects.filter(contract_id=req.contract_id, institution=req.institution)
            .filter(loaded_at__lt=req.consolidated.loaded_at)
            .first()
        )
        if before is not None:
            base = before.contract()
        from pilotage.contract import diff_contracts

        return [
            c for c in diff_contracts(base, req.consolidated.contract()) if c.what != "contract"
        ]
    return _amendment(req.amendment, base, req.number)[1]


def create_request(
    contract_id: str, kind: str, title: str, amendment: str, actor: Actor
) -> m.AdaptationRequest:
    """Write a request: an art. 42 adaptation with its amendment draft (checked and
    consolidated on trial), or an art. 43 new mission by law (needs an avenant, no clock)."""
    actor.require_manager("write an adaptation request")
    version = version_of(contract_id)
    if not title.strip():
        raise AdaptationError("an adaptation request has a title saying what it adapts")
    number = next_number(m.AdaptationRequest, contract_id, version.institution)
    new_mission = kind == m.RequestKind.NEW_MISSION_BY_LAW
    if not new_mission:
        if not amendment.strip():
            raise AdaptationError(
                "an art. 42 adaptation is written as an amendment draft of the contract file "
                "(kind: amendment, amends: " + contract_id + ")"
            )
        _amendment(amendment, contract_of(version), number)
    with transaction.atomic():
        req = m.AdaptationRequest.objects.create(
            contract_id=contract_id,
            institution=version.institution,
            number=number,
            kind=kind,
            title=title.strip(),
            amendment=amendment,
            state=m.RequestState.NEEDS_AVENANT if new_mission else m.RequestState.DRAFT,
            created_by=actor.user,
        )
        record(
            "adaptation.create",
            req,
            who=actor.user,
            institution=version.institution,
            after=_state(req),
        )
    return req


def _state(req: m.AdaptationRequest) -> dict[str, Any]:
    def day(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "number": req.number,
        "kind": req.kind,
        "state": req.state,
        "sent_on": day(req.sent_on),
        "decision_due": day(req.decision_due),
        "decided_on": day(req.decided_on),
        "withdrawn_on": day(req.withdrawn_on),
        "consolidated": req.consolidated.sha256[:12] if req.consolidated else None,
    }


def _locked(req: m.AdaptationRequest) -> m.AdaptationRequest:
    return m.AdaptationRequest.objects.select_for_update().get(pk=req.pk)


def send_request(req: m.AdaptationRequest, on: dt.date, actor: Actor) -> m.AdaptationRequest:
    """Send it to the supervising minister on `on`: the 30 working days start."""
    actor.require_manager("send an adaptation request")
    with transaction.atomic():
        req = _locked(req)
        if req.state != m.RequestState.DRAFT:
            raise AdaptationError(
                f"adaptation request no. {req.number} is {req.state}: only one not sent yet is sent"
            )
        if on > today():
            raise AdaptationError(f"sent on {on.isoformat()} is in the future")
        before = _state(req)
        contract = contract_of(version_of(req.contract_id))
        req.sent_on, req.state = on, m.RequestState.SENT
        req.decision_due = _legal(contract).decision_due(on).day
        req.save()
        record(
            "adaptation.send",
            req,
            who=actor.user,
            institution=req.institution,
            before=before,
            after=_state(req),
        )
    return req


def _consolidate(req: m.AdaptationRequest, provenance: str) -> None:
    version = version_of(req.contract_id)
    merged, _changes = _amendment(req.amendment, contract_of(version), req.number)
    loaded = store_contract(merged, req.institution.code, source=provenance)
    req.consolidated = loaded.version


def decide_request(
    req: m.AdaptationRequest, approved: bool, on: dt.date, note: str, actor: Actor
) -> m.AdaptationRequest:
    """Record the minister's decision, taken on `on`; an approval is consolidated."""
    if actor.user is not None and actor.party is None:
        raise EvaluationPartyError(
            f"{actor.name} ({actor.role}) may not record the minister's decision: the contract "
            "manager or a government commissioner does"
        )
    with transaction.atomic():
        req = _locked(req)
        contract = contract_of(version_of(req.contract_id))
        check_decision(
            _legal(contract), req.number, AdaptationState(req.state), req.sent_on, on, today()
        )
        before = _state(req)
        req.decided_on, req.decision_note = on, note.strip()
        if approved:
            req.state = m.RequestState.APPROVED
            _consolidate(
                req,
                f"art. 42 adaptation request no. {req.number}, approved by the supervising "
                f"minister on {on.isoformat()}",
            )
        else:
            req.state = m.RequestState.REJECTED
        req.save()
        record(
            "adaptation.decide",
            req,
            who=actor.user,
            institution=req.institution,
            before=before,
            after=_state(req),
        )
    return req


def withdraw_request(req: m.AdaptationRequest, on: dt.date, actor: Actor) -> m.AdaptationRequest:
    actor.require_manager("withdraw an adaptation request")
    with transaction.atomic():
        req = _locked(req)
        # Not settled first: a withdrawal made in time but recorded after the delay ran out
        # still counts; one dated on or after the deemed approval is refused.
        contract = contract_of(version_of(req.contract_id))
        check_withdrawal(
            _legal(contract), req.number, AdaptationState(req.state), req.sent_on, on, today()
        )
        before = _state(req)
        req.state, req.withdrawn_on = m.RequestState.WITHDRAWN, on
        req.save()
        record(
            "adaptation.withdraw",
            req,
            who=actor.user,
            institution=req.institution,
            before=before,
            after=_state(req),
        )
    return req


def settle_requests(
    contract_id: str | None = None, on: dt.date | None = None
) -> list[m.AdaptationRequest]:
    """Deem approved every sent request whose decision delay has run out, and consolidate it."""
    day = on or today()
    settled = []
    rows = m.AdaptationRequest.objects.filter(state=m.RequestState.SENT, decision_due__lt=day)
    if contract_id is not None:
        rows = rows.filter(contract_id=contract_id)
    for req in rows.order_by("sent_on", "pk"):
        with transaction.atomic():
            req = _locked(req)
            assert req.sent_on is not None
            contract = contract_of(version_of(req.contract_id))
            rc = decision_clock(_legal(contract), req.sent_on, None, day)
            if day < rc.deemed_approved_on or req.state != m.RequestState.SENT:
                continue
            before = _state(req)
            req.state = m.RequestState.DEEMED_APPROVED
            _consolidate(
                req,
                f"art. 42 adaptation request no. {req.number}, deemed approved on "
                f"{rc.deemed_approved_on.isoformat()} (no decision within 30 working days of "
                f"its sending on {req.sent_on.isoformat()})",
            )
            req.save()
            record(
                "adaptation.deemed_approved",
                req,
                institution=req.institution,
                before=before,
                after=_state(req),
            )
            settled.append(req)
    return settled
