"""The JSON API: contracts, results, follow-up of actions and missions, comments.

Authentication is the browser's Django session (`django_auth`): anonymous requests get 401, and
unsafe methods (POST, PATCH) need the CSRF token in the `X-CSRFToken` header. Every endpoint under
`/contracts/{contract_id}/` answers as the pages do: 404 when no such contract is in the
catalogue, 403 when the reader is not granted its institution; the contract list shows only the
granted ones. Comments follow the page rules (`pilotage.web.discussion.threads`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.security import django_auth

from pilotage.contract import Contract
from pilotage.errors import PilotageError
from pilotage.followup import (
    ActionFollowup,
    MilestoneState,
    MissionFollowup,
    Progress,
    follow_actions,
    follow_missions,
    today,
)
from pilotage.web.accounts.access import grant_for, institutions_for
from pilotage.web.api import schemas
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.catalogue.views import contract_counts as catalogue_counts
from pilotage.web.dashboards.data import LEVELS, published_for
from pilotage.web.dashboards.models import Figure
from pilotage.web.discussion import threads
from pilotage.web.discussion.models import Comment, Kind, TargetType
from pilotage.web.middleware import answer
from pilotage.web.progress.recording import progress_for
from pilotage.web.queries import as_of_day

F = TypeVar("F", ActionFollowup, MissionFollowup)

DESCRIPTION = """\
Read a management contract, its measured results and the follow-up of its commitments, and
discuss them, with the rights of your account.

**Authentication**: the Django session of the web application (log in at `/accounts/login/`).
Anonymous requests are answered 401. `POST` and `PATCH` requests also need the CSRF token
(cookie `csrftoken`) in the `X-CSRFToken` header.

**Access**: a contract of an institution you are not granted is answered 403, an unknown
contract 404, as the pages do; lists only hold what you may read. Commenting follows the roles:
administrators, contract managers and government commissioners comment anywhere, service owners
on their services' figures and their articles' actions and missions, viewers never.
"""

api = NinjaAPI(
    title="pilotage API",
    version="1",
    description=DESCRIPTION,
    auth=django_auth,
    urls_namespace="api",
    # The interactive docs load their scripts from the package's static files only when ninja is
    # an installed app (it is); otherwise from a CDN, which the offline machines cannot reach.
    # Public, as openapi.json is: the schema holds no institution's data.
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)

REFUSED: dict[int, type[Schema]] = {
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
}


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(PilotageError)
def _refused(request: HttpRequest, exc: PilotageError) -> HttpResponse:
    return answer(request, exc)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


def _granted(request: HttpRequest, contract_id: str) -> tuple[ContractVersion, Any, Contract]:
    version, grant = threads.granted_version(request.user, contract_id)
    return version, grant, threads.contract_of(version)


def _summary(version: ContractVersion, role: str) -> dict[str, Any]:
    return {
        "id": version.contract_id,
        "institution": version.institution.code,
        "title": version.title,
        "period_start": version.period_start,
        "period_end": version.period_end,
        "sha256": version.sha256,
        "loaded_at": version.loaded_at,
        "role": role,
    }


# --- contracts -----------------------------------------------------------------------------------


@api.get(
    "/contracts",
    response={200: list[schemas.ContractSummary], 401: schemas.Error},
    tags=["contracts"],
    summary="Contracts you may read",
)
def contract_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The latest version of every contract of the institutions you are granted."""
    granted = institutions_for(request.user)
    found: dict[str, dict[str, Any]] = {}
    for v in ContractVersion.objects.filter(institution__in=granted).select_related(
        "institution"
    ):  # newest first per contract id
        if v.contract_id not in found:
            grant = grant_for(request.user, v.institution)
            found[v.contract_id] = _summary(v, grant.role if grant else "")
    return list(found.values())


