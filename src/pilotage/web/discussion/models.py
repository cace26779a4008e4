"""A comment or justification on one figure, action-commitment or continuous mission."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.models import Institution


class TargetType(models.TextChoices):
    FIGURE = "figure", _("figure")  # target: an objective code ("VOB 2-01")
    ACTION = "action", _("action-commitment")  # target: "ARTICLE/ACTION" ("11/2", "21/1.a")
    MISSION = "mission", _("continuous mission")  # target: a mission code ("36.1")


class Kind(models.TextChoices):
    COMMENT = "comment", _("comment")
    JUSTIFICATION = "justification", _("justification")


class Comment(models.Model):
    """Never deleted: a comment is withdrawn, and every change is in the audit trail."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="comments")
    contract_id = models.CharField(_("contract id"), max_length=100)
    target_type = models.CharField(_("on"), max_length=16, choices=TargetType.choices)
    target = models.CharField(_("target"), max_length=100)
    period = models.CharField(
        _("period"), max_length=20, blank=True, help_text=_("Empty for an action as a whole.")
    )
    unit = models.CharField(
        _("unit"), max_length=64, blank=True, help_text=_("Empty for the whole institution.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("text"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ("created_at", "pk")
        indexes = (
            models.Index(
                fields=["contract_id", "target_type", "target", "period", "unit"],
                name="comment_thread",
            ),
        )
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        where = " ".join(p for p in (self.target, self.period, self.unit) if p)
        return f"{self.contract_id} {self.target_type} {where}: {self.kind} #{self.pk}"
