"""The registers of changes during the contract: art. 50 measures, art. 51 notices, art. 48
concertation meetings.

Art. 50 (impact of measures decided after signature)
    A measure decided or carried out after the contract was signed (a law, a royal decree, a
    ministerial decision) that measurably increased the workload: its date, source,
    description, the objectives it affects, its estimated effect (cases, FTE, days) and the day
    the institution communicated that impact. Art. 50 weighs it only "pour autant que
    l'institution ait communiqué à temps": pilotage reads "in time" for the evaluation of year
    N as communicated no later than the day the draft evaluation of N is due (31 March N+1,
    or the agreed day). An entry can neutralise objectives for a period: their figures stay
    visible, with the entry as a caveat.

Art. 51 (a commitment that cannot be kept)
    The party that cannot keep a commitment informs the other at once: who, when, which
    objective or action, why; the other party acknowledges it and both agree remedial
    measures. If the disagreement persists it escalates, in this order only: conciliation, a
    contradictory report, then the Council of Ministers, after the opinions of the
    institution's management committee and of the College of the institutions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pilotage.errors import EvaluationOrderError, EvaluationPartyError

__all__ = [
    "ESCALATION",
    "Art50Entry",
    "Art51Notice",
    "Art51Stage",
    "MeasureSource",
    "Party",
    "check_art50",
    "check_art51_stage",
    "other_party",
]


class Party(StrEnum):
    INSTITUTION = "institution"
    STATE = "state"  # the federal State, represented by the government commissioners


def other_party(party: Party) -> Party:
    return Party.STATE if party is Party.INSTITUTION else Party.INSTITUTION


class MeasureSource(StrEnum):
    LAW = "law"
    ROYAL_DECREE = "royal_decree"
    MINISTERIAL_DECISION = "ministerial_decision"
    OTHER = "other"


@dataclass(frozen=True)
class Art50Entry:
    number: int
    decided_on: dt.date
    source: MeasureSource
    description: str
    objectives: tuple[str, ...]  # objective codes, action keys ("11/2") or article numbers
    communicated_on: dt.date | None = None
    effect_cases: int | None = None
    effect_fte: float | None = None
    effect_days: int | None = None
    proposed_for_weighing: bool = True
    neutralise_from: dt.date | None = None
    neutralise_to: dt.date | None = None

    def in_time_for(self, draft_due: dt.date) -> bool:
        """Whether the impact was communicated in time for an evaluation whose draft is due
        on `draft_due`."""
        return self.communicated_on is not None and self.communicated_on <= draft_due

    def neutralises(self, code: str, first: dt.date, last: dt.date) -> bool:
        """Whether it neutralises `code` for some day of `first`..`last`."""
        if code not in self.objectives or self.neutralise_from is None:
            return False
        end = self.neutralise_to or dt.date.max
        return self.neutralise_from <= last and first <= end

    def caveat(self) -> str:
        end = self.neutralise_to.isoformat() if self.neutralise_to else "…"
        start = self.neutralise_from.isoformat() if self.neutralise_from else "…"
        return f"art. 50 no. {self.number}, neutralised {start}..{end}: {self.description}"

    def as_dict(self) -> dict[str, Any]:
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "number": self.number,
            "decided_on": day(self.decided_on),
            "source": self.source.value,
            "description": self.description,
            "objectives": list(self.objectives),
            "communicated_on": day(self.communicated_on),
            "effect_cases": self.effect_cases,
            "effect_fte": self.effect_fte,
            "effect_days": self.effect_days,
            "proposed_for_weighing": self.proposed_for_weighing,
            "neutralise_from": day(self.neutralise_from),
            "neutralise_to": day(self.neutralise_to),
        }


def check_art50(entry: Art50Entry, signed_on: dt.date | None, today: dt.date) -> None:
    """EvaluationOrderError when the entry's dates are out of order."""
    problems = []
    if entry.decided_on > today:
        problems.append(f"decided on {entry.decided_on.isoformat()} is in the future")
    if signed_on is not None and entry.decided_on < signed_on:
        problems.append(
            f"decided on {entry.decided_on.isoformat()}, before the contract was signed "
            f"({signed_on.isoformat()}): art. 50 is about measures decided after signature"
        )
    if entry.communicated_on is not None and entry.communicated_on < entry.decided_on:
        problems.append(
            f"impact communicated on {entry.communicated_on.isoformat()}, before the measure "
            f"was decided ({entry.decided_on.isoformat()})"
        )
    if entry.communicated_on is not None and entry.communicated_on > today:
        problems.append(f"communicated on {entry.communicated_on.isoformat()} is in the future")
    if (
        entry.neutralise_from is not None
        and entry.neutralise_to is not None
        and entry.neutralise_to < entry.neutralise_from
    ):
        problems.append(
            f"neutralisation ends {entry.neutralise_to.isoformat()}, before it starts "
            f"({entry.neutralise_from.isoformat()})"
        )
    if entry.neutralise_to is not None and entry.neutralise_from is None:
        problems.append("a neutralisation that ends needs its first day (--neutralise-from)")
    if not entry.objectives:
        problems.append("name at least one affected objective, action or article")
    if problems:
        raise EvaluationOrderError("art. 50 entry refused: " + "; ".join(problems))


