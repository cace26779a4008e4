"""Contract pages: read a contract version from the catalogue, only for granted users."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pilotage.contract import (
    Change,
    Contract,
    Language,
    LineageKind,
    LineageRemark,
    Transfer,
    diff_contracts,
)
from pilotage.web.accounts.access import institutions_for, require_grant
from pilotage.web.audit.models import AuditEntry
from pilotage.web.caching import cache_key
from pilotage.web.catalogue.loading import latest
from pilotage.web.catalogue.models import ContractVersion


def contract_counts(c: Contract) -> dict[str, int]:
    return {
        "services": len(c.services),
        "key_tasks": sum(1 for _ in c.key_tasks()),
        "objectives": sum(1 for _ in c.objectives()),
        "norms": sum(len(i.norms) for _, _, o in c.objectives() for i in o.indicators),
        "articles": len(c.articles),
        "actions": sum(1 for _ in c.actions()),
    }


LINEAGE_LABELS = {
    LineageKind.SEE_CHAPTER: _("unchanged: text in the earlier contract"),
    LineageKind.NEW: _("new"),
    LineageKind.ADAPTED_TEXT: _("text adapted"),
    LineageKind.ADAPTED_NORM: _("norm adapted"),
    LineageKind.SPLIT_FROM: _("split from an earlier element"),
    LineageKind.REPLACES: _("replaces an earlier element"),
    LineageKind.INTEGRATES: _("integrates another document"),
    LineageKind.LINK: _("linked to earlier chapters"),
    LineageKind.ORIGIN: _("origin in earlier contracts"),
}


@dataclass(frozen=True)
class LineageRow:
    """One lineage remark, on the element it is written on."""

    element: str  # "chapter 3.1.1", "objective VOB 2-01", "art. 32"
    remark: LineageRemark

    @property
    def label(self) -> str:
        return str(LINEAGE_LABELS[self.remark.kind])


@dataclass(frozen=True)
class TransferRow:
    key_task: str
    from_service: str
    transfer: Transfer


@dataclass(frozen=True)
class VersionRow:
    """A catalogue version of the contract, with who loaded it and what changed from the one
    before (None for the first)."""

    version: ContractVersion
    who: str | None
    changes: list[Change] | None


def _lineage(c: Contract) -> list[LineageRow]:
    rows = [LineageRow(f"chapter {ch.number}", r) for ch in c.chapters for r in ch.lineage]
    for service in c.services:
        rows += [LineageRow(f"service {service.code}", r) for r in service.lineage]
        for task in service.key_tasks:
            rows += [LineageRow(f"key task {task.code}", r) for r in task.lineage]
            for objective in task.objectives:
                rows += [LineageRow(f"objective {objective.code}", r) for r in objective.lineage]
    rows += [LineageRow(f"art. {a.number}", r) for a in c.articles for r in a.origin]
    rows += [LineageRow(f"mission {m.code}", r) for m in c.continuous_missions for r in m.origin]
    rows += [LineageRow(f"project {p.code}", r) for p in c.projects for r in p.lineage]
    return rows


def _transfers(c: Contract) -> list[TransferRow]:
    return [
        TransferRow(task.code, service.code, t)
        for service, task in c.key_tasks()
        for t in task.transfers
    ]


def _history(version: ContractVersion) -> list[VersionRow]:
    """Every catalogue version of this contract, newest first, each against the one before."""
    versions = list(
        ContractVersion.objects.filter(
            contract_id=version.contract_id, institution=version.institution
        )
        .defer("content")
        .order_by("loaded_at", "pk")
    )
    loads = {
        e.object_id: e.who.get_username() if e.who else None
        for e in AuditEntry.objects.filter(
            object_type=ContractVersion._meta.label,
            object_id__in=[str(v.pk) for v in versions],
            action="contract.load",
        ).select_related("who")
    }
    rows: list[VersionRow] = []
    before: ContractVersion | None = None
    for v in versions:
        changes = None if before is None else _changes(before, v)
        rows.append(VersionRow(v, loads.get(str(v.pk)), changes))
        before = v
    return rows[::-1]


def _changes(old: ContractVersion, new: ContractVersion) -> list[Change]:
    """What changed from one version to the next, compared once (versions never change)."""
    key = cache_key("contract-diff", old.pk, old.sha256, new.pk, new.sha256)
    found: list[Change] | None = cache.get(key)
    if found is None:
        found = diff_contracts(old.contract(), new.contract())
        cache.set(key, found)
    return found


def _language() -> str:
    code = translation.get_language() or "fr"
    return code if code in {lang.value for lang in Language} else "fr"


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    granted = institutions_for(request.user)
    versions = ContractVersion.objects.filter(institution__in=granted).select_related("institution")
    latest_per_contract: dict[tuple[str, str], ContractVersion] = {}
    for v in versions:  # ordered newest first per contract id
        latest_per_contract.setdefault((v.contract_id, v.institution.code), v)
    return render(
        request, "catalogue/contract_list.html", {"versions": list(latest_per_contract.values())}
    )


@login_required
def contract_overview(request: HttpRequest, contract_id: str) -> HttpResponse:
    version = latest(contract_id)
    if version is None:
        raise Http404(f"no contract {contract_id!r} in the catalogue")
    grant = require_grant(request.user, version.institution)
    contract = version.contract()
    lineage = _lineage(contract)
    return render(
        request,
        "catalogue/contract_overview.html",
        {
            "version": version,
            "contract": contract,
            "grant": grant,
            "lang": _language(),
            "counts": contract_counts(contract),
            "contract_id": contract.id,
            "lineage": lineage,
            "lineage_kinds": Counter(row.label for row in lineage).most_common(),
            "transfers": _transfers(contract),
            "history": _history(version),
        },
    )
