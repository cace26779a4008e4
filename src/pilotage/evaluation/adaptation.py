"""Adaptation requests (INAMI art. 42-44): an amendment draft of the contract file, its clock,
the minister's decision or its deemed approval, and its consolidation into the contract.

Art. 42: an adaptation of missions, tasks, objectives or indicators already in the contract,
without impact on the budget envelopes, is sent to the supervising minister (and for
information to the ministers of Budget and of the Civil Service), who decides within 30 working
days; beyond that delay and without a decision it is deemed approved, from the day after the
last day of the delay. Art. 43: a new mission given by or under a law is not such an
adaptation: it needs an amendment ("avenant") negotiated and approved by the King; pilotage
records it as such, with no clock. Art. 44: every change is consolidated into one document:
an approved (or deemed approved) request becomes a new version of the contract, consolidated
from the current one and the amendment draft, with the request as its provenance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pilotage.contract import (
    Change,
    Contract,
    ContractKind,
    consolidate,
    diff_contracts,
    parse_contract,
    to_plain,
)
from pilotage.errors import AdaptationError, ConsolidationError
from pilotage.evaluation.calendar import Clock, LegalCalendar, clock

__all__ = [
    "AdaptationKind",
    "AdaptationState",
    "RequestClock",
    "check_amendment",
    "check_decision",
    "check_withdrawal",
    "consolidated",
    "decision_clock",
]


class AdaptationKind(StrEnum):
    MISSIONS = "missions"
    OBJECTIVES = "objectives"
    INDICATORS = "indicators"
    TARGETS = "targets"
    NEW_MISSION_BY_LAW = "new_mission_by_law"  # art. 43: needs an avenant, not art. 42


class AdaptationState(StrEnum):
    DRAFT = "draft"  # written, not sent
    SENT = "sent"  # waiting for the minister's decision
    APPROVED = "approved"
    DEEMED_APPROVED = "deemed_approved"  # no decision within the delay
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NEEDS_AVENANT = "needs_avenant"  # art. 43

    @property
    def settled(self) -> bool:
        return self not in (AdaptationState.DRAFT, AdaptationState.SENT)


@dataclass(frozen=True)
class RequestClock:
    """The decision clock of a request sent on `sent_on`."""

    clock: Clock
    deemed_approved_on: dt.date  # the first day it counts as approved without a decision

    @property
    def due(self) -> dt.date:
        assert self.clock.due is not None
        return self.clock.due


def decision_clock(
    legal: LegalCalendar, sent_on: dt.date, decided_on: dt.date | None, today: dt.date
) -> RequestClock:
    answer = legal.decision_due(sent_on)
    return RequestClock(
        clock("decision", answer, decided_on, today), answer.day + dt.timedelta(days=1)
    )


def check_decision(
    legal: LegalCalendar,
    number: int,
    state: AdaptationState,
    sent_on: dt.date | None,
    decided_on: dt.date,
    today: dt.date,
) -> None:
    """AdaptationError when a decision on `decided_on` cannot be recorded. A request already
    deemed approved (and consolidated) takes no decision, whatever its date: the consolidated
    version stays in the contract's lineage, and undoing it is a new request."""
    if state is AdaptationState.DEEMED_APPROVED and sent_on is not None:
        rc = decision_clock(legal, sent_on, None, today)
        raise AdaptationError(
            f"adaptation request no. {number} was deemed approved on "
            f"{rc.deemed_approved_on.isoformat()} (no decision recorded within the 30 working "
            f"days after its sending on {sent_on.isoformat()}, art. 42) and consolidated into "
            f"the contract: a decision dated {decided_on.isoformat()} is not recorded over it; "
            "to undo the change, write and send a new adaptation request"
        )
    if state is not AdaptationState.SENT or sent_on is None:
        raise AdaptationError(
            f"adaptation request no. {number} is {state.value}: only a sent request is decided"
        )
    if decided_on > today:
        raise AdaptationError(
            f"decision on {decided_on.isoformat()} is in the future; record it once taken"
        )
    if decided_on < sent_on:
        raise AdaptationError(
            f"decision on {decided_on.isoformat()} is before the request was sent "
            f"({sent_on.isoformat()})"
        )
    rc = decision_clock(legal, sent_on, None, today)
    if decided_on >= rc.deemed_approved_on:
        raise AdaptationError(
            f"adaptation request no. {number} was deemed approved on "
            f"{rc.deemed_approved_on.isoformat()}: the minister's 30 working days ran out on "
            f"{rc.due.isoformat()} (art. 42), so a decision of {decided_on.isoformat()} comes "
            "too late and is not recorded"
        )


