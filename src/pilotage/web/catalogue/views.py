"""Contract pages: read a contract version from the catalogue, only for granted users."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from pilotage.contract.base import Language
from pilotage.contract.model import Contract
from pilotage.web.accounts.access import grant_for, institutions_for
from pilotage.web.catalogue.loading import latest
from pilotage.web.catalogue.models import ContractVersion


def _counts(c: Contract) -> dict[str, int]:
    return {
        "services": len(c.services),
        "key_tasks": sum(1 for _ in c.key_tasks()),
        "objectives": sum(1 for _ in c.objectives()),
        "norms": sum(len(i.norms) for _, _, o in c.objectives() for i in o.indicators),
        "articles": len(c.articles),
        "actions": sum(1 for _ in c.actions()),
    }


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
    grant = grant_for(request.user, version.institution)
    if grant is None:
        raise PermissionDenied(f"not granted institution {version.institution.code}")
    contract = version.contract()
    return render(
        request,
        "catalogue/contract_overview.html",
        {
            "version": version,
            "contract": contract,
            "grant": grant,
            "lang": _language(),
            "counts": _counts(contract),
        },
    )
