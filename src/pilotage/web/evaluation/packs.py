"""Report packs (DOCX, PDF) of the evaluation's documents: the version the document page shows,
printed by the core's builder (`pilotage.reports.evaluation_pack`).

The pack of a sent version prints it as sent (its frozen content); the pack of the version
being written prints it as it stands. The trend chart of an objective draws the quarters of
the year evaluated from the result set its figures cite (mirrored by the dashboards). Who may
read the evaluation may download its packs: the page, the API and `pilotage report evaluation`
all call `evaluation_pack_of`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from pilotage.errors import PilotageError
from pilotage.evaluation import EvaluationDocument, FigureCite, ItemKind, figure_cite
from pilotage.reports import Format, Pack, evaluation_pack, language_of, pack_language
from pilotage.web.accounts.access import require_grant
from pilotage.web.dashboards.data import FigureRow, current_version
from pilotage.web.dashboards.models import Figure
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation import services

__all__ = ["document_pack", "evaluation_pack_of", "pack_download", "trends_of"]


def trends_of(document: EvaluationDocument) -> dict[str, list[FigureCite]]:
    """Per objective with figures: its figures of the year's quarters, from the set it cites."""
    trends: dict[str, list[FigureCite]] = {}
    for entry in document.items:
        item = entry.item
        if item.kind is not ItemKind.OBJECTIVE or not item.figures:
            continue
        ref = item.figures[0].result_set
        rows = Figure.objects.filter(
            published_set__contract_id=document.contract_id,
            published_set__store_id=ref.id,
            published_set__version=ref.version,
            level="institution",
            objective=item.code,
            period__startswith=f"{document.year}-Q",
        ).order_by("period_first", "row")
        cited = [figure_cite(row, ref) for row in FigureRow.of(rows)]
        if cited:
            trends[item.code] = cited
    return trends


def evaluation_pack_of(
    evaluation: m.Evaluation, kind: str, number: int | None, fmt: str, language: str
) -> Pack:
    """The pack of a version (the latest when `number` is None) of the draft or the report."""
    if kind not in m.DocumentKind.values:
        raise Http404(f"no document {kind!r}: draft or report")
    document = services.document_of(evaluation, kind, number)
    return evaluation_pack(
        document, Format.of(fmt), pack_language(language), trends=trends_of(document)
    )


def pack_download(
    request: HttpRequest,
    contract_id: str,
    year: int,
    kind: str,
    fmt: str,
    number: str | None,
    language: str | None,
) -> HttpResponse:
    """The pack as an attachment, for a reader granted the contract's institution (403 else)."""
    version = current_version(contract_id)
    require_grant(request.user, version.institution)
    try:
        evaluation = services.evaluation_of(contract_id, year)
        pack = evaluation_pack_of(
            evaluation,
            kind,
            int(number) if number else None,
            fmt,
            language or language_of(getattr(request, "LANGUAGE_CODE", None)),
        )
    except (PilotageError, ValueError) as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(pack.content, content_type=pack.content_type)
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@login_required
def document_pack(
    request: HttpRequest, contract_id: str, year: int, kind: str, fmt: str
) -> HttpResponse:
    """/contracts/<id>/evaluation/<year>/documents/<kind>/report.<fmt>?version=N&lang=fr|nl"""
    return pack_download(
        request,
        contract_id,
        year,
        kind,
        fmt,
        request.GET.get("version"),
        request.GET.get("lang"),
    )
