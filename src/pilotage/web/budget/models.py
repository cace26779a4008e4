"""The management budget as stored: the ledger's operations (never edited, never deleted: a
mistake is undone by a counter-operation), the commissioner for the Budget's processing of
transfers and opinions, the statutory part of the personnel credits, and execution imports.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.models import Institution

USER = settings.AUTH_USER_MODEL


class _Kept(models.Model):
    """A row written once: saving it again or deleting it is refused."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self)._default_manager.filter(pk=self.pk).exists():
            raise ValueError(f"{self._meta.label} no. {self.pk} is kept as recorded")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{self._meta.label} no. {self.pk} is kept: record a counter-operation")


class _Scoped(_Kept):
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    contract_id = models.CharField(_("contract id"), max_length=100, db_index=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        abstract = True


class Operation(_Scoped):
    """One operation of the ledger, numbered per contract in the order recorded."""

    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=32)
    on = models.DateField(_("date"))
    author = models.CharField(_("author"), max_length=150)
    basis = models.TextField(_("legal basis"))
    content = models.JSONField(_("operation"), help_text=_("The operation as recorded."))
    demonstration = models.BooleanField(_("demonstration"), default=False)

    class Meta:
        ordering = ("contract_id", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "number"], name="one_budget_number"
            ),
        )
        verbose_name = _("budget operation")
        verbose_name_plural = _("budget operations")

    def __str__(self) -> str:
        return f"{self.contract_id} budget no. {self.number} ({self.kind}, {self.on})"


class Processing(_Kept):
    """The commissioner for the Budget's processing of a transfer (art. 68)."""

    operation = models.OneToOneField(Operation, on_delete=models.PROTECT, related_name="processing")
    on = models.DateField(_("date"))
    by = models.CharField(_("by"), max_length=150)
    reference = models.CharField(_("reference"), max_length=200)
    agreed = models.BooleanField(_("agreed"), default=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")

    @property
    def institution(self) -> Institution:
        return self.operation.institution

    def __str__(self) -> str:
        return f"processing of {self.operation}"


class Opinion(_Scoped):
    """A favourable (or unfavourable) opinion of the commissioner for the Budget, numbered per
    contract; an operation that needs one cites it (art. 64, art. 71 c)."""

    number = models.PositiveIntegerField(_("number"))
    subject = models.TextField(_("subject"))
    on = models.DateField(_("date"))
    by = models.CharField(_("by"), max_length=150)
    reference = models.CharField(_("reference"), max_length=200)
    favourable = models.BooleanField(_("favourable"))
    demonstration = models.BooleanField(_("demonstration"), default=False)

    class Meta:
        ordering = ("contract_id", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "number"], name="one_opinion_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contract_id} opinion no. {self.number} ({self.on})"


class StatutoryPart(_Scoped):
    """The statutory part of the personnel credits of a year, which the cap limits."""

    year = models.PositiveIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=15, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "year"], name="one_statutory_part"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contract_id} statutory personnel {self.year}"


class ExecutionImport(_Scoped):
    """One execution file as imported; the latest import holding a year is its execution."""

    source = models.CharField(_("source"), max_length=500)
    sha256 = models.CharField(max_length=64)
    years = models.JSONField(default=list)
    demonstration = models.BooleanField(_("demonstration"), default=False)

    class Meta:
        ordering = ("contract_id", "-pk")

    def __str__(self) -> str:
        return f"{self.contract_id} execution import no. {self.pk}"


class ExecutionRow(models.Model):
    batch = models.ForeignKey(ExecutionImport, on_delete=models.PROTECT, related_name="rows")
    year = models.PositiveIntegerField()
    month = models.PositiveSmallIntegerField()
    credit = models.CharField(max_length=40)
    article = models.CharField(max_length=16, blank=True)
    committed = models.DecimalField(max_digits=15, decimal_places=2)
    paid = models.DecimalField(max_digits=15, decimal_places=2)
    row = models.PositiveIntegerField()

    class Meta:
        ordering = ("batch", "year", "month", "credit", "article")
