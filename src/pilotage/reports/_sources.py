"""What a dashboard pack is built from: the published result sets chosen, and their figures.

The choice is the dashboard pages' (see `pilotage.web.dashboards.data`): for a period, the
newest published set of the institution level that contains it; the trend of an objective
takes, for every period of the same kind ("2019-Q1" and "2020-Q4" are of one kind), the figure
of the set chosen for that period. `from_store` makes that choice over the fact store itself
(the command line); the web application makes it over its mirror of the same sets and builds
the same `DashboardData`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pilotage.contract import Contract
from pilotage.engine import IndicatorResult, list_result_sets, load_result_set
from pilotage.errors import ReportError, StoreError
from pilotage.reports._index import ContractIndex
from pilotage.reports._words import say

__all__ = [
    "DashboardData",
    "PublishedVersion",
    "SetChoice",
    "TrendPoint",
    "from_store",
    "period_kind",
]

LEVEL = "institution"  # a dashboard pack shows the whole institution's figures


@dataclass(frozen=True)
class PublishedVersion:
    """A published result set as a pack cites it: its identity and provenance."""

    id: int
    version: int
    periods: str
    level: str
    computed_at: dt.datetime
    as_of: dt.date
    batches: tuple[int, ...]
    contract_sha256: str
    demo: bool = False

    def describe(self, language: str) -> str:
        """The citation the dashboard pages print in their header, word for word."""
        computed = self.computed_at
        if computed.tzinfo is None:
            computed = computed.replace(tzinfo=dt.UTC)
        return say(
            "result set %(id)s, version %(version)s (%(periods)s), computed %(computed)s, "
            "as of %(as_of)s, import batches %(batches)s",
            language,
            id=self.id,
            version=self.version,
            periods=self.periods,
            computed=computed.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            as_of=self.as_of.isoformat(),
            batches=", ".join(str(b) for b in self.batches) or "—",
        )

    def short(self, language: str) -> str:
        """ "result set 3 v1": where space is short (under a chart)."""
        return say("result set %(id)s v%(version)s", language, id=self.id, version=self.version)


@dataclass(frozen=True)
class TrendPoint:
    """The figure of one period of a trend, and the published set it comes from."""

    figure: IndicatorResult
    source: PublishedVersion


@dataclass(frozen=True)
class DashboardData:
    """Everything a dashboard pack prints, chosen as the pages choose it."""

    index: ContractIndex
    contract_sha256: str  # of the contract version the figures were measured against
    period: str
    published: PublishedVersion | None  # the institution-level set chosen for `period`
    figures: tuple[IndicatorResult, ...]  # its figures for `period`, in their stored order
    trend_periods: tuple[str, ...]  # the periods of the kind of `period`, in order
    trend: tuple[TrendPoint, ...]  # per period, the figures of the set chosen for it

    @property
    def contract(self) -> Contract:
        return self.index.contract


def period_kind(period: str) -> str:
    """The shape of a period label: "2019-Q1" and "2020-Q4" share one, "2019" another."""
    return "".join("9" if ch.isdigit() else ch for ch in period)


@dataclass(frozen=True)
class SetChoice:
    """Published sets of one level with their figures, and the set chosen for each period."""

    sets: tuple[tuple[PublishedVersion, tuple[IndicatorResult, ...]], ...]  # newest first

    @classmethod
    def of(cls, sets: Sequence[tuple[PublishedVersion, Sequence[IndicatorResult]]]) -> SetChoice:
        ordered = sorted(sets, key=lambda s: (s[0].computed_at, s[0].id), reverse=True)
        return cls(tuple((v, tuple(rows)) for v, rows in ordered))

    def periods(self) -> list[str]:
        """Every period some set contains, in chronological order (shortest first on a tie)."""
        spans: dict[str, tuple[dt.date, dt.date]] = {}
        for _version, rows in self.sets:
            for f in rows:
                spans.setdefault(f.period, (f.period_first, f.period_last))
        return sorted(spans, key=lambda p: (spans[p][0], spans[p][1], p))

    def chosen(self, period: str) -> tuple[PublishedVersion, tuple[IndicatorResult, ...]] | None:
        """The newest set that contains `period`, with its figures of that period."""
        for version, rows in self.sets:
            here = tuple(f for f in rows if f.period == period)
            if here:
                return version, here
        return None

    def data(self, index: ContractIndex, period: str, contract_sha256: str) -> DashboardData:
        """The pack's data for `period`; ReportError when no set holds it."""
        found = self.chosen(period)
        if found is None:
            periods = self.periods()
            listed = ", ".join(periods) if periods else "none: publish with pilotage measure"
            raise ReportError(
                f"no published result set of {index.contract.id} at the {LEVEL} level holds "
                f"the period {period!r} (published periods: {listed})"
            )
        version, figures = found
        kind = period_kind(period)
        trend_periods = tuple(p for p in self.periods() if period_kind(p) == kind)
        trend = []
        for p in trend_periods:
            chosen = self.chosen(p)
            if chosen is not None:
                trend += [TrendPoint(f, chosen[0]) for f in chosen[1]]
        return DashboardData(
            index,
            version.contract_sha256 or contract_sha256,
            period,
            version,
            figures,
            trend_periods,
            tuple(trend),
        )


def from_store(store_path: Path, contract: Contract, period: str) -> DashboardData:
    """The pack's data read from the fact store at `store_path` (opened read-only)."""
    from pilotage.facts import DuckDBFactStore

    if not Path(store_path).exists():
        raise ReportError(
            f"no fact store at {store_path}: import cases and publish result sets first "
            "(pilotage start, or pilotage cases import + pilotage measure), or name the "
            "store with --store"
        )
    with DuckDBFactStore(Path(store_path), read_only=True) as store:
        headers = [h for h in list_result_sets(store, contract.id) if h.level == LEVEL]
        try:
            demonstration = {
                int(i): bool(demo)
                for i, demo in store.connection.execute(
                    "SELECT id, demonstration FROM import_batches"
                ).fetchall()
            }
        except Exception as exc:  # duckdb.Error: a store that predates the table
            raise StoreError(f"cannot read the import batches of {store_path}: {exc}") from exc
        sets = []
        for header in headers:
            full = load_result_set(store, header.id)
            demo = any(demonstration.get(b, False) for b in full.batches)
            version = PublishedVersion(
                full.id,
                full.version,
                full.periods,
                full.level,
                full.computed_at,
                full.as_of,
                full.batches,
                full.contract_sha256,
                demo,
            )
            sets.append((version, full.rows))
    return SetChoice.of(sets).data(ContractIndex.of(contract), period, "")
