"""The jobs of the annual evaluation: the one place the pages, the API, the command line and the
demonstration data go through. Each job checks who may do it (`pilotage.web.accounts.access`),
runs the core's rules (`pilotage.evaluation`), writes in one transaction and audits it.

Who does what: the contract manager (or an administrator) opens the evaluation, agrees its
calendar, records its steps, writes the draft's narrative and the institution's positions; a
government commissioner writes the commissioners' positions, and nobody else can. Once a
document (draft or report) is sent it is frozen: changing it opens a new numbered version with a
reason, the sent versions stay readable as they were sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from pilotage import followup
from pilotage.errors import EvaluationError, EvaluationPartyError
from pilotage.evaluation import (
    AgreedCalendar,
    Assessment,
    FigureCite,
    LegalCalendar,
    Note,
    Party,
    ResultSetRef,
    Step,
    assemble_draft,
    check_step,
    figure_cite,
    year_period,
)
from pilotage.web.audit.record import record
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.data import FigureRow, published_for
from pilotage.web.dashboards.models import Figure
from pilotage.web.discussion.models import Comment
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.actors import (
    PARTY_FIELD,
    Actor,
    clocks_of,
    evaluation_of,
    legal_calendar,
    steps_of,
    today,
)
from pilotage.web.evaluation.documents import (
    document_of,
    editable,
    freeze,
    latest_version,
    report_items,
    revise_document,
    send_revision,
)
from pilotage.web.progress.recording import contract_of, progress_for, version_of

__all__ = [
    "Actor",
    "agree_calendar",
    "clocks_of",
    "document_of",
    "edit_narrative",
    "evaluation_of",
    "legal_calendar",
    "open_evaluation",
    "record_step",
    "report_items",
    "revise_document",
    "send_revision",
    "today",
    "write_position",
]

# --- the draft's content -----------------------------------------------------------------------


def _figures(contract_id: str, year: int) -> dict[str, list[FigureCite]]:
    published = published_for(contract_id)
    period = year_period(published.periods(), year)
    chosen = published.chosen(period, "institution") if period else None
    if chosen is None:
        return {}
    ref = ResultSetRef(
        int(chosen.store_id),
        int(chosen.version),
        chosen.periods,
        chosen.computed_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        chosen.demo,
    )
    found: dict[str, list[FigureCite]] = {}
    rows = Figure.objects.filter(published_set=chosen, period=period).order_by("row")
    for row in FigureRow.of(rows):
        found.setdefault(row.objective, []).append(figure_cite(row, ref))
    return found


_TARGET_ITEM = {"figure": "objective", "action": "action", "mission": "mission"}


def _notes(version: ContractVersion, year: int) -> dict[str, list[Note]]:
    found: dict[str, list[Note]] = {}
    rows = Comment.objects.filter(
        contract_id=version.contract_id, institution=version.institution, withdrawn=False
    ).select_related("author")
    for c in rows:
        if c.period and not c.period.startswith(str(year)):
            continue
        key = f"{_TARGET_ITEM[c.target_type]}:{c.target}"
        note = Note(c.kind, c.author.get_username(), c.text, c.created_at.isoformat(), c.period)
        found.setdefault(key, []).append(note)
    return found


def _assemble(evaluation: m.Evaluation, version: ContractVersion, on: dt.date) -> None:
    from pilotage.web.evaluation.registers import art50_entries, art51_notices

    contract = contract_of(version)
    progress = progress_for(version)
    items = assemble_draft(
        contract,
        evaluation.year,
        str(contract.languages[0]),
        figures=_figures(version.contract_id, evaluation.year),
        actions=followup.follow_actions(contract, progress, on),
        missions=followup.follow_missions(contract, progress, on),
        art50=art50_entries(version.contract_id, version.institution),
        art51=art51_notices(version.contract_id, version.institution),
        notes=_notes(version, evaluation.year),
    )
    from pilotage.evaluation.draft import item_to_json

    kept = {i.key: i for i in evaluation.items.all()}
    for order, item in enumerate(items):
        row = kept.pop(item.key, None) or m.Item(evaluation=evaluation, key=item.key)
        row.order, row.content = order, item_to_json(item)
        row.save()
    for gone in kept.values():
        if not (gone.narrative or gone.institution_assessment or gone.commissioners_assessment):
            gone.delete()


def open_evaluation(
    contract_id: str, year: int, actor: Actor, *, demo: bool = False
) -> tuple[m.Evaluation, bool]:
    """Open the evaluation of `year` (or return it) and assemble its draft from what pilotage
    holds; reassembles an evaluation still in preparation (narratives kept)."""
    version = version_of(contract_id)
    actor.require_manager("open an evaluation")
    contract = contract_of(version)
    if not contract.period.start.year <= year <= (contract.period.end or contract.starts).year:
        raise EvaluationError(
            f"{year} is not a year of {contract_id} ({contract.period.start.year}-"
            f"{contract.period.end.year if contract.period.end else '...'})"
        )
    with transaction.atomic():
        evaluation, created = m.Evaluation.objects.get_or_create(
            contract_id=contract_id,
            institution=version.institution,
            year=year,
            defaults={"created_by": actor.user, "demo": demo},
        )
        if created or evaluation.state == m.State.IN_PREPARATION:
            _assemble(evaluation, version, today())
            latest_version(evaluation, m.DocumentKind.DRAFT, actor)
            record(
                "evaluation.open" if created else "evaluation.reassemble",
                evaluation,
                who=actor.user,
                after={"year": year, "items": evaluation.items.count()},
            )
    return evaluation, created


def agree_calendar(evaluation: m.Evaluation, agreed: AgreedCalendar, actor: Actor) -> None:
    """Hold the parties' own calendar (art. 49); refused beyond the legal maxima."""
    actor.require_manager("record the agreed calendar")
    contract = contract_of(version_of(evaluation.contract_id))
    agreed.check(LegalCalendar.of(contract, evaluation.calendar), evaluation.year)
    with transaction.atomic():
        before = evaluation.agreed_calendar
        evaluation.agreed_calendar = agreed.as_dict()
        evaluation.save(update_fields=["agreed_calendar"])
        record(
            "evaluation.calendar", evaluation, who=actor.user, before=before, after=agreed.as_dict()
        )