@api.get(
    "/contracts/{contract_id}",
    response={200: schemas.ContractDetail, **REFUSED},
    tags=["contracts"],
    summary="A contract: identity, period, counts",
)
def contract_detail(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    version, grant, contract = _granted(request, contract_id)
    return {
        **_summary(version, grant.role),
        "kind": str(contract.kind),
        "amends": contract.amends,
        "languages": [str(lang) for lang in contract.languages],
        "counts": {**catalogue_counts(contract), "missions": len(contract.continuous_missions)},
        "result_periods": published_for(contract_id).periods(),
    }


@api.get(
    "/contracts/{contract_id}/file",
    response={200: dict[str, Any], **REFUSED},
    tags=["contracts"],
    summary="The contract file",
)
def contract_file(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    """The whole contract file as JSON (format `pilotage-contract/1`, in the canonical form the
    catalogue keeps); saved to a file, `pilotage contract check` and `show` read it."""
    version, _grant, _contract = _granted(request, contract_id)
    content: dict[str, Any] = json.loads(version.content)
    return content


# --- results -------------------------------------------------------------------------------------


class ResultFilter(Schema):
    period: str | None = None
    level: str = "institution"
    unit: str | None = None
    objective: str | None = None


@api.get(
    "/contracts/{contract_id}/results",
    response={200: schemas.Results, 422: schemas.Error, **REFUSED},
    tags=["results"],
    summary="Measured figures for a period",
)
def results(request: HttpRequest, contract_id: str, filters: Query[ResultFilter]) -> dict[str, Any]:
    """The figures of the newest published result set of `level` (institution, region, office)
    that contains `period` (default: the last period published), optionally for one org `unit`
    and one `objective` code. `result_set` says which set the figures come from."""
    version, _grant, _contract = _granted(request, contract_id)
    if filters.level not in LEVELS:
        raise ValidationError(f"level {filters.level!r} is not one of {', '.join(LEVELS)}")
    published = published_for(contract_id)
    periods = published.periods()
    period = filters.period or (periods[-1] if periods else None)
    chosen = published.chosen(period, filters.level) if period else None
    if chosen is None or chosen.institution_id != version.institution_id:
        return {
            "contract_id": contract_id,
            "period": period,
            "level": filters.level,
            "result_set": None,
            "figures": [],
        }
    figures = Figure.objects.filter(published_set=chosen, period=period)
    if filters.unit:
        figures = figures.filter(unit=filters.unit)
    if filters.objective:
        figures = figures.filter(objective=filters.objective)
    return {
        "contract_id": contract_id,
        "period": period,
        "level": filters.level,
        "result_set": {
            "id": chosen.store_id,
            "version": chosen.version,
            "level": chosen.level,
            "periods": chosen.periods,
            "computed_at": chosen.computed_at,
            "as_of": chosen.as_of,
            "demo": chosen.demo,
        },
        "figures": list(figures.order_by("row")),
    }


# --- follow-up -----------------------------------------------------------------------------------


def _milestones(states: tuple[MilestoneState, ...]) -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "status": str(m.status),
            "due": m.due,
            "completed_on": m.completion.completed_on if m.completion else None,
            "note": m.note,
        }
        for m in states
    ]


class FollowupFilter(Schema):
    as_of: dt.date | None = Field(None, description="The day to judge on; default: today.")
    status: str | None = Field(None, description="Only the items with this status.")


def _action(a: ActionFollowup) -> dict[str, Any]:
    return {
        "key": a.key,
        "article": a.article.number,
        "number": a.action.number,
        "text": a.action.text.text("fr"),
        "deadline": a.deadline.printed if a.deadline else None,
        "status": str(a.status),
        "next_due": a.next_due,
        "milestones": _milestones(a.milestones),
    }


def _mission(m: MissionFollowup) -> dict[str, Any]:
    return {
        "code": m.key,
        "title": m.mission.title.text("fr"),
        "deadline": m.mission.deadline.printed if m.mission.deadline else None,
        "status": str(m.status),
        "milestones": _milestones(m.milestones),
    }


def _judged(
    request: HttpRequest,
    contract_id: str,
    filters: FollowupFilter,
    follow: Callable[[Contract, Progress, dt.date], Sequence[F]],
    shape: Callable[[F], dict[str, Any]],
) -> tuple[dt.date, list[dict[str, Any]]]:
    """The day judged on and the followed items of the contract with the status asked for."""
    version, _grant, contract = _granted(request, contract_id)
    day = as_of_day(filters.as_of, today())
    found = follow(contract, progress_for(version), day)
    return day, [shape(f) for f in found if filters.status in (None, str(f.status))]


@api.get(
    "/contracts/{contract_id}/actions",
    response={200: schemas.Actions, 422: schemas.Error, **REFUSED},
    tags=["follow-up"],
    summary="Action-commitments with their status",
)
def actions(
    request: HttpRequest, contract_id: str, filters: Query[FollowupFilter]
) -> dict[str, Any]:
    """Every action-commitment with its milestones and status as of `as_of` (default: today in
    Brussels), from the progress recorded on the progress pages."""
    day, found = _judged(request, contract_id, filters, follow_actions, _action)
    return {"contract_id": contract_id, "as_of": day, "actions": found}


@api.get(
    "/contracts/{contract_id}/missions",
    response={200: schemas.Missions, 422: schemas.Error, **REFUSED},
    tags=["follow-up"],
    summary="Continuous missions with their status",
)
def missions(
    request: HttpRequest, contract_id: str, filters: Query[FollowupFilter]
) -> dict[str, Any]:
    """Every continuous mission with its occurrences (cycles) and status as of `as_of`."""
    day, found = _judged(request, contract_id, filters, follow_missions, _mission)
    return {"contract_id": contract_id, "as_of": day, "missions": found}


# --- comments ------------------------------------------------------------------------------------


class CommentFilter(Schema):
    target_type: schemas.TargetTypeName | None = None
    target: str | None = None
    period: str | None = None
    unit: str | None = None
    kind: schemas.KindName | None = None


