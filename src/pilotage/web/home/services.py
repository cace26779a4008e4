"""What a person's home page shows, built from what the other apps hold (never stored twice).

For each contract the person is granted (its latest catalogue version):

- the figures of the latest period published, at the institution level: a roll-up per status
  for everyone, and, for a service owner, their own objectives (those of their services) with
  the status of each;
- the deadlines that concern them, due within `within` days or late (the reminders' own
  selection: evaluation steps and requests for the commissioners and the contract manager,
  milestones and mission deadlines of their services for a service owner);
- the comment threads awaiting their answer: threads they may write in whose last word is
  someone else's;
- what changed since their previous visit: new comments in those threads, result sets
  published, and (for the roles that read the audit trail) the audit entries of others.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pilotage.engine import Status
from pilotage.evaluation import Reminder
from pilotage.web.accounts.access import can_comment, can_read_audit
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.audit.labels import action_label
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.data import FigureRow, contract_index, published_for
from pilotage.web.dashboards.models import Figure, PublishedSet
from pilotage.web.discussion.models import Comment
from pilotage.web.discussion.threads import codes_for
from pilotage.web.discussion.views import target_url
from pilotage.web.evaluation.reminding import reminders_for
from pilotage.web.home.models import Visit

__all__ = ["Change", "ChangeKind", "ContractHome", "Home", "home_for", "mark_visit"]

LEVEL = "institution"
SHOWN_CHANGES = 25


@dataclass
class MyFigure:
    objective: str
    name: str
    period: str
    status: Status
    value: float | None


@dataclass
class Waiting:
    comment: Comment
    since: dt.datetime
    url: str  # the page of the comment's target, where it is answered


@dataclass
class ContractHome:
    version: ContractVersion
    grant: Grant
    period: str | None = None
    published: PublishedSet | None = None
    rollup: list[tuple[Status, int]] = field(default_factory=list)
    mine: list[MyFigure] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    threads: set[tuple[str, str, str, str]] = field(default_factory=set)  # they may write in

    @property
    def contract_id(self) -> str:
        return str(self.version.contract_id)

    @property
    def owns_services(self) -> bool:
        return Role(self.grant.role) is Role.SERVICE_OWNER


class ChangeKind(StrEnum):
    PUBLISHED = "published"  # a result set published: subject "id vN"
    COMMENT = "comment"  # a comment or justification in a thread of theirs: subject its target
    AUDIT = "audit"  # an audit entry of someone else: subject "action: object"


@dataclass
class Change:
    at: dt.datetime
    contract_id: str
    kind: ChangeKind
    subject: str
    by: str = ""


@dataclass
class Home:
    contracts: list[ContractHome]
    reminders: list[Reminder]
    changes: list[Change]
    previous_visit: dt.datetime | None
    more_changes: int = 0


def _latest_versions(user: User) -> list[tuple[ContractVersion, Grant]]:
    grants = {g.institution_id: g for g in Grant.objects.filter(user_id=user.pk)}
    rows = (
        ContractVersion.objects.filter(institution_id__in=list(grants))
        .select_related("institution")
        .defer("content")
        .order_by("contract_id", "-pk")
    )
    latest: dict[str, tuple[ContractVersion, Grant]] = {}
    for v in rows:
        latest.setdefault(str(v.contract_id), (v, grants[v.institution_id]))
    return [latest[c] for c in sorted(latest)]


def _figures(home: ContractHome, language: str) -> None:
    published = published_for(home.contract_id)
    periods = published.periods()
    if not periods:
        return
    home.period = periods[-1]
    home.published = published.chosen(home.period, LEVEL)
    if home.published is None:
        return
    rows = FigureRow.of(
        Figure.objects.filter(published_set=home.published, period=home.period, level=LEVEL)
    )
    counts = Counter(r.status for r in rows)
    home.rollup = [(s, counts[s]) for s in Status if counts.get(s)]
    if not home.owns_services:
        return
    owned = {str(c) for c in home.grant.services or []}
    index = contract_index(home.version)
    for r in rows:
        info = index.objectives.get(r.objective)
        if info is None or not owned & {str(c) for c in info.access_codes if c is not None}:
            continue
        home.mine.append(
            MyFigure(r.objective, info.name.text(language), r.period, r.status, r.value)
        )


def _key(c: Comment) -> tuple[str, str, str, str]:
    return (c.target_type, c.target, c.period, c.unit)


def _threads(home: ContractHome) -> QuerySet[Comment]:
    return Comment.objects.filter(
        contract_id=home.contract_id, institution_id=home.version.institution_id, withdrawn=False
    ).select_related("author")


def _waiting(home: ContractHome, user: User) -> None:
    last: dict[tuple[str, str, str, str], Comment] = {}
    for c in _threads(home).order_by("created_at", "pk"):
        last[_key(c)] = c
    for key, c in last.items():
        try:
            codes = codes_for(home.version, c.target_type, c.target)
        except Http404:  # a target the current version of the contract no longer has
            continue
        if not can_comment(home.grant, codes):
            continue
        home.threads.add(key)
        if c.author_id != user.pk:
            url = target_url(c) or reverse("discussion:list", args=[home.contract_id])
            home.waiting.append(Waiting(c, c.created_at, url))
    home.waiting.sort(key=lambda w: w.since)


def _changes(homes: list[ContractHome], user: User, since: dt.datetime | None) -> list[Change]:
    if since is None:
        return []
    found: list[Change] = []
    for home in homes:
        for s in PublishedSet.objects.filter(
            contract_id=home.contract_id, publication__isnull=False, computed_at__gt=since
        ):
            subject = f"{s.store_id} v{s.version} ({s.periods}, {s.level})"
            found.append(Change(s.computed_at, home.contract_id, ChangeKind.PUBLISHED, subject))
        for c in _threads(home).filter(created_at__gt=since).exclude(author_id=user.pk):
            if _key(c) in home.threads:
                where = f"{c.target} ({c.period})" if c.period else c.target
                found.append(
                    Change(c.created_at, home.contract_id, ChangeKind.COMMENT, where, str(c.author))
                )
        if can_read_audit(home.grant):
            entries = AuditEntry.objects.filter(
                institution_id=home.version.institution_id, at__gt=since
            ).exclude(who_id=user.pk)
            for e in entries.select_related("who").order_by("-at")[: SHOWN_CHANGES * 2]:
                what = f"{action_label(e.action)}: {e.object_repr}"
                by = str(e.who or "")
                found.append(Change(e.at, home.contract_id, ChangeKind.AUDIT, what, by))
    found.sort(key=lambda c: c.at, reverse=True)
    return found


def home_for(user: User, language: str, within: int = 30, today: dt.date | None = None) -> Home:
    """What `user`'s home page shows now (their previous visit read, not changed)."""
    visit = Visit.objects.filter(user_id=user.pk).first()
    since = visit.seen_at if visit else None
    homes = [ContractHome(v, g) for v, g in _latest_versions(user)]
    for home in homes:
        _figures(home, language)
        _waiting(home, user)
    changes = _changes(homes, user, since)
    return Home(
        homes,
        reminders_for(user, within, today),
        changes[:SHOWN_CHANGES],
        since,
        max(0, len(changes) - SHOWN_CHANGES),
    )


def mark_visit(user: User) -> None:
    """Remember this visit: the next one shows what changed after it."""
    Visit.objects.update_or_create(user_id=user.pk, defaults={"seen_at": timezone.now()})