class Art51Stage(StrEnum):
    NOTIFIED = "notified"  # the other party was informed
    ACKNOWLEDGED = "acknowledged"  # the other party acknowledged it
    MEASURES_AGREED = "measures_agreed"  # remedial measures agreed: settled
    CONCILIATION = "conciliation"  # disagreement: the parties try to conciliate
    CONTRADICTORY_REPORT = "contradictory_report"  # persisting: a contradictory report
    COUNCIL_OF_MINISTERS = "council_of_ministers"  # no agreement: submitted to the Council
    CLOSED = "closed"


# The order the stages may follow; MEASURES_AGREED may also follow any escalation stage.
ESCALATION = (
    Art51Stage.NOTIFIED,
    Art51Stage.ACKNOWLEDGED,
    Art51Stage.CONCILIATION,
    Art51Stage.CONTRADICTORY_REPORT,
    Art51Stage.COUNCIL_OF_MINISTERS,
)
_OPEN = set(ESCALATION)


@dataclass(frozen=True)
class Art51Notice:
    number: int
    party: Party  # who cannot keep the commitment and informs the other
    given_on: dt.date
    subject: str  # an objective code or an action key
    reason: str
    stage: Art51Stage = Art51Stage.NOTIFIED
    stages: dict[str, str] = field(default_factory=dict)  # stage -> ISO day reached
    acknowledged_on: dt.date | None = None
    remedial_measures: str = ""
    management_committee_opinion_on: dt.date | None = None
    college_opinion_on: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.stage in _OPEN

    def as_dict(self) -> dict[str, Any]:
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "number": self.number,
            "party": self.party.value,
            "given_on": day(self.given_on),
            "subject": self.subject,
            "reason": self.reason,
            "stage": self.stage.value,
            "stages": dict(self.stages),
            "acknowledged_on": day(self.acknowledged_on),
            "remedial_measures": self.remedial_measures,
            "management_committee_opinion_on": day(self.management_committee_opinion_on),
            "college_opinion_on": day(self.college_opinion_on),
            "open": self.open,
        }


def check_art51_stage(
    notice: Art51Notice, stage: Art51Stage, on: dt.date, party: Party, today: dt.date
) -> None:
    """EvaluationOrderError / EvaluationPartyError when `party` may not move `notice` to
    `stage` on `on`."""
    current = notice.stage
    last_day = max((dt.date.fromisoformat(d) for d in notice.stages.values()), default=None)
    last_day = max(filter(None, (last_day, notice.given_on)))
    if on > today:
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number}: {stage.value} on {on.isoformat()} is in the "
            "future"
        )
    if on < last_day:
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number}: {stage.value} on {on.isoformat()} is before "
            f"its last step ({last_day.isoformat()})"
        )
    if current not in _OPEN:
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number} is {current.value}: nothing follows"
        )
    if stage is Art51Stage.ACKNOWLEDGED:
        if current is not Art51Stage.NOTIFIED:
            raise EvaluationOrderError(
                f"art. 51 notice no. {notice.number} is {current.value}; it was acknowledged"
            )
        if party is notice.party:
            raise EvaluationPartyError(
                f"art. 51 notice no. {notice.number} was given by the {notice.party.value}: "
                f"the other party ({other_party(notice.party).value}) acknowledges it"
            )
        return
    if current is Art51Stage.NOTIFIED:
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number} is not acknowledged yet: the "
            f"{other_party(notice.party).value} acknowledges it first"
        )
    if stage in (Art51Stage.MEASURES_AGREED, Art51Stage.CLOSED):
        if stage is Art51Stage.MEASURES_AGREED and not notice.remedial_measures.strip():
            raise EvaluationOrderError(
                f"art. 51 notice no. {notice.number}: say which remedial measures were agreed"
            )
        return
    if stage not in ESCALATION or ESCALATION.index(stage) != ESCALATION.index(current) + 1:
        following = ESCALATION[ESCALATION.index(current) + 1 :]
        allowed = ", ".join(s.value for s in (Art51Stage.MEASURES_AGREED, *following[:1]))
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number} is {current.value}: it may go to {allowed} "
            f"(art. 51: conciliation, then a contradictory report, then the Council of "
            f"Ministers), not {stage.value}"
        )
    if stage is Art51Stage.COUNCIL_OF_MINISTERS and (
        notice.management_committee_opinion_on is None or notice.college_opinion_on is None
    ):
        raise EvaluationOrderError(
            f"art. 51 notice no. {notice.number} goes to the Council of Ministers only after the "
            "opinions of the institution's management committee and of the College of the "
            "institutions: record both dates first"
        )
