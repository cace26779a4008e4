"""`{% evaluation_notes contract_id period %}`: on a dashboard, the art. 50 neutralisations
covering the period and the open art. 51 notices of the contract."""

from __future__ import annotations

from typing import Any

from django import template

from pilotage.errors import PilotageError
from pilotage.legaltime import Period
from pilotage.web.evaluation import models as m

register = template.Library()


@register.inclusion_tag("evaluation/_dashboard_notes.html")
def evaluation_notes(contract_id: str, period: str = "") -> dict[str, Any]:
    neutral = m.Art50Entry.objects.filter(contract_id=contract_id, neutralise_from__isnull=False)
    try:
        span = Period.parse(period) if period else None
    except PilotageError:
        span = None
    if span is not None:
        neutral = neutral.filter(neutralise_from__lte=span.last).exclude(
            neutralise_to__lt=span.first
        )
    notices = m.Art51Notice.objects.filter(contract_id=contract_id).exclude(
        stage__in=[m.Art51Stage.MEASURES_AGREED, m.Art51Stage.CLOSED]
    )
    return {
        "contract_id": contract_id,
        "neutralisations": list(neutral),
        "notices": list(notices),
    }
