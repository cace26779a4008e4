"""Choosing audit entries: the one filter the audit page, its export and `pilotage web audit`
apply, so the same question gives the same entries on every front-end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from pilotage.web.accounts.models import Institution
from pilotage.web.audit.models import AuditEntry

__all__ = ["TrailQuery", "day_start", "select"]


@dataclass(frozen=True)
class TrailQuery:
    """Which entries: of one institution, one kind of object, one author (user name), between
    two days included (Brussels time); None leaves that side open."""

    institution: Institution | None = None
    object_type: str | None = None
    who: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def day_start(day: dt.date) -> dt.datetime:
    """The first instant of `day`, in the installation's time zone."""
    start: dt.datetime = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return start


def select(entries: QuerySet[AuditEntry], query: TrailQuery) -> QuerySet[AuditEntry]:
    """The entries of `entries` that `query` asks for, newest first, with their author and
    institution."""
    if query.institution is not None:
        entries = entries.filter(institution=query.institution)
    if query.object_type:
        entries = entries.filter(object_type=query.object_type)
    if query.who:
        entries = entries.filter(who__username=query.who)
    if query.since is not None:
        entries = entries.filter(at__gte=day_start(query.since))
    if query.until is not None:
        entries = entries.filter(at__lt=day_start(query.until + dt.timedelta(days=1)))
    return entries.select_related("who", "institution").order_by("-at", "-pk")
