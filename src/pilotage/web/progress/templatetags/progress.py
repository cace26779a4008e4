"""`{{ status|status_badge }}`: a status as text and symbol, readable without colour."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from pilotage.followup import Status

register = template.Library()

LABELS = {
    Status.DONE_ON_TIME: _("done on time"),
    Status.DONE_LATE: _("done late"),
    Status.OVERDUE: _("overdue"),
    Status.DUE_SOON: _("due soon"),
    Status.NOT_DUE: _("not due yet"),
    Status.WAITING_EVENT: _("waiting for an event"),
    Status.UNREADABLE: _("unreadable deadline"),
    Status.NO_DEADLINE: _("no deadline"),
}


@register.filter
def status_label(status: Status | str) -> str:
    return str(LABELS[Status(status)])


@register.filter
def status_badge(status: Status | str) -> SafeString:
    s = Status(status)
    return format_html(
        '<span class="status status-{}"><span aria-hidden="true">{}</span> {}</span>',
        s.value,
        s.symbol,
        LABELS[s],
    )
