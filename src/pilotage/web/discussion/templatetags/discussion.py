"""`{% comment_thread grant contract_id target_type target period unit %}`: the comments and
justifications on one figure or action for one period, with the form to add one when allowed.

target_type: "figure" (target: objective code), "action" (target: "<article>/<action>", see
`pilotage.followup.action_key`) or "mission" (target: mission code); period:
"2020-Q4", or "" for an action as a whole; unit: the org unit code of the figure, or "" for the
whole institution. The form posts back to the discussion app, which returns to the current page.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.discussion import threads
from pilotage.web.discussion.forms import PostForm
from pilotage.web.discussion.models import TargetType

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(
    context: Any,
    grant: Any,
    contract_id: str,
    target_type: str,
    target: str,
    period: str = "",
    unit: str = "",
) -> SafeString | str:
    # Without its content: the thread needs the institution, the parsed contract is cached.
    version = ContractVersion.objects.filter(contract_id=contract_id).defer("content").first()
    if grant is None or version is None or grant.institution_id != version.institution_id:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user") or AnonymousUser()
    where = threads.Target(contract_id, TargetType(target_type), target, period or "", unit or "")
    try:
        allowed = threads.may_post(grant, version, where.target_type, where.target)
    except Http404:  # a target the contract does not hold: show its thread, offer no form
        allowed = False
    comments = list(threads.thread(where))
    next_url = request.get_full_path() if request is not None else ""
    form = PostForm(
        initial={
            "target_type": where.target_type,
            "target": where.target,
            "period": where.period,
            "unit": where.unit,
            "next": next_url,
        },
        # several threads may share a page: each form's ids are its own
        auto_id="c"
        + hashlib.sha1(repr(where).encode(), usedforsecurity=False).hexdigest()[:8]
        + "_%s",
    )
    return render_to_string(
        "discussion/thread.html",
        {
            "contract_id": contract_id,
            "where": where,
            "rows": threads.shown(user, version, grant, comments),
            "form": form if allowed else None,
            "next": next_url,
        },
        request=request,
    )