# --- steps, narrative, positions ---------------------------------------------------------------


_FREEZES = {Step.DRAFT_SENT: m.DocumentKind.DRAFT, Step.REPORT_SENT: m.DocumentKind.REPORT}


def record_step(
    evaluation: m.Evaluation, step: Step, on: dt.date, actor: Actor, note: str = ""
) -> m.Step:
    """Do the next step on `on`; a sent document is frozen as version 1."""
    actor.require_manager(f"record the step {step.value}")
    with transaction.atomic():
        evaluation = m.Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        state = check_step(steps_of(evaluation), step, on, today())
        row = m.Step.objects.create(
            evaluation=evaluation, step=step.value, on=on, by=actor.user, note=note
        )
        before = evaluation.state
        evaluation.state = state.value
        evaluation.save(update_fields=["state"])
        kind = _FREEZES.get(step)
        if kind is not None:
            freeze(evaluation, editable(evaluation, kind, actor), on, actor)
        if step is Step.DRAFT_SENT:
            latest_version(evaluation, m.DocumentKind.REPORT, actor)
        record(
            "evaluation.step",
            evaluation,
            who=actor.user,
            before={"state": before},
            after={"state": state.value, "step": step.value, "on": on.isoformat(), "note": note},
        )
    return row


def _item(evaluation: m.Evaluation, key: str) -> m.Item:
    found = evaluation.items.filter(key=key).first()
    if found is None:
        keys = list(evaluation.items.values_list("key", flat=True)[:5])
        raise EvaluationError(
            f"the evaluation of {evaluation.year} has no item {key!r}; items are named "
            f"KIND:CODE, e.g. {', '.join(keys)} (pilotage evaluation show lists them)"
        )
    return found


def edit_narrative(evaluation: m.Evaluation, key: str, text: str, actor: Actor) -> m.Item:
    """The cell's narrative of one item of the draft; the figures stay as assembled."""
    actor.require_manager("write the draft's narrative")
    with transaction.atomic():
        editable(evaluation, m.DocumentKind.DRAFT, actor)
        item = _item(evaluation, key)
        before = item.narrative
        item.narrative, item.narrative_by = text.strip(), actor.user
        item.save(update_fields=["narrative", "narrative_by"])
        record(
            "evaluation.narrative",
            evaluation,
            who=actor.user,
            before={"item": key, "narrative": before},
            after={"item": key, "narrative": item.narrative},
        )
    return item


def write_position(
    evaluation: m.Evaluation,
    key: str,
    party: Party,
    assessment: Assessment,
    motivation: str,
    actor: Actor,
) -> m.Item:
    """One party's assessment and motivation of an item in the contradictory report.

    The commissioners' position is written by a government commissioner only; the
    institution's by its contract manager (or an administrator) only.
    """
    if actor.party is not party:
        who = (
            "a government commissioner"
            if party is Party.STATE
            else "the institution's contract manager"
        )
        raise EvaluationPartyError(
            f"{actor.name} ({actor.role}) may not write the {PARTY_FIELD[party]}' position: "
            f"only {who} does, and nobody changes the other party's position"
        )
    if not motivation.strip():
        raise EvaluationError("a position is motivated (art. 47): give its motivation")
    if evaluation.state == m.State.IN_PREPARATION:
        raise EvaluationError(
            "the contradictory report starts once the draft is sent to the commissioners"
        )
    field = PARTY_FIELD[party]
    with transaction.atomic():
        editable(evaluation, m.DocumentKind.REPORT, actor)
        item = _item(evaluation, key)
        before = _position_state(item, field)
        setattr(item, f"{field}_assessment", assessment.value)
        setattr(item, f"{field}_motivation", motivation.strip())
        setattr(item, f"{field}_by", actor.user)
        setattr(item, f"{field}_at", timezone.now())
        item.save()
        record(
            "evaluation.position",
            evaluation,
            who=actor.user,
            before=before,
            after=_position_state(item, field),
        )
    return item


def _position_state(item: m.Item, field: str) -> dict[str, Any]:
    return {
        "item": item.key,
        "party": field,
        "assessment": getattr(item, f"{field}_assessment"),
        "motivation": getattr(item, f"{field}_motivation"),
    }
