"""Register pages: adaptation requests (art. 42-43), art. 50 measures, art. 51 notices, art. 48
meetings, and the reminders page. Forms post to the page they are on."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pilotage.errors import PilotageError
from pilotage.evaluation import Art51Stage, MeasureSource
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.changes import (
    create_request,
    decide_request,
    request_changes,
    request_of,
    send_request,
    settle_requests,
    withdraw_request,
)
from pilotage.web.evaluation.registers import (
    Art50Input,
    advance_notice,
    give_notice,
    record_art50,
    record_meeting,
)
from pilotage.web.evaluation.reminding import reminders_for
from pilotage.web.evaluation.views import attempt, day, opened, refused, roles

__all__ = [
    "art50_page",
    "art51_page",
    "meetings_page",
    "reminders_page",
    "request_detail",
    "request_list",
]


def _optional_day(request: HttpRequest, name: str) -> object:
    return day(request, name) if request.POST.get(name, "").strip() else None


@login_required
def request_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:requests", args=[contract_id])
    if request.method == "POST":
        upload = request.FILES.get("file")
        text = upload.read().decode("utf-8") if upload else request.POST.get("amendment", "")
        return attempt(
            request,
            contract_id,
            here,
            lambda: create_request(
                contract_id,
                request.POST.get("kind", ""),
                request.POST.get("title", ""),
                text,
                actor,
            ),
        )
    settle_requests(contract_id)
    rows = m.AdaptationRequest.objects.filter(
        contract_id=contract_id, institution=version.institution
    )
    return render(
        request,
        "evaluation/requests.html",
        {"contract_id": contract_id, "rows": rows, "kinds": m.RequestKind.choices, **roles(grant)},
    )


@login_required
def request_detail(request: HttpRequest, contract_id: str, number: int) -> HttpResponse:
    _version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:request", args=[contract_id, number])
    try:
        req = request_of(contract_id, number)
    except PilotageError as exc:
        raise Http404(str(exc)) from None
    if request.method == "POST":
        action = request.POST.get("action", "")
        note = request.POST.get("note", "")
        jobs = {
            "send": lambda: send_request(req, day(request, "on"), actor),
            "approve": lambda: decide_request(req, True, day(request, "on"), note, actor),
            "reject": lambda: decide_request(req, False, day(request, "on"), note, actor),
            "withdraw": lambda: withdraw_request(req, day(request, "on"), actor),
        }
        if action not in jobs:
            return refused(request, contract_id, PilotageError(f"unknown action {action!r}"), here)
        return attempt(request, contract_id, here, jobs[action])
    settle_requests(contract_id)
    req.refresh_from_db()
    try:
        changes = request_changes(req)
        problem = ""
    except PilotageError as exc:
        changes, problem = [], str(exc)
    return render(
        request,
        "evaluation/request.html",
        {
            "contract_id": contract_id,
            "req": req,
            "changes": changes,
            "problem": problem,
            **roles(grant),
        },
    )


def _int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    try:
        return int(value) if value else None
    except ValueError:
        raise PilotageError(f"{name}: {value!r} is not a whole number") from None


def _decimal(request: HttpRequest, name: str) -> Decimal | None:
    value = request.POST.get(name, "").strip().replace(",", ".")
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        raise PilotageError(f"{name}: {value!r} is not a number") from None


@login_required
def art50_page(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:art50", args=[contract_id])
    if request.method == "POST":

        def job() -> None:
            try:
                source = MeasureSource(request.POST.get("source", ""))
            except ValueError:
                raise PilotageError(
                    "source: law, royal_decree, ministerial_decision or other"
                ) from None
            data = Art50Input(
                day(request, "decided_on"),
                source,
                request.POST.get("description", ""),
                tuple(request.POST.get("objectives", "").replace(";", ",").split(",")),
                _optional_day(request, "communicated_on"),  # type: ignore[arg-type]
                _int(request, "effect_cases"),
                _decimal(request, "effect_fte"),
                _int(request, "effect_days"),
                bool(request.POST.get("proposed_for_weighing")),
                _optional_day(request, "neutralise_from"),  # type: ignore[arg-type]
                _optional_day(request, "neutralise_to"),  # type: ignore[arg-type]
            )
            record_art50(contract_id, data, actor)

        return attempt(request, contract_id, here, job)
    rows = m.Art50Entry.objects.filter(contract_id=contract_id, institution=version.institution)
    return render(
        request,
        "evaluation/art50.html",
        {"contract_id": contract_id, "rows": rows, "sources": m.Source.choices, **roles(grant)},
    )


@login_required
def art51_page(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:art51", args=[contract_id])
    if request.method == "POST":
        if request.POST.get("action") == "give":
            return attempt(
                request,
                contract_id,
                here,
                lambda: give_notice(
                    contract_id,
                    request.POST.get("subject", ""),
                    request.POST.get("reason", ""),
                    day(request, "given_on"),
                    actor,
                ),
            )

        def advance() -> None:
            row = m.Art51Notice.objects.filter(
                contract_id=contract_id,
                institution=version.institution,
                number=_int(request, "number") or 0,
            ).first()
            if row is None:
                raise PilotageError(f"no art. 51 notice no. {request.POST.get('number')}")
            try:
                stage = Art51Stage(request.POST.get("stage", ""))
            except ValueError:
                raise PilotageError("choose the stage the notice moves to") from None
            advance_notice(
                row,
                stage,
                day(request, "on"),
                actor,
                measures=request.POST.get("measures", ""),
                management_committee_opinion_on=_optional_day(request, "committee_on"),  # type: ignore[arg-type]
                college_opinion_on=_optional_day(request, "college_on"),  # type: ignore[arg-type]
            )

        return attempt(request, contract_id, here, advance)
    rows = m.Art51Notice.objects.filter(contract_id=contract_id, institution=version.institution)
    return render(
        request,
        "evaluation/art51.html",
        {
            "contract_id": contract_id,
            "rows": rows,
            "stages": [c for c in m.Art51Stage.choices if c[0] != m.Art51Stage.NOTIFIED],
            **roles(grant),
        },
    )


@login_required
def meetings_page(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:meetings", args=[contract_id])
    if request.method == "POST":
        return attempt(
            request,
            contract_id,
            here,
            lambda: record_meeting(
                contract_id,
                day(request, "held_on"),
                request.POST.get("subject", ""),
                request.POST.get("participants", ""),
                request.POST.get("decisions", ""),
                actor,
            ),
        )
    rows = m.ConcertationMeeting.objects.filter(
        contract_id=contract_id, institution=version.institution
    )
    return render(
        request,
        "evaluation/meetings.html",
        {"contract_id": contract_id, "rows": rows, **roles(grant)},
    )


@login_required
def reminders_page(request: HttpRequest) -> HttpResponse:
    try:
        days = max(0, min(int(request.GET.get("days", "30")), 366))
    except ValueError:
        days = 30
    found = reminders_for(request.user, days)
    return render(request, "evaluation/reminders.html", {"days": days, "found": found})
