"""The review of a candidate result set: what changed against the published set, and publishing.

GET shows the figures that moved (by how much) and why (new import batches with their new and
corrected cases, a changed contract, another as-of day), read from the fact store. POST, for a
contract manager or administrator, publishes the candidate in the store and mirrors it: the
pages show it from then on.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pilotage.engine import changes_between, publish_set
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore, store_path
from pilotage.web.accounts.access import can_edit_catalogue
from pilotage.web.dashboards.data import current_version, published_for
from pilotage.web.dashboards.models import PublishedSet
from pilotage.web.dashboards.sync import sync_results

__all__ = ["review_candidate"]


def _pair(contract_id: str, store_id: int) -> tuple[PublishedSet, PublishedSet]:
    published = published_for(contract_id)
    candidate = next((c for c in published.candidates if c.store_id == store_id), None)
    if candidate is None:
        raise Http404(f"no candidate result set {store_id} of {contract_id}")
    shown = next(
        (s for s in published.sets if (s.periods, s.level) == (candidate.periods, candidate.level)),
        None,
    )
    if shown is None:
        raise Http404(f"no published set of {candidate.periods} {candidate.level} to compare")
    return shown, candidate


@login_required
@require_http_methods(["GET", "POST"])
def review_candidate(request: HttpRequest, contract_id: str, store_id: int) -> HttpResponse:
    from pilotage.web.accounts.access import require_grant

    version = current_version(contract_id)
    grant = require_grant(request.user, version.institution)
    shown, candidate = _pair(contract_id, store_id)
    may_publish = can_edit_catalogue(grant)
    path = store_path()
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied("only a contract manager publishes a result set")
        with DuckDBFactStore(path) as store:
            publish_set(store, candidate.store_id)
        sync_results(path)
        return redirect("dashboards:latest", contract_id=contract_id)
    context: dict[str, Any] = {
        "contract_id": contract_id,
        "grant": grant,
        "shown": shown,
        "candidate": candidate,
        "may_publish": may_publish,
    }
    status = 200
    try:
        with DuckDBFactStore(path, read_only=True) as store:
            review = changes_between(store, shown.store_id, candidate.store_id)
        context["reasons"] = review.reasons
        context["moved"] = [
            {
                "what": c.describe().split(": ", 1)[0],
                "change": c.describe().split(": ", 1)[1],
                "by": c.moved_by,
            }
            for c in review.moved
        ]
    except StoreError as exc:
        context["problem"] = str(exc)
        status = 503
    return render(request, "dashboards/review.html", context, status=status)
