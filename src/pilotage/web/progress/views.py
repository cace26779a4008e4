"""Pages of action-commitments, upcoming deadlines, events and continuous missions.

Every page reads the latest contract version, for users granted its institution, at an as-of
day: today in Brussels, or `?as_of=YYYY-MM-DD` to look back. Recording (POST) is allowed by
`can_edit_progress` for the item's codes (see `recording.action_codes` and `mission_codes`);
a refused role gets 403, never a silently ignored form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pilotage.contract import Contract, Language
from pilotage.errors import BadQuery
from pilotage.followup import (
    DEFAULT_SOON_DAYS,
    ActionFollowup,
    FollowupError,
    MissionFollowup,
    Progress,
    Status,
    count_statuses,
    events_of,
    find_action,
    find_mission,
    follow_action,
    follow_actions,
    follow_mission,
    follow_missions,
    today,
    upcoming,
)
from pilotage.web.accounts.access import can_edit_progress, can_read_audit, grant_for
from pilotage.web.accounts.models import Grant
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.loading import latest
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.progress.forms import CompletionForm, DeliveryForm, EventForm
from pilotage.web.progress.models import Completion, EventOccurrence, MissionDelivery
from pilotage.web.progress.recording import (
    action_codes,
    contract_of,
    mission_codes,
    progress_for,
    record_completion,
    record_delivery,
    record_event,
)
from pilotage.web.queries import as_of_day


@dataclass
class Page:
    """What every progress page starts from."""

    request: HttpRequest
    version: ContractVersion
    contract: Contract
    grant: Grant
    as_of: dt.date
    progress: Progress

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "contract_id": self.version.contract_id,
            "version": self.version,
            "contract": self.contract,
            "grant": self.grant,
            "as_of": self.as_of,
            "looking_back": self.as_of != today(),
            "lang": _language(),
            "stamp": self.stamp(),
            **extra,
        }

    def stamp(self) -> str:
        """What the page's lists depend on besides the version, day and language: everything
        recorded (the key of their rendering kept in the cache)."""
        state = f"{self.version.pk}:{self.version.sha256}:{self.progress!r}"
        return hashlib.sha256(state.encode()).hexdigest()[:32]

    def render(self, template: str, **extra: Any) -> HttpResponse:
        response = render(self.request, f"progress/{template}", self.context(**extra))
        if getattr(extra.get("form"), "stale", False):
            response.status_code = STALE  # a stale form: nothing was saved
        return response


def _view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A progress page: login required (a BadQuery is answered 400 by the error middleware)."""
    wrapped_view: Callable[..., HttpResponseBase] = login_required(view)
    return wrapped_view


def _language() -> str:
    code = translation.get_language() or "fr"
    return code if code in {lang.value for lang in Language} else "fr"


def _granted(request: HttpRequest, contract_id: str) -> tuple[ContractVersion, Grant]:
    """The contract's latest version and the user's grant: 404 or 403 otherwise."""
    version = latest(contract_id)
    if version is None:
        raise Http404(f"no contract {contract_id!r} in the catalogue")
    grant = grant_for(request.user, version.institution)
    if grant is None:
        raise PermissionDenied(f"not granted institution {version.institution.code}")
    return version, grant


def _page(request: HttpRequest, contract_id: str) -> Page:
    version, grant = _granted(request, contract_id)
    as_of = as_of_day(request.GET.get("as_of"), today())
    return Page(request, version, contract_of(version), grant, as_of, progress_for(version))


def _back(request: HttpRequest, url: str, key: str) -> HttpResponse:
    """Back to the page, its form open on the milestone or cycle `key` just recorded (never on
    another one, which a second click would then record)."""
    query = {"saved": key, **({"as_of": request.GET["as_of"]} if request.GET.get("as_of") else {})}
    return redirect(f"{url}?{urlencode(query)}")


def _state(rows: Any) -> str:
    """A digest of what is recorded for one action or mission, drawn into its form: if it has
    changed when the form comes back, the form was stale."""
    seen = sorted(
        (r.pk, str(r.recorded_at), r.evidence, r.evidence_link, r.evidence_file.name) for r in rows
    )
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:16]


STALE = 409


@_view
def action_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    page = _page(request, contract_id)
    followups = follow_actions(page.contract, page.progress, page.as_of)
    wanted = request.GET.get("status", "")
    if wanted and wanted not in {s.value for s in Status}:
        raise BadQuery(
            _("status=%(value)s is not a status; use one of: %(choices)s")
            % {"value": wanted, "choices": ", ".join(s.value for s in Status)}
        )
    shown = [f for f in followups if not wanted or f.status.value == wanted]
    groups: dict[str, list[Any]] = {}
    for f in shown:
        groups.setdefault(str(f.article.number), []).append(f)
    articles = [
        (a, groups[str(a.number)]) for a in page.contract.articles if str(a.number) in groups
    ]
    return page.render(
        "action_list.html",
        counts=count_statuses(followups),
        total=len(followups),
        shown=len(shown),
        wanted=wanted,
        articles=articles,
        soon_days=DEFAULT_SOON_DAYS,
    )


