"""Institutions, roles and grants: a user sees only the institutions they are granted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.roles import RoleName


class Role(models.TextChoices):
    """The roles, stored by the names of `RoleName`, labelled in the reader's language."""

    ADMINISTRATOR = RoleName.ADMINISTRATOR.value, _("administrator")
    CONTRACT_MANAGER = RoleName.CONTRACT_MANAGER.value, _("contract manager")
    SERVICE_OWNER = RoleName.SERVICE_OWNER.value, _("service owner")
    GOVERNMENT_COMMISSIONER = RoleName.GOVERNMENT_COMMISSIONER.value, _("government commissioner")
    VIEWER = RoleName.VIEWER.value, _("viewer")


class Institution(models.Model):
    """A public social security institution (INASTI, INAMI...), by its code in contract files."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return str(self.code)


class Grant(models.Model):
    """A user's role in one institution; a service owner also names the services they own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    services = models.JSONField(
        _("services owned"),
        default=list,
        blank=True,
        help_text=_("Codes of the contract's services this service owner answers for."),
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["user", "institution"], name="one_grant_per_institution"
            ),
        )
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.institution}"
