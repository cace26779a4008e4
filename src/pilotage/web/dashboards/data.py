"""What the pages read: the contract (parsed once per version) and the published sets chosen.

Which figures a page shows: for a contract and a period, at each level (institution, region,
office), the newest published result set of that level that contains the period (the latest
computed; a set published again is a newer version). A candidate (a set measured again, not
published yet) is never chosen: the pages name it beside the set they show. The trend of an
objective takes, for every period of the same kind, the figure of the set chosen for that period.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from pilotage.engine import CaveatNote, IndicatorResult, Status
from pilotage.reports import ContractIndex, ObjectiveInfo, ServiceInfo
from pilotage.web.catalogue.loading import current_translations, translated
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.models import Figure, PublishedSet

__all__ = [
    "LEVELS",
    "ContractIndex",
    "FigureRow",
    "ObjectiveInfo",
    "Published",
    "ServiceInfo",
    "computed_version",
    "contract_index",
    "current_version",
    "published_for",
]

LEVELS = ("institution", "region", "office")


_cache: dict[tuple[int | str, ...], ContractIndex] = {}
_lock = threading.Lock()


def current_version(contract_id: str) -> ContractVersion:
    """The latest catalogue version of a contract, without its (large) content; 404 if none."""
    version: ContractVersion | None = (
        ContractVersion.objects.filter(contract_id=contract_id)
        .select_related("institution")
        .defer("content")
        .first()
    )
    if version is None:
        raise Http404(f"no contract {contract_id!r} in the catalogue")
    return version


def computed_version(s: PublishedSet) -> ContractVersion | None:
    """The catalogue version a set was computed against (same SHA-256 of the canonical JSON)."""
    found: ContractVersion | None = (
        ContractVersion.objects.filter(contract_id=s.contract_id, sha256=s.contract_sha256)
        .defer("content")
        .order_by("pk")
        .first()
    )
    return found


def contract_index(version: ContractVersion) -> ContractIndex:
    """The contract of a catalogue version as the pages show it (with the texts of its stored
    translations), parsed once per process, version and translation."""
    translations = current_translations(str(version.contract_id))
    key: tuple[int | str, ...] = (
        int(version.pk),
        str(version.sha256),
        *(str(t.sha256) for t in translations),
    )
    with _lock:
        found = _cache.get(key)
    if found is None:
        full = ContractVersion.objects.get(pk=version.pk)
        found = ContractIndex.of(translated(full.contract(), translations))
        with _lock:
            if len(_cache) > 32:
                _cache.clear()
            _cache[key] = found
    return found


@dataclass(frozen=True)
class Published:
    """The published sets of one contract, and the choice of a set per period and level."""

    sets: tuple[PublishedSet, ...]  # newest first
    candidates: tuple[PublishedSet, ...] = ()  # measured again, waiting for review; newest first

    def candidate_for(self, s: PublishedSet) -> PublishedSet | None:
        """The newest candidate measured again over the same periods and level as `s`."""
        return next(
            (
                c
                for c in self.candidates
                if (c.periods, c.level) == (s.periods, s.level) and c.version > s.version
            ),
            None,
        )

    def periods(self) -> list[str]:
        """Every period some set contains, in chronological order (shortest first on a tie)."""
        spans: dict[str, tuple[str, str]] = {}
        for s in self.sets:
            for label, first, last in s.period_list:
                spans.setdefault(label, (first, last))
        return sorted(spans, key=lambda p: (spans[p][0], spans[p][1], p))

    def span(self, period: str) -> tuple[str, str] | None:
        for s in self.sets:
            for label, first, last in s.period_list:
                if label == period:
                    return first, last
        return None

    def chosen(self, period: str, level: str) -> PublishedSet | None:
        """The newest set of `level` that contains `period`."""
        return next(
            (s for s in self.sets if s.level == level and period in s.period_labels()), None
        )

    def same_kind(self, period: str) -> list[str]:
        """The available periods of the same length as `period` (the trend's periods)."""
        span = self.span(period)
        if span is None:
            return [period]
        kind = _kind(period)
        return [p for p in self.periods() if _kind(p) == kind]

    def by_level(self, period: str) -> dict[str, PublishedSet]:
        found = {lv: self.chosen(period, lv) for lv in LEVELS}
        return {lv: s for lv, s in found.items() if s is not None}

    def __iter__(self) -> Iterator[PublishedSet]:
        return iter(self.sets)


def _kind(period: str) -> str:
    """The shape of a period label: "2019-Q1" and "2020-Q4" share one, "2019" another."""
    return "".join("9" if ch.isdigit() else ch for ch in period)


def published_for(contract_id: str) -> Published:
    """Every mirrored set of a contract, newest first, the published and the candidates."""
    sets = PublishedSet.objects.filter(contract_id=contract_id).order_by("-computed_at", "-pk")
    published = sets.filter(publication__isnull=False)
    return Published(tuple(published), tuple(sets.filter(publication__isnull=True)))


@dataclass(frozen=True)
class FigureRow(IndicatorResult):
    """A mirrored figure as the pages read it: the engine's row, with where it is stored.

    Read with `values()`, not as model instances (building hundreds of model instances would
    be most of a page's time).
    """

    published_set_id: int = 0
    row: int = 0

    @classmethod
    def of(cls, figures: QuerySet[Figure]) -> list[FigureRow]:
        """The rows of a query of figures, in one query."""
        out = []
        for values in figures.values(*_ROW_FIELDS):
            values["status"] = Status(values["status"])
            values["caveats"] = tuple(CaveatNote(**c) for c in values["caveats"])
            out.append(cls(**values))
        return out


_ROW_FIELDS = [f.name for f in dataclasses.fields(FigureRow)]