@_view
def upcoming_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    page = _page(request, contract_id)
    try:
        within = max(0, min(int(request.GET.get("within", "60")), 3660))
    except ValueError:
        raise BadQuery(_("within must be a number of days, e.g. within=60.")) from None
    found = upcoming(page.contract, page.progress, page.as_of, within, include_overdue=True)
    return page.render(
        "upcoming.html",
        overdue=[u for u in found if u.milestone.due and u.milestone.due < page.as_of],
        coming=[u for u in found if u.milestone.due and u.milestone.due >= page.as_of],
        within=within,
    )


def _milestone_choices(followup: ActionFollowup | MissionFollowup) -> list[tuple[str, str]]:
    out = []
    due_word = _("due")
    for m in followup.milestones:
        due = f" — {due_word} {m.due.isoformat()}" if m.due else ""
        out.append((m.key, f"{m.key}{due}"))
    return out


def _first_open(followup: ActionFollowup | MissionFollowup) -> str | None:
    keys = [m.key for m in followup.milestones if not m.status.done]
    keys += [m.key for m in followup.milestones]
    return keys[0] if keys else None


def _submit(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    url: str,
    key_field: str,
    state: str,
) -> HttpResponse | None:
    """Save a valid form and redirect back; None to show the form with its errors. A form drawn
    before the last change (its `seen` differs from `state`) is refused, nothing saved."""
    if form.is_valid():
        seen = form.cleaned_data.get("seen")
        if seen and seen != state:
            form.stale = True  # answered 409 by the page
            form.add_error(
                None,
                _(
                    "This form is out of date: something was recorded here since the page was "
                    "opened. Nothing was saved; check the milestones above and record again."
                ),
            )
            return None
        try:
            save(form.cleaned_data)
        except FollowupError as exc:
            form.add_error(None, str(exc))
        else:
            return _back(request, url, form.cleaned_data[key_field])
    return None


def _saved(request: HttpRequest, choices: list[tuple[str, str]]) -> str | None:
    """The milestone or cycle just recorded (?saved=KEY), if it is one of the choices."""
    key = request.GET.get("saved")
    return key if key in {k for k, _ in choices} else None


def _refuse_unless(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"your role may not record {what}")


@_view
def action_detail(
    request: HttpRequest, contract_id: str, article: str, action: str
) -> HttpResponse:
    page = _page(request, contract_id)
    key = f"{article}/{action}"
    try:
        art, act = find_action(page.contract, key)
    except FollowupError as exc:
        raise Http404(str(exc)) from None
    followup = follow_action(page.contract, art, act, page.progress, page.as_of)
    may_edit = can_edit_progress(page.grant, action_codes(art))
    choices = _milestone_choices(follow_action(page.contract, art, act, page.progress, today()))
    scope = {"contract_id": page.version.contract_id, "institution": page.version.institution}
    rows = Completion.objects.filter(**scope, article=str(art.number), action=str(act.number))
    state = _state(rows)
    form = None
    if request.method == "POST":
        _refuse_unless(may_edit, "progress of this action")
        form = CompletionForm(request.POST, request.FILES, milestones=choices)
        url = reverse("progress:action-detail", args=[contract_id, article, action])
        done = _submit(
            request,
            form,
            lambda d: record_completion(
                page.version,
                key,
                d["milestone"],
                d["completed_on"],
                d["evidence"],
                link=d["evidence_link"],
                file=d["evidence_file"],
                who=request.user,
            ),
            url,
            "milestone",
            state,
        )
        if done is not None:
            return done
    recorded = {row.milestone: row for row in rows}
    saved = _saved(request, choices)
    chosen = None
    if request.method != "POST" and may_edit and choices:
        # ?milestone=KEY opens the form on that milestone, and after a save it stays on the one
        # just recorded; a recorded one comes filled in, to be corrected rather than typed again.
        asked = request.GET.get("milestone") or saved
        chosen = asked if asked in {k for k, _ in choices} else _first_open(followup)
        initial: dict[str, Any] = {"milestone": chosen, "completed_on": today(), "seen": state}
        done_row = recorded.get(chosen or "")
        if done_row is not None:
            initial.update(
                completed_on=done_row.completed_on,
                evidence=done_row.evidence,
                evidence_link=done_row.evidence_link,
            )
        form = CompletionForm(milestones=choices, initial=initial)
    return page.render(
        "action_detail.html",
        history=_history(page.grant, list(rows)),
        orphans=_orphans(recorded, {m.key for m in followup.milestones}),
        f=followup,
        key=key,
        form=form,
        chosen=chosen,
        chosen_row=recorded.get(chosen or ""),
        may_edit=may_edit,
        # A row recorded after the as-of day is not shown when looking back.
        milestones=[
            (m, recorded.get(m.key) if m.completion else None) for m in followup.milestones
        ],
        saved=saved,
    )


