"""The audit trail page: the entries of the institutions the reader may audit, filtered, paged,
each change shown as a field-by-field diff of its state before and after.

An entry belongs to the institution of the object that changed (`AuditEntry.institution`);
installation-wide entries (no institution) are shown to superusers only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.access import User, can_read_audit, institutions_for
from pilotage.web.accounts.models import Grant, Institution
from pilotage.web.audit.diffs import diff
from pilotage.web.audit.export import EXPORT_MAX, audit_workbook
from pilotage.web.audit.labels import action_label
from pilotage.web.audit.models import AuditEntry
from pilotage.web.audit.trail import TrailQuery, select
from pilotage.web.caching import cache_key
from pilotage.web.dashboards.xlsx import CONTENT_TYPE

PAGE_SIZE = 50


def auditable(user: User) -> list[Institution]:
    """The institutions whose trail `user` may read (`can_read_audit` on their grant), in one
    query."""
    if not user.is_authenticated:
        return []
    if getattr(user, "is_superuser", False):
        return institutions_for(user)
    grants = Grant.objects.filter(user_id=user.pk).select_related("institution")
    return [g.institution for g in grants if can_read_audit(g)]


def visible_entries(
    user: User, institutions: list[Institution] | None = None
) -> QuerySet[AuditEntry]:
    """Every entry `user` may read (of `institutions`, their `auditable` ones); PermissionDenied
    when they may read none."""
    if institutions is None:
        institutions = auditable(user)
    if not institutions:
        raise PermissionDenied("may not read the audit trail of any institution")
    visible = Q(institution__in=institutions)
    if getattr(user, "is_superuser", False):
        visible |= Q(institution=None)
    return AuditEntry.objects.filter(visible)


class Filters(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        to_field_name="code",
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    who = forms.ChoiceField(label=_("User"), required=False)
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self,
        data: Any,
        institutions: list[Institution],
        object_types: list[str],
        users: list[str],
    ) -> None:
        super().__init__(data)
        institution = self.fields["institution"]
        object_type = self.fields["object_type"]
        who = self.fields["who"]
        assert isinstance(institution, forms.ModelChoiceField)
        assert isinstance(object_type, forms.ChoiceField)
        assert isinstance(who, forms.ChoiceField)
        institution.queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions])
        object_type.choices = [("", _("all")), *((t, t) for t in object_types)]
        who.choices = [("", _("all")), *((u, u) for u in users)]

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        query = TrailQuery(
            institution=data["institution"],
            object_type=data["object_type"] or None,
            who=data["who"] or None,
            since=data["since"],
            until=data["until"],
        )
        return select(entries, query)


def _choices(
    entries: QuerySet[AuditEntry], institutions: list[Institution]
) -> tuple[list[str], list[str]]:
    """The object types and users the filters offer, read once per state of the trail (its
    newest entry) rather than at every page."""
    newest = entries.order_by("-pk").values_list("pk", flat=True).first()
    key = cache_key("audit-choices", newest, *sorted(i.pk for i in institutions))
    found: tuple[list[str], list[str]] | None = cache.get(key)
    if found is None:
        object_types = sorted(set(entries.values_list("object_type", flat=True)))
        users = sorted(set(entries.exclude(who=None).values_list("who__username", flat=True)))
        found = (object_types, users)
        cache.set(key, found)
    return found


def _filtered(request: HttpRequest) -> tuple[Filters, QuerySet[AuditEntry]]:
    institutions = auditable(request.user)
    entries = visible_entries(request.user, institutions)
    object_types, users = _choices(entries, institutions)
    filters = Filters(request.GET or None, institutions, object_types, users)
    if filters.is_bound and filters.is_valid():
        entries = filters.apply(entries)
    return filters, entries.select_related("who", "institution")


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    filters, entries = _filtered(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/entry_list.html",
        {
            "filters": filters,
            "page": page,
            "rows": [
                (e, action_label(e.action), diff(e.before, e.after, e.object_type)) for e in page
            ],
            "query": query.urlencode(),
        },
    )


@login_required
def entry_export(request: HttpRequest) -> HttpResponse:
    """The entries the page's filters select, all of them, as XLSX: one row per changed field,
    named in the reader's language; the time of each entry a date-time cell."""
    filters, entries = _filtered(request)
    if filters.is_bound and not filters.is_valid():  # never export more than was asked for
        problems = "; ".join(
            f"{k}: {' '.join(str(e) for e in v)}" for k, v in filters.errors.items()
        )
        return HttpResponseBadRequest(f"bad filter, nothing exported: {problems}")
    response = HttpResponse(audit_workbook(entries[:EXPORT_MAX]), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="audit-trail.xlsx"'
    return response
