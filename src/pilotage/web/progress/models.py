"""Recorded progress of a contract: completions of action milestones, events that happened,
deliveries of continuous missions. One row per milestone, event or cycle: a correction updates
the row, and the audit trail keeps every earlier state (who, when, before, after)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.models import Institution


class _Recorded(models.Model):
    contract_id = models.CharField(_("contract id"), max_length=100, db_index=True)
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when recorded from the command line."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        abstract = True


class _Evidenced(_Recorded):
    evidence = models.TextField(_("evidence"), help_text=_("What shows it was done."))
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="evidence/%Y/", blank=True)

    class Meta:
        abstract = True


class Completion(_Evidenced):
    """An action-commitment's milestone done on `completed_on`."""

    article = models.CharField(_("article"), max_length=32)
    action = models.CharField(_("action"), max_length=32)
    milestone = models.CharField(
        _("milestone"),
        max_length=64,
        help_text=_("Due date, period or cycle of the milestone (see pilotage.followup)."),
    )
    completed_on = models.DateField(_("completed on"))

    class Meta:
        ordering = ("contract_id", "article", "action", "milestone")
        constraints = (
            models.UniqueConstraint(
                fields=["contract_id", "institution", "article", "action", "milestone"],
                name="one_completion_per_milestone",
            ),
        )
        verbose_name = _("completion")
        verbose_name_plural = _("completions")

    @property
    def key(self) -> str:
        return f"{self.article}/{self.action}"

    def __str__(self) -> str:
        return f"{self.contract_id} {self.key} [{self.milestone}] {self.completed_on}"


class EventOccurrence(_Recorded):
    """The day an event a relative deadline waits for happened ("publication de l'arrêté")."""

    event = models.CharField(_("event"), max_length=500)
    occurred_on = models.DateField(_("occurred on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("contract_id", "occurred_on")
        constraints = (
            models.UniqueConstraint(
                fields=["contract_id", "institution", "event"], name="one_date_per_event"
            ),
        )
        verbose_name = _("event occurrence")
        verbose_name_plural = _("event occurrences")

    def __str__(self) -> str:
        return f"{self.contract_id} {self.event[:60]} {self.occurred_on}"


class MissionDelivery(_Evidenced):
    """A continuous mission's occurrence (one cycle: "2013-S1", "2014") delivered."""

    mission = models.CharField(_("mission"), max_length=32)
    cycle = models.CharField(_("cycle"), max_length=64)
    delivered_on = models.DateField(_("delivered on"))

    class Meta:
        ordering = ("contract_id", "mission", "cycle")
        constraints = (
            models.UniqueConstraint(
                fields=["contract_id", "institution", "mission", "cycle"],
                name="one_delivery_per_cycle",
            ),
        )
        verbose_name = _("mission delivery")
        verbose_name_plural = _("mission deliveries")

    def __str__(self) -> str:
        return f"{self.contract_id} {self.mission} [{self.cycle}] {self.delivered_on}"