def _history(grant: Grant, rows: list[Any]) -> list[AuditEntry] | None:
    """The audit entries of `rows`, newest first, for the roles that may read the trail."""
    if not can_read_audit(grant):
        return None
    if not rows:
        return []
    label = rows[0]._meta.label
    ids = [str(row.pk) for row in rows]
    return list(
        AuditEntry.objects.filter(object_type=label, object_id__in=ids).select_related("who")
    )


def _orphans(recorded: dict[str, Any], keys: set[str]) -> list[Any]:
    """Rows recorded for milestones the current contract version does not have."""
    return [row for key, row in sorted(recorded.items()) if key not in keys]


def _event_codes(actions: list[Any]) -> list[str | None]:
    return [code for article, _ in actions for code in action_codes(article)]


@_view
def event_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    page = _page(request, contract_id)
    events = events_of(page.contract)
    editable = [
        name for name, acts in events.items() if can_edit_progress(page.grant, _event_codes(acts))
    ]
    choices = [(name, name) for name in editable]
    form = None
    if request.method == "POST":
        name = request.POST.get("event", "")
        _refuse_unless(bool(editable) and (name not in events or name in editable), "this event")
        form = EventForm(request.POST, events=choices)
        done = _submit(
            request,
            form,
            lambda d: record_event(
                page.version, d["event"], d["occurred_on"], note=d["note"], who=request.user
            ),
            reverse("progress:events", args=[contract_id]),
            "event",
            "",
        )
        if done is not None:
            return done
    elif editable:
        form = EventForm(events=choices, initial={"occurred_on": today()})
    scope = {"contract_id": page.version.contract_id, "institution": page.version.institution}
    rows = {e.event: e for e in EventOccurrence.objects.filter(**scope)}
    listing = [
        (name, rows.get(name), [(a, x, f"{a.number}/{x.number}") for a, x in acts])
        for name, acts in events.items()
    ]
    return page.render(
        "events.html", events=listing, form=form, saved=bool(request.GET.get("saved"))
    )


@_view
def evidence_file(request: HttpRequest, contract_id: str, kind: str, pk: int) -> FileResponse:
    """An uploaded evidence file, for the users granted the contract's institution."""
    version, _grant = _granted(request, contract_id)
    scope = {"pk": pk, "contract_id": contract_id, "institution": version.institution}
    row: Completion | MissionDelivery | None
    if kind == "completion":
        row = Completion.objects.filter(**scope).first()
    elif kind == "delivery":
        row = MissionDelivery.objects.filter(**scope).first()
    else:
        raise Http404(kind)
    if row is None or not row.evidence_file:
        raise Http404("no such evidence file")
    name = row.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(row.evidence_file.open("rb"), as_attachment=True, filename=name)


@_view
def mission_list(request: HttpRequest, contract_id: str) -> HttpResponse:
    page = _page(request, contract_id)
    missions = follow_missions(page.contract, page.progress, page.as_of)
    return page.render("mission_list.html", missions=missions, counts=count_statuses(missions))


@_view
def mission_detail(request: HttpRequest, contract_id: str, code: str) -> HttpResponse:
    page = _page(request, contract_id)
    try:
        mission = find_mission(page.contract, code)
    except FollowupError as exc:
        raise Http404(str(exc)) from None
    followup = follow_mission(page.contract, mission, page.progress, page.as_of)
    may_edit = can_edit_progress(page.grant, mission_codes(mission))
    choices = _milestone_choices(followup)
    scope = {"contract_id": page.version.contract_id, "institution": page.version.institution}
    rows = MissionDelivery.objects.filter(**scope, mission=str(mission.code))
    state = _state(rows)
    form = None
    if request.method == "POST":
        _refuse_unless(may_edit, "deliveries of this mission")
        form = DeliveryForm(request.POST, request.FILES, cycles=choices)
        done = _submit(
            request,
            form,
            lambda d: record_delivery(
                page.version,
                code,
                d["cycle"],
                d["delivered_on"],
                d["evidence"],
                link=d["evidence_link"],
                file=d["evidence_file"],
                who=request.user,
            ),
            reverse("progress:mission-detail", args=[contract_id, code]),
            "cycle",
            state,
        )
        if done is not None:
            return done
    saved = _saved(request, choices)
    chosen = None
    if request.method != "POST" and may_edit and choices:
        chosen = saved or _first_open(followup)
        initial = {"cycle": chosen, "delivered_on": today(), "seen": state}
        form = DeliveryForm(cycles=choices, initial=initial)
    recorded = {row.cycle: row for row in rows}
    return page.render(
        "mission_detail.html",
        history=_history(page.grant, list(rows)),
        orphans=_orphans(recorded, {m.key for m in followup.milestones}),
        m=followup,
        form=form,
        may_edit=may_edit,
        milestones=[
            (ms, recorded.get(ms.key) if ms.completion else None) for ms in followup.milestones
        ],
        chosen=chosen,
        chosen_row=recorded.get(chosen or ""),
        saved=saved,
    )
