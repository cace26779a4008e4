"""Comment pages: the contract's comment list, posting, editing and withdrawing a comment.

Every view loads the contract for a granted user only (404 unknown, 403 not granted); writing
goes through `threads`, which checks `can_comment` and writes the audit trail.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from pilotage.web.discussion import threads
from pilotage.web.discussion.forms import EditForm, ListFilter, PostForm
from pilotage.web.discussion.models import Comment, Kind, TargetType


def _back(request: HttpRequest, contract_id: str, next_url: str | None) -> HttpResponseRedirect:
    """Back to `next` when it is a page of this site, else to the contract's comment list."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(reverse("discussion:list", args=[contract_id]))


def target_url(comment: Comment) -> str | None:
    """The page that shows the comment's target: the objective's dashboard for its period, the
    action's or the mission's follow-up page."""
    cid = comment.contract_id
    if comment.target_type == TargetType.FIGURE:
        if not comment.period:
            return None
        return str(reverse("dashboards:objective", args=[cid, comment.period, comment.target]))
    if comment.target_type == TargetType.ACTION:
        article, _, action = comment.target.partition("/")
        return str(reverse("progress:action-detail", args=[cid, article, action]))
    return str(reverse("progress:mission-detail", args=[cid, comment.target]))


@login_required
def comment_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant = threads.granted_version(request.user, contract_id)
    filters = ListFilter(request.GET or None)
    comments = Comment.objects.filter(contract_id=contract_id, institution=version.institution)
    if filters.is_valid():
        for field in ("period", "target_type", "kind"):
            if filters.cleaned_data[field]:
                comments = comments.filter(**{field: filters.cleaned_data[field]})
    rows = list(comments.select_related("author").order_by("target_type", "target", "created_at"))
    periods = (
        Comment.objects.filter(contract_id=contract_id, institution=version.institution)
        .exclude(period="")
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")
    )
    return render(
        request,
        "discussion/comment_list.html",
        {
            "contract_id": contract_id,
            "version": version,
            "filters": filters,
            "periods": list(periods),
            "rows": [
                (row, target_url(row.comment))
                for row in threads.shown(request.user, version, grant, rows)
            ],
        },
    )


@login_required
@require_POST
def comment_post(request: HttpRequest, contract_id: str) -> HttpResponse:
    version, grant = threads.granted_version(request.user, contract_id)
    form = PostForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        where = threads.Target(
            contract_id,
            TargetType(data["target_type"]),
            data["target"],
            data["period"],
            data["unit"],
        )
        try:
            threads.post(request.user, version, grant, where, Kind(data["kind"]), data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(request, contract_id, data["next"])
    return render(
        request,
        "discussion/comment_form.html",
        {"contract_id": contract_id, "form": form, "action": request.path},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, contract_id: str, pk: int) -> HttpResponse:
    version, grant = threads.granted_version(request.user, contract_id)
    comment = get_object_or_404(Comment, pk=pk, contract_id=contract_id)
    if not threads.may_edit(request.user, grant, version, comment):
        raise PermissionDenied(f"may not edit comment {comment.pk}")
    form = EditForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": comment.kind, "text": comment.text},
    )
    if form.is_valid():
        data = form.cleaned_data
        threads.edit(request.user, version, grant, comment, Kind(data["kind"]), data["text"])
        return _back(request, contract_id, request.POST.get("next"))
    return render(
        request,
        "discussion/comment_form.html",
        {
            "contract_id": contract_id,
            "form": form,
            "comment": comment,
            "action": request.path,
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def comment_withdraw(request: HttpRequest, contract_id: str, pk: int) -> HttpResponse:
    version, grant = threads.granted_version(request.user, contract_id)
    comment = get_object_or_404(Comment, pk=pk, contract_id=contract_id)
    threads.withdraw(request.user, version, grant, comment)
    return _back(request, contract_id, request.POST.get("next"))