def _comment(c: Comment, roles: dict[int, str]) -> dict[str, Any]:
    return {
        "id": c.pk,
        "contract_id": c.contract_id,
        "target_type": c.target_type,
        "target": c.target,
        "period": c.period,
        "unit": c.unit,
        "kind": c.kind,
        "text": None if c.withdrawn else c.text,
        "author": c.author.get_username(),
        "author_name": c.author.get_full_name() or c.author.get_username(),
        "author_role": roles.get(c.author_id, ""),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "withdrawn": c.withdrawn,
    }


def _one(version: ContractVersion, comment: Comment) -> dict[str, Any]:
    return _comment(comment, threads.roles_of(version, [comment], display=False))


@api.get(
    "/contracts/{contract_id}/comments",
    response={200: list[schemas.CommentOut], **REFUSED},
    tags=["comments"],
    summary="Comments and justifications",
)
def comment_list(
    request: HttpRequest, contract_id: str, filters: Query[CommentFilter]
) -> list[dict[str, Any]]:
    """The comments of the contract, oldest first, withdrawn ones included (without their
    text); filter by target, period ("" for an action as a whole), unit ("" for the whole
    institution) and kind."""
    version, _grant, _contract = _granted(request, contract_id)
    comments = Comment.objects.filter(contract_id=contract_id, institution=version.institution)
    wanted = {k: v for k, v in filters.dict().items() if v is not None}
    found = list(comments.filter(**wanted).select_related("author"))
    roles = threads.roles_of(version, found, display=False)
    return [_comment(c, roles) for c in found]


@api.post(
    "/contracts/{contract_id}/comments",
    response={201: schemas.CommentOut, 422: schemas.Error, **REFUSED},
    tags=["comments"],
    summary="Add a comment or justification",
)
def comment_post(
    request: HttpRequest, contract_id: str, body: schemas.CommentIn
) -> Status[dict[str, Any]]:
    """Add a comment to the thread of one target for one period and unit. 403 when your role
    may not comment on that target, 404 when the contract has no such target."""
    version, grant, _contract = _granted(request, contract_id)
    where = threads.Target(
        contract_id, TargetType(body.target_type), body.target, body.period, body.unit
    )
    comment = threads.post(request.user, version, grant, where, Kind(body.kind), body.text)
    return Status(201, _one(version, comment))


def _own_comment(
    request: HttpRequest, contract_id: str, comment_id: int
) -> tuple[ContractVersion, Any, Comment]:
    version, grant, _contract = _granted(request, contract_id)
    comment = (
        Comment.objects.filter(pk=comment_id, contract_id=contract_id)
        .select_related("author")
        .first()
    )
    if comment is None:
        raise Http404(f"contract {contract_id} has no comment {comment_id}")
    return version, grant, comment


@api.patch(
    "/contracts/{contract_id}/comments/{comment_id}",
    response={200: schemas.CommentOut, 422: schemas.Error, **REFUSED},
    tags=["comments"],
    summary="Edit your comment",
)
def comment_edit(
    request: HttpRequest, contract_id: str, comment_id: int, body: schemas.CommentEdit
) -> dict[str, Any]:
    """Change the kind or text of your own comment, while you may still comment on its target;
    a withdrawn comment cannot be edited (403)."""
    version, grant, comment = _own_comment(request, contract_id, comment_id)
    kind = Kind(body.kind or comment.kind)
    threads.edit(request.user, version, grant, comment, kind, body.text or comment.text)
    return _one(version, comment)


@api.post(
    "/contracts/{contract_id}/comments/{comment_id}/withdraw",
    response={200: schemas.CommentOut, **REFUSED},
    tags=["comments"],
    summary="Withdraw a comment",
)
def comment_withdraw(request: HttpRequest, contract_id: str, comment_id: int) -> dict[str, Any]:
    """Withdraw your own comment, or any as contract manager or administrator. It stays listed,
    marked withdrawn; the audit trail keeps its text."""
    version, grant, comment = _own_comment(request, contract_id, comment_id)
    threads.withdraw(request.user, version, grant, comment)
    return _one(version, comment)


# --- report packs --------------------------------------------------------------------------------


class PackQuery(Schema):
    period: str
    format: str = "pdf"
    lang: str | None = None
    service: str | None = None
    objective: str | None = None


@api.get(
    "/contracts/{contract_id}/reports/dashboard",
    response={200: None, **REFUSED},
    tags=["reports"],
    summary="The quarterly dashboard pack (DOCX or PDF)",
)
def dashboard_pack(request: HttpRequest, contract_id: str, query: Query[PackQuery]) -> HttpResponse:
    """The dashboard page's report pack for `period`: `format` docx or pdf, `lang` fr or nl
    (default: the interface language), the whole contract or one `service` or `objective`.
    The file the page's download links give, as an attachment."""
    from pilotage.reports import Scope
    from pilotage.web.dashboards.packs import pack_response

    return pack_response(
        request,
        contract_id,
        query.period,
        query.format,
        query.lang,
        Scope(service=query.service, objective=query.objective),
    )
