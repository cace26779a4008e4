"""Published result sets, mirrored from the fact store for the pages.

The engine publishes immutable, versioned result sets into the DuckDB fact store
(`pilotage.engine.results`). The dashboard pages read a copy of them in the web database, made by
`pilotage.web.dashboards.sync.sync_results`: a `PublishedSet` per result set, a `Figure` per
result row, a `Publication` when the store has published it (a set without one is a candidate,
shown only on the review page). The copy is never updated: a set published again is a new set
(a new version). Like the store, the models refuse it: saving an existing set, figure or
publication again, deleting a published set or its figures, or a queryset update or delete
touching them, raises `PublishedSetError`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.errors import PublishedSetError
from pilotage.web.accounts.models import Institution


def _refuse(what: object, doing: str) -> PublishedSetError:
    return PublishedSetError(
        f"cannot {doing} {what}: a mirrored result set never changes "
        "(measure again and publish the new set)"
    )


class _Immutable(models.QuerySet[Any]):
    """Refuses `update` always, and `delete` of rows that belong to a published set."""

    published_path = ""  # the lookup from a row to its set's publication

    def update(self, **kwargs: Any) -> int:
        raise _refuse(self.model._meta.verbose_name_plural, "update")

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(**{f"{self.published_path}__isnull": False}).exists():
            raise _refuse(f"published {self.model._meta.verbose_name_plural}", "delete")
        return super().delete()


class _Sets(_Immutable):
    published_path = "publication"


class _Figures(_Immutable):
    published_path = "published_set__publication"


class _Publications(_Immutable):
    published_path = "id"  # every publication is of a published set


class _WrittenOnce(models.Model):
    """A row written once: save() of an existing row and delete() of a published one refuse."""

    class Meta:
        abstract = True

    def is_published(self) -> bool:
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.pk is not None:  # no pk: an insert
            raise _refuse(self, "save again")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_published():
            raise _refuse(self, "delete")
        return super().delete(*args, **kwargs)


class PublishedSet(_WrittenOnce):
    """One published result set: its identity in the store and its provenance."""

    store_id = models.BigIntegerField(_("result set id"))
    contract_id = models.CharField(_("contract id"), max_length=100)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="published_sets"
    )
    contract_sha256 = models.CharField(_("contract SHA-256"), max_length=64)
    periods = models.CharField(_("periods"), max_length=100)
    level = models.CharField(_("level"), max_length=20)
    version = models.IntegerField(_("version"))
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("computed at"))
    batches = models.JSONField(_("import batches"), default=list)
    # [{"id", "source", "imported_at"}] of the batches, as the store recorded them.
    batch_sources = models.JSONField(_("import batch sources"), default=list)
    row_count = models.BigIntegerField(_("rows"))
    # [[period, first day, last day], ...] in chronological order: what the set contains.
    period_list = models.JSONField(_("periods measured"), default=list)
    # [{"code", "name", "parent", "level"}] of the store's org units when the set was mirrored.
    org_units = models.JSONField(_("org units"), default=list)
    demo = models.BooleanField(_("demonstration data"), default=False)
    synced_at = models.DateTimeField(_("mirrored at"), auto_now_add=True)

    objects = _Sets.as_manager()

    class Meta:
        ordering = ("contract_id", "-computed_at", "-pk")
        indexes = (models.Index(fields=["contract_id", "level"], name="published_contract_level"),)
        constraints = (
            models.UniqueConstraint(
                fields=["contract_id", "periods", "level", "version", "computed_at"],
                name="one_mirror_per_result_set",
            ),
        )
        verbose_name = _("published result set")
        verbose_name_plural = _("published result sets")

    def __str__(self) -> str:
        return f"{self.contract_id} {self.periods} {self.level} v{self.version} (#{self.store_id})"

    def period_labels(self) -> list[str]:
        return [str(p[0]) for p in self.period_list]

    def is_published(self) -> bool:
        return Publication.objects.filter(published_set_id=self.pk).exists()


class Figure(_WrittenOnce):
    """One result row: an indicator against one norm (or none), for one unit and one period."""

    published_set = models.ForeignKey(PublishedSet, on_delete=models.CASCADE, related_name="rows")
    row = models.IntegerField()
    objective = models.CharField(max_length=40)
    indicator = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)
    period = models.CharField(max_length=40)
    period_first = models.DateField()
    period_last = models.DateField()
    as_of = models.DateField()
    level = models.CharField(max_length=20)
    unit = models.CharField(max_length=40)
    unit_name = models.CharField(max_length=200, null=True)
    norm_index = models.IntegerField(null=True)
    norm_label = models.TextField(null=True)
    norm_printed = models.CharField(max_length=200, null=True)
    norm_valid_from = models.DateField(null=True)
    norm_valid_to = models.DateField(null=True)
    rule = models.TextField(null=True)
    day_kind = models.CharField(max_length=200, null=True)
    target_operator = models.CharField(max_length=4, null=True)
    target = models.DecimalField(max_digits=38, decimal_places=6, null=True)
    target_unit = models.CharField(max_length=20, null=True)
    target_per = models.CharField(max_length=20, null=True)
    target_in_period = models.DecimalField(max_digits=38, decimal_places=6, null=True)
    pro_rata = models.BooleanField(default=False)
    numerator = models.DecimalField(max_digits=38, decimal_places=2)
    denominator = models.DecimalField(max_digits=38, decimal_places=2, null=True)
    value = models.FloatField(null=True)
    invalid = models.BigIntegerField(default=0)
    unclassified = models.BigIntegerField(default=0)
    median_delay = models.IntegerField(null=True)
    p90_delay = models.IntegerField(null=True)
    backlog = models.BigIntegerField(null=True)
    overdue = models.BigIntegerField(null=True)
    forecast_lost = models.BigIntegerField(null=True)
    forecast_open = models.BigIntegerField(null=True)
    forecast_best = models.FloatField(null=True)
    forecast_worst = models.FloatField(null=True)
    status = models.CharField(max_length=20)
    meets_target = models.BooleanField(null=True)
    caveats = models.JSONField(default=list)  # [{"footnote", "kind", "text"}]
    neutralised_from = models.DateField(null=True)
    neutralised_to = models.DateField(null=True)
    basis_numerator = models.DecimalField(max_digits=38, decimal_places=2, null=True)
    basis_denominator = models.DecimalField(max_digits=38, decimal_places=2, null=True)
    basis_value = models.FloatField(null=True)

    objects = _Figures.as_manager()

    class Meta:
        ordering = ("published_set", "row")
        indexes = (
            models.Index(fields=["published_set", "period", "objective"], name="figure_period"),
            models.Index(fields=["published_set", "objective", "period"], name="figure_objective"),
        )
        constraints = (
            models.UniqueConstraint(fields=["published_set", "row"], name="one_figure_per_row"),
        )
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return f"{self.objective} {self.period} {self.unit} [{self.norm_index}]"

    def is_published(self) -> bool:
        return Publication.objects.filter(published_set_id=self.published_set_id).exists()


class Publication(_WrittenOnce):
    """That the store published a mirrored set, and when: from then on the pages show it."""

    published_set = models.OneToOneField(
        PublishedSet, on_delete=models.PROTECT, related_name="publication"
    )
    published_at = models.DateTimeField(_("published at"))

    objects = _Publications.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"publication of {self.published_set} at {self.published_at:%Y-%m-%d %H:%M}"

    def is_published(self) -> bool:
        return True