def check_withdrawal(
    legal: LegalCalendar,
    number: int,
    state: AdaptationState,
    sent_on: dt.date | None,
    on: dt.date,
    today: dt.date,
) -> None:
    """AdaptationError when a withdrawal on `on` cannot be recorded: after its deemed approval
    (even recorded before pilotage settled it), or once decided."""
    if state not in (AdaptationState.DRAFT, AdaptationState.SENT, AdaptationState.NEEDS_AVENANT):
        raise AdaptationError(
            f"adaptation request no. {number} is {state.value}: it can no longer be withdrawn"
            + (
                " (it was consolidated into the contract; to undo the change, write and send a "
                "new adaptation request)"
                if state in (AdaptationState.APPROVED, AdaptationState.DEEMED_APPROVED)
                else ""
            )
        )
    if on > today:
        raise AdaptationError(
            f"withdrawn on {on.isoformat()} is in the future; record it once it happened"
        )
    if sent_on is not None and on < sent_on:
        raise AdaptationError(
            f"withdrawn on {on.isoformat()} is before the request was sent ({sent_on.isoformat()})"
        )
    if state is AdaptationState.SENT and sent_on is not None:
        rc = decision_clock(legal, sent_on, None, today)
        if on >= rc.deemed_approved_on:
            raise AdaptationError(
                f"adaptation request no. {number} is deemed approved from "
                f"{rc.deemed_approved_on.isoformat()} (the minister's 30 working days ran out on "
                f"{rc.due.isoformat()}, art. 42): a withdrawal on {on.isoformat()} comes too late"
            )


def check_amendment(base: Contract, amendment: Contract) -> tuple[Contract, list[Change]]:
    """The contract as the amendment would make it, and the changes; AdaptationError naming
    what does not fit."""
    if amendment.kind is not ContractKind.AMENDMENT:
        raise AdaptationError(
            f"the amendment draft {amendment.id!r} is of kind {amendment.kind.value!r}: write "
            "it with 'kind: amendment' and 'amends: " + base.id + "'"
        )
    if amendment.amends != base.id:
        raise AdaptationError(
            f"the amendment draft {amendment.id!r} amends {amendment.amends!r}, not {base.id!r}"
        )
    if amendment.institution.code != base.institution.code:
        raise AdaptationError(
            f"the amendment draft is of institution {amendment.institution.code!r}, the "
            f"contract of {base.institution.code!r}"
        )
    result = consolidated(base, amendment)
    changes = [c for c in diff_contracts(base, result) if c.what != "contract"]
    if not changes:
        raise AdaptationError(
            f"the amendment draft {amendment.id!r} changes nothing in {base.id}: give the "
            "elements it adapts (objectives, indicators, norms, actions, missions)"
        )
    return result, changes


def consolidated(base: Contract, amendment: Contract) -> Contract:
    """`base` with `amendment` applied from its first day, norms of every period kept, under
    the base's id and title (its provenance is in its references)."""
    try:
        merged = consolidate(base, [amendment], amendment.starts, history=True)
    except ConsolidationError as exc:
        raise AdaptationError(f"the amendment draft cannot be consolidated: {exc}") from None
    data = to_plain(merged)
    data["id"], data["title"], data["period"] = base.id, to_plain(base.title), to_plain(base.period)
    return parse_contract(data, f"consolidation of {base.id} with {amendment.id}")
