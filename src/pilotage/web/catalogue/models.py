"""A contract version: the canonical JSON of one contract file, as validated by the core."""

from __future__ import annotations

import json
import threading

from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.contract import Contract, parse_contract
from pilotage.web.accounts.models import Institution

_parsed: dict[tuple[int, str], Contract] = {}
_parsed_lock = threading.Lock()


class ContractVersion(models.Model):
    contract_id = models.CharField(_("contract id"), max_length=100, db_index=True)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="contract_versions"
    )
    title = models.CharField(_("title"), max_length=500)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    content = models.TextField(
        _("contract file"),
        help_text=_("Canonical JSON of the contract file (pilotage-contract/1)."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source = models.CharField(_("loaded from"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ("contract_id", "-loaded_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["contract_id", "institution", "sha256"], name="one_row_per_content"
            ),
        )
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")

    def __str__(self) -> str:
        return f"{self.contract_id} ({self.sha256[:12]})"

    def contract(self) -> Contract:
        """The contract as the core's model, parsed from the stored canonical JSON once per
        process and version (a version never changes: its content is its sha256); the content
        is read from the database only then, when the version was fetched without it."""
        key = (int(self.pk), str(self.sha256)) if self.pk is not None else None
        with _parsed_lock:
            found = _parsed.get(key) if key else None
        if found is not None:
            return found
        content = self.content if "content" in self.__dict__ else None
        if content is None:
            content = type(self).objects.values_list("content", flat=True).get(pk=self.pk)
        parsed = parse_contract(json.loads(content), f"contract version {self.pk}")
        if key is not None:
            with _parsed_lock:
                if len(_parsed) >= 32:
                    _parsed.clear()
                _parsed[key] = parsed
        return parsed


class ContractTranslation(models.Model):
    """A translation file of a contract (`pilotage.contract.read_translation`): texts of its
    elements in a language the contract file does not give them in. Shown on the pages (never
    stored into a contract version: a consolidation or an evaluation reads the signed text)."""

    contract_id = models.CharField(_("contract id"), max_length=100, db_index=True)
    language = models.CharField(_("language"), max_length=2)
    texts = models.JSONField(_("texts"))
    note = models.TextField(_("note"), blank=True)
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source = models.CharField(_("loaded from"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ("contract_id", "language", "-loaded_at", "-pk")
        verbose_name = _("contract translation")
        verbose_name_plural = _("contract translations")

    def __str__(self) -> str:
        return f"{self.contract_id} [{self.language}] ({self.sha256[:12]})"
