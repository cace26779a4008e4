"""The evaluation endpoints of the JSON API (a django-ninja router mounted by the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from pilotage.errors import BadQuery, PilotageError
from pilotage.evaluation import Assessment, Step, document_to_json
from pilotage.web.accounts.access import require_grant
from pilotage.web.dashboards.data import current_version
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation import services
from pilotage.web.evaluation.reminding import reminders_for

router = Router(tags=["evaluation"])


class Refused(Schema):
    detail: str


class StepIn(Schema):
    step: str
    on: dt.date
    note: str = ""


class PackQuery(Schema):
    format: str = "pdf"
    lang: str | None = None
    version: int | None = None


class PositionIn(Schema):
    item: str
    assessment: str
    motivation: str


def _opened(request: HttpRequest, contract_id: str, year: int) -> tuple[m.Evaluation, Any]:
    version = current_version(contract_id)
    require_grant(request.user, version.institution)
    try:
        evaluation = services.evaluation_of(contract_id, year)
    except PilotageError as exc:
        from django.http import Http404

        raise Http404(str(exc)) from None
    return evaluation, services.Actor.of(request.user, version)


def _document(evaluation: m.Evaluation) -> dict[str, Any]:
    kind = "draft" if evaluation.state == m.State.IN_PREPARATION else "report"
    return document_to_json(services.document_of(evaluation, kind))


@router.get(
    "/contracts/{contract_id}/evaluations",
    response={200: list[dict[str, Any]], 401: Refused, 403: Refused, 404: Refused},
    summary="Evaluations of a contract",
)
def evaluation_list(request: HttpRequest, contract_id: str) -> list[dict[str, Any]]:
    """The evaluations of a contract: year, state, clocks."""
    version = current_version(contract_id)
    require_grant(request.user, version.institution)
    rows = m.Evaluation.objects.filter(contract_id=contract_id, institution=version.institution)
    return [
        {
            "year": e.year,
            "state": e.state,
            "demo": e.demo,
            "clocks": [c.as_dict() for c in services.clocks_of(e)],
        }
        for e in rows
    ]


@router.get(
    "/contracts/{contract_id}/evaluations/{year}",
    response={200: dict[str, Any], 401: Refused, 403: Refused, 404: Refused},
    summary="One evaluation as its current document",
)
def evaluation_detail(request: HttpRequest, contract_id: str, year: int) -> dict[str, Any]:
    """The evaluation as its current document: steps, clocks, items with both positions."""
    evaluation, _actor = _opened(request, contract_id, year)
    return _document(evaluation)


@router.post(
    "/contracts/{contract_id}/evaluations/{year}/steps",
    response={
        200: dict[str, Any],
        400: Refused,
        401: Refused,
        403: Refused,
        404: Refused,
        409: Refused,
    },
    summary="Record the next step",
)
def evaluation_step(request: HttpRequest, contract_id: str, year: int, body: StepIn) -> Any:
    """Record the next step (draft_sent, meeting_held, report_sent, closed) on a day."""
    evaluation, actor = _opened(request, contract_id, year)
    try:
        step = Step(body.step)
    except ValueError:
        raise BadQuery(
            f"step {body.step!r}: draft_sent, meeting_held, report_sent, closed"
        ) from None
    services.record_step(evaluation, step, body.on, actor, body.note)  # refusals: the API's handler
    evaluation.refresh_from_db()
    return Status(200, _document(evaluation))


@router.post(
    "/contracts/{contract_id}/evaluations/{year}/positions",
    response={
        200: dict[str, Any],
        400: Refused,
        401: Refused,
        403: Refused,
        404: Refused,
        409: Refused,
    },
    summary="Write your party's position",
)
def evaluation_position(request: HttpRequest, contract_id: str, year: int, body: PositionIn) -> Any:
    """Write your party's position on an item of the contradictory report."""
    evaluation, actor = _opened(request, contract_id, year)
    if actor.party is None:
        return Status(403, {"detail": f"a {actor.role} writes no position"})
    try:
        assessment = Assessment(body.assessment)
    except ValueError:
        raise BadQuery(f"assessment {body.assessment!r}: met, partly_met, not_met") from None
    services.write_position(evaluation, body.item, actor.party, assessment, body.motivation, actor)
    return Status(200, _document(evaluation))


@router.get(
    "/contracts/{contract_id}/evaluations/{year}/documents/{kind}/pack",
    response={200: None, 401: Refused, 403: Refused, 404: Refused},
    summary="A document of the evaluation as a pack (DOCX or PDF)",
)
def evaluation_pack(
    request: HttpRequest,
    contract_id: str,
    year: int,
    kind: str,
    query: Query[PackQuery],
) -> HttpResponse:
    """The draft evaluation or the contradictory report (`kind` draft or report) of `year`,
    one `version` (default: the latest), as the document page's download gives it: `format`
    docx or pdf, `lang` fr or nl (default: the interface language)."""
    from pilotage.web.evaluation.packs import pack_download

    number = str(query.version) if query.version is not None else None
    return pack_download(request, contract_id, year, kind, query.format, number, query.lang)


@router.get(
    "/reminders",
    response={200: list[dict[str, Any]], 401: Refused},
    summary="Your deadlines due soon or late",
)
def reminder_list(request: HttpRequest, days: int = 30) -> list[dict[str, Any]]:
    """Your deadlines due within `days` days or late."""
    return [r.as_dict() for r in reminders_for(request.user, max(0, min(days, 366)))]
