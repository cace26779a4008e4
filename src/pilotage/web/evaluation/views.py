"""Evaluation pages: the evaluations of a contract, one evaluation with its clocks and steps,
its items (narrative, positions), its documents in every version. The pages call the service
functions and hold no rule of their own; a refusal is shown with its reason and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pilotage.errors import PilotageError
from pilotage.evaluation import STEPS, AgreedCalendar, Assessment, Party, Step, next_step
from pilotage.evaluation import State as CoreState
from pilotage.web.accounts.access import (
    can_decide_adaptation,
    can_manage_evaluation,
    party_of,
    require_grant,
)
from pilotage.web.accounts.models import Grant
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.data import current_version
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation import services
from pilotage.web.evaluation.changes import settle_requests
from pilotage.web.evaluation.services import Actor

__all__ = [
    "document_page",
    "evaluation_detail",
    "evaluation_list",
    "item_page",
    "refused",
]


def refused(request: HttpRequest, contract_id: str, exc: PilotageError, back: str) -> HttpResponse:
    """The refusal page: what was refused and why, with the way back; nothing was changed."""
    status = int(getattr(exc, "http_status", 400))
    return render(
        request,
        "evaluation/refused.html",
        {"contract_id": contract_id, "message": str(exc), "back": back},
        status=status,
    )


def attempt(
    request: HttpRequest, contract_id: str, back: str, job: Callable[[], Any], done: str = ""
) -> HttpResponse:
    """Run a job of a form; redirect to `done` (default `back`) or show the refusal."""
    try:
        job()
    except PilotageError as exc:
        return refused(request, contract_id, exc, back)
    return redirect(done or back)


def day(request: HttpRequest, name: str) -> dt.date:
    value = request.POST.get(name, "").strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PilotageError(f"{name}: {value!r} is not a day written YYYY-MM-DD") from None


def opened(request: HttpRequest, contract_id: str) -> tuple[ContractVersion, Grant, Actor]:
    version = current_version(contract_id)
    grant = require_grant(request.user, version.institution)
    return version, grant, Actor.of(request.user, version)


def roles(grant: Grant) -> dict[str, Any]:
    party = party_of(grant)
    return {
        "manages": can_manage_evaluation(grant),
        "party": party,
        "decides": can_decide_adaptation(grant),
        "grant": grant,
    }


@login_required
def evaluation_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant, actor = opened(request, contract_id)
    here = reverse("evaluation:list", args=[contract_id])
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", "") or 0)
            evaluation, _ = services.open_evaluation(contract_id, year, actor)
        except ValueError as exc:
            return refused(request, contract_id, PilotageError(f"year: {exc}"), here)
        except PilotageError as exc:
            return refused(request, contract_id, exc, here)
        return redirect("evaluation:detail", contract_id=contract_id, year=evaluation.year)
    settle_requests(contract_id)
    evaluations = m.Evaluation.objects.filter(
        contract_id=contract_id, institution=version.institution
    )
    rows = [(e, services.clocks_of(e)) for e in evaluations]
    return render(
        request,
        "evaluation/list.html",
        {"contract_id": contract_id, "rows": rows, "version": version, **roles(grant)},
    )


def _evaluation(contract_id: str, year: int) -> m.Evaluation:
    from django.http import Http404

    try:
        return services.evaluation_of(contract_id, year)
    except PilotageError as exc:
        raise Http404(str(exc)) from None


@login_required
def evaluation_detail(request: HttpRequest, contract_id: str, year: int) -> HttpResponse:
    _version, grant, actor = opened(request, contract_id)
    evaluation = _evaluation(contract_id, year)
    here = reverse("evaluation:detail", args=[contract_id, year])
    if request.method == "POST":
        return _detail_post(request, evaluation, actor, here)
    state = CoreState(evaluation.state)
    coming = next_step(state)
    items = services.report_items(evaluation)
    versions = evaluation.versions.order_by("kind", "number")
    legal = services.legal_calendar(evaluation)
    return render(
        request,
        "evaluation/detail.html",
        {
            "contract_id": contract_id,
            "evaluation": evaluation,
            "state_label": m.State(evaluation.state).label,
            "clocks": services.clocks_of(evaluation),
            "steps": evaluation.steps.select_related("by"),
            "next_step": coming.value if coming else None,
            "next_label": m.StepName(coming.value).label if coming else "",
            "items": items,
            "versions": versions,
            "legal_draft_due": legal.draft_due(year) if not evaluation.agreed_calendar else None,
            "today": services.today(),
            "step_names": [s.value for s in STEPS],
            **roles(grant),
        },
    )


def _detail_post(
    request: HttpRequest, evaluation: m.Evaluation, actor: Actor, here: str
) -> HttpResponse:
    contract_id, action = evaluation.contract_id, request.POST.get("action", "")
    jobs: dict[str, Callable[[], Any]] = {
        "step": lambda: services.record_step(
            evaluation,
            Step(request.POST.get("step", "")),
            day(request, "on"),
            actor,
            request.POST.get("note", ""),
        ),
        "calendar": lambda: services.agree_calendar(
            evaluation,
            AgreedCalendar(
                day(request, "draft_due"),
                int(request.POST.get("meeting_within", "15")),
                int(request.POST.get("report_within", "15")),
                day(request, "agreed_on"),
                request.POST.get("note", ""),
            ),
            actor,
        ),
        "revise": lambda: services.revise_document(
            evaluation, request.POST.get("kind", ""), request.POST.get("reason", ""), actor
        ),
        "send": lambda: services.send_revision(
            evaluation, request.POST.get("kind", ""), day(request, "on"), actor
        ),
        "reassemble": lambda: services.open_evaluation(contract_id, evaluation.year, actor),
    }
    job = jobs.get(action)
    if job is None:
        return refused(request, contract_id, PilotageError(f"unknown action {action!r}"), here)
    try:
        job()
    except ValueError as exc:
        return refused(request, contract_id, PilotageError(str(exc)), here)
    except PilotageError as exc:
        return refused(request, contract_id, exc, here)
    return redirect(here)


@login_required
def item_page(request: HttpRequest, contract_id: str, year: int, key: str) -> HttpResponse:
    _version, grant, actor = opened(request, contract_id)
    evaluation = _evaluation(contract_id, year)
    here = reverse("evaluation:item", args=[contract_id, year, key])
    if request.method == "POST":
        text = request.POST.get("text", "")
        if request.POST.get("action") == "narrative":
            return attempt(
                request,
                contract_id,
                here,
                lambda: services.edit_narrative(evaluation, key, text, actor),
            )
        party = Party(actor.party) if actor.party else Party.INSTITUTION
        if request.POST.get("party") in {p.value for p in Party}:
            party = Party(request.POST["party"])

        def position() -> None:
            try:
                assessment = Assessment(request.POST.get("assessment", ""))
            except ValueError:
                raise PilotageError("choose an assessment: met, partly met, not met") from None
            services.write_position(evaluation, key, party, assessment, text, actor)

        return attempt(request, contract_id, here, position)
    found = next((i for i in services.report_items(evaluation) if i.item.key == key), None)
    if found is None:
        from django.http import Http404

        raise Http404(f"no item {key!r} in the evaluation of {year}")
    draft = evaluation.versions.filter(kind="draft").order_by("-number").first()
    report = evaluation.versions.filter(kind="report").order_by("-number").first()
    return render(
        request,
        "evaluation/item.html",
        {
            "contract_id": contract_id,
            "evaluation": evaluation,
            "entry": found,
            "draft_open": draft is not None and draft.sent_on is None,
            "report_open": report is not None and report.sent_on is None,
            "assessments": m.Assessment.choices,
            **roles(grant),
        },
    )


@login_required
def document_page(request: HttpRequest, contract_id: str, year: int, kind: str) -> HttpResponse:
    _version, grant, _actor = opened(request, contract_id)
    evaluation = _evaluation(contract_id, year)
    if kind not in m.DocumentKind.values:
        from django.http import Http404

        raise Http404(f"no document {kind!r}: draft or report")
    number = request.GET.get("version")
    try:
        document = services.document_of(evaluation, kind, int(number) if number else None)
    except (PilotageError, ValueError) as exc:
        from django.http import Http404

        raise Http404(str(exc)) from None
    versions = evaluation.versions.filter(kind=kind).order_by("number")
    return render(
        request,
        "evaluation/document.html",
        {
            "contract_id": contract_id,
            "evaluation": evaluation,
            "document": document,
            "kind_label": m.DocumentKind(kind).label,
            "versions": versions,
            "assessment_labels": dict(m.Assessment.choices),
            **roles(grant),
        },
    )
