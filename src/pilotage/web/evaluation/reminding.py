"""Reminders: every clock due within N days or late, per contract and per person, and the
e-mail digests (`pilotage reminders --send`, safe from cron).

Who is reminded of what, in the institutions they are granted: contract managers and
administrators of every clock; government commissioners of the evaluation steps and of the
adaptation requests awaiting a decision; service owners of the action and mission deadlines of
their services; viewers of nothing. A person without an e-mail address gets no digest. A
reminder put in someone's digest is recorded for the day (`ReminderSent`), so running the
command again the same day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction

from pilotage import followup
from pilotage.evaluation import (
    LegalCalendar,
    Reminder,
    ReminderKind,
    clock_reminders,
    decision_clock,
    followup_reminders,
)
from pilotage.web.accounts.access import User as AnyUser
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.actors import clocks_of
from pilotage.web.evaluation.changes import settle_requests
from pilotage.web.progress.recording import action_codes, contract_of, mission_codes, progress_for

__all__ = ["Digest", "DigestRun", "contract_reminders", "reminders_for", "send_digests"]


def _latest_versions(institutions: Iterable[int] | None = None) -> list[ContractVersion]:
    rows = ContractVersion.objects.select_related("institution").defer("content")
    if institutions is not None:
        rows = rows.filter(institution_id__in=list(institutions))
    latest: dict[tuple[str, int], ContractVersion] = {}
    for v in rows:  # newest first per contract id
        latest.setdefault((v.contract_id, v.institution_id), v)
    return list(latest.values())


@dataclass(frozen=True)
class Owned:
    """A reminder with the service codes it belongs to (for service owners)."""

    reminder: Reminder
    codes: tuple[str | None, ...] = ()


def contract_reminders(version: ContractVersion, within_days: int, today: dt.date) -> list[Owned]:
    """Every clock of one contract due within `within_days` days of `today`, or late."""
    settle_requests(version.contract_id, today)
    contract = contract_of(version)
    language = str(contract.languages[0])
    found: list[Owned] = []
    for evaluation in m.Evaluation.objects.filter(
        contract_id=version.contract_id, institution=version.institution
    ).exclude(state=m.State.CLOSED):
        clocks = [
            (f"{evaluation.year}/{c.name}", f"evaluation of {evaluation.year}: {c.name}", c)
            for c in clocks_of(evaluation, today)
        ]
        found += [
            Owned(r)
            for r in clock_reminders(
                version.contract_id, ReminderKind.EVALUATION, clocks, within_days
            )
        ]
    legal = LegalCalendar.of(contract)
    for req in m.AdaptationRequest.objects.filter(
        contract_id=version.contract_id, institution=version.institution, state=m.RequestState.SENT
    ):
        assert req.sent_on is not None
        rc = decision_clock(legal, req.sent_on, None, today)
        found += [
            Owned(r)
            for r in clock_reminders(
                version.contract_id,
                ReminderKind.ADAPTATION,
                [(f"request {req.number}", f"minister's decision: {req.title}", rc.clock)],
                within_days,
            )
        ]
    upcoming = followup.upcoming(
        contract, progress_for(version), today, within_days, include_overdue=True
    )
    articles = {str(a.number): a for a in contract.articles}
    missions = {str(x.code): x for x in contract.continuous_missions}
    for u, r in zip(
        upcoming, followup_reminders(version.contract_id, upcoming, language, today), strict=True
    ):
        if u.kind == "action":
            codes = action_codes(articles[u.key.split("/")[0]])
        else:
            codes = mission_codes(missions[u.key])
        found.append(Owned(r, codes))
    found.sort(key=lambda o: (o.reminder.due, o.reminder.kind.value, o.reminder.key))
    return found


def _sees(grant: Grant, owned: Owned) -> bool:
    role = Role(grant.role)
    if role in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}:
        return True
    kind = owned.reminder.kind
    if role is Role.GOVERNMENT_COMMISSIONER:
        return kind in (ReminderKind.EVALUATION, ReminderKind.ADAPTATION)
    if role is Role.SERVICE_OWNER:
        owned_codes = {str(c) for c in grant.services or []}
        return kind in (ReminderKind.ACTION, ReminderKind.MISSION) and any(
            c is not None and str(c) in owned_codes for c in owned.codes
        )
    return False


def _grants(user: AnyUser) -> list[Grant]:
    assert user.pk is not None
    grants = list(Grant.objects.filter(user_id=user.pk).select_related("institution"))
    if getattr(user, "is_superuser", False):
        granted = {g.institution_id for g in grants}
        from pilotage.web.accounts.models import Institution

        grants += [
            Grant(user_id=user.pk, institution=i, role=Role.ADMINISTRATOR)
            for i in Institution.objects.exclude(pk__in=granted)
        ]
    return grants


def reminders_for(user: AnyUser, within_days: int, today: dt.date | None = None) -> list[Reminder]:
    """The reminders `user` gets, in the institutions they are granted."""
    day = today or followup.today()
    if not user.is_authenticated:
        return []
    found: list[Reminder] = []
    for grant in _grants(user):
        for version in _latest_versions([grant.institution_id]):
            found += [
                o.reminder for o in contract_reminders(version, within_days, day) if _sees(grant, o)
            ]
    return found


@dataclass
class Digest:
    user: str
    email: str
    reminders: list[Reminder]
    already_sent: int = 0


@dataclass
class DigestRun:
    day: dt.date
    sent: list[Digest] = field(default_factory=list)
    nothing_new: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [
            f"  {d.user} <{d.email}>: {len(d.reminders)} reminder(s) sent"
            + (f", {d.already_sent} already sent today" if d.already_sent else "")
            for d in self.sent
        ]
        if self.nothing_new:
            lines.append(f"  nothing new today for: {', '.join(self.nothing_new)}")
        if self.no_address:
            lines.append(f"  no e-mail address (no digest): {', '.join(self.no_address)}")
        lines.append(f"{len(self.sent)} digest(s) sent on {self.day.isoformat()}")
        return lines


def _body(user: User, reminders: list[Reminder], within_days: int) -> str:
    lines = [
        f"Hello {user.get_full_name() or user.get_username()},",
        "",
        f"pilotage: the deadlines due within {within_days} days or late, in the contracts you "
        "follow:",
        "",
    ]
    for contract_id in dict.fromkeys(r.contract_id for r in reminders):
        lines.append(contract_id)
        lines += [f"  {r.line()}" for r in reminders if r.contract_id == contract_id]
        lines.append("")
    lines.append("You get this digest at most once a day for the same deadline.")
    return "\n".join(lines)


def send_digests(within_days: int, today: dt.date | None = None) -> DigestRun:
    """Send each person the digest of their reminders not sent to them yet today."""
    day = today or followup.today()
    run = DigestRun(day)
    for user in User.objects.filter(is_active=True).order_by("username"):
        found = reminders_for(user, within_days, day)
        if not found:
            continue
        if not user.email:
            run.no_address.append(user.get_username())
            continue
        sent = set(
            m.ReminderSent.objects.filter(user=user, day=day).values_list("ident", flat=True)
        )
        new = [r for r in found if r.ident not in sent]
        if not new:
            run.nothing_new.append(user.get_username())
            continue
        with transaction.atomic():
            m.ReminderSent.objects.bulk_create(
                [m.ReminderSent(user=user, ident=r.ident[:300], day=day) for r in new]
            )
            send_mail(
                f"pilotage: {len(new)} deadline(s) due within {within_days} days or late",
                _body(user, new, within_days),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        run.sent.append(Digest(user.get_username(), user.email, new, len(found) - len(new)))
    return run
