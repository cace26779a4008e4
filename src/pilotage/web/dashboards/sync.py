"""Mirror the published result sets of the fact store into the web database.

`sync_results()` copies every result set of the DuckDB fact store that is not mirrored yet, in
one transaction: a second run copies nothing. A result set is known by its contract, periods,
level, version and computation time, so a store that was reset (ids and versions start again)
is never confused with the one before it. A mirrored candidate the store no longer holds
(discarded with `pilotage results discard`, or left in a store since reset) is removed from the
copy in the same transaction: it can never be published, so no page may name it any more. A
published set is never removed. Result sets of a contract that the catalogue does not
hold are skipped and reported: load the contract (`pilotage web load-contract`), then sync again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from pilotage.engine import IndicatorResult, ResultSet, list_result_sets, load_result_set
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore
from pilotage.facts import store_path as default_store_path
from pilotage.web.catalogue.loading import latest
from pilotage.web.dashboards.models import Figure, Publication, PublishedSet

__all__ = ["SyncReport", "mirror_differences", "store_key", "sync_results"]

_BATCH_SIZE = 2000


@dataclass
class SyncReport:
    """What a sync did: the sets copied, those already there, and those skipped (and why)."""

    store: Path
    copied: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # sets the store has published since
    removed: list[str] = field(default_factory=list)  # candidates the store has discarded
    figures: int = 0
    already: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # contract id -> result sets skipped

    def summary(self) -> list[str]:
        lines = [
            f"result sets in {self.store}: {len(self.copied)} copied ({self.figures} figures), "
            f"{self.already} already mirrored"
        ]
        lines += [f"  copied {name}" for name in self.copied]
        lines += [f"  published {name}" for name in self.published]
        lines += [
            f"  removed {name}: a candidate the store no longer holds" for name in self.removed
        ]
        lines += [
            f"  skipped {count} result set(s) of {contract}: the contract is not in the "
            f"catalogue (load it with pilotage web load-contract, then sync again)"
            for contract, count in sorted(self.skipped.items())
        ]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary())


def store_key(s: ResultSet | PublishedSet) -> tuple[str, str, str, int, dt.datetime]:
    """What a set is known by in both copies (ids restart when a store is reset)."""
    computed = s.computed_at
    if computed.tzinfo is None:
        computed = computed.replace(tzinfo=dt.UTC)
    return s.contract_id, s.periods, s.level, int(s.version), computed.astimezone(dt.UTC)


_FIELDS = [f.name for f in dataclasses.fields(IndicatorResult)]


def _figure(published: PublishedSet, row: int, result: IndicatorResult) -> Figure:
    values: dict[str, Any] = {name: getattr(result, name) for name in _FIELDS}
    values["status"] = result.status.value
    values["caveats"] = [dataclasses.asdict(c) for c in result.caveats]
    return Figure(published_set=published, row=row, **values)


def _periods(rows: Iterable[IndicatorResult]) -> list[list[str]]:
    seen = {(r.period_first, r.period_last, r.period) for r in rows}
    return [[label, first.isoformat(), last.isoformat()] for first, last, label in sorted(seen)]


def _store_facts(
    store: DuckDBFactStore,
) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]], set[int]]:
    """The import batches (id -> source, time), the org units of the store, and the batches
    of demonstration data (as their importer said: `import_batches.demonstration`)."""
    con = store.connection
    try:
        batches = {
            int(i): {"id": int(i), "source": str(src), "imported_at": str(at)}
            for i, src, at in con.execute(
                "SELECT id, source, CAST(imported_at AS VARCHAR) FROM import_batches"
            ).fetchall()
        }
        demonstration = {
            int(i)
            for (i,) in con.execute("SELECT id FROM import_batches WHERE demonstration").fetchall()
        }
        units = [
            {"code": c, "name": n, "parent": p, "level": lv}
            for c, n, p, lv in con.execute(
                "SELECT code, name, parent, level FROM org_units ORDER BY code"
            ).fetchall()
        ]
    except Exception as exc:  # duckdb.Error; the store may predate a table
        raise StoreError(f"cannot read the import batches of {store.path}: {exc}") from exc
    return batches, units, demonstration


def sync_results(store_path: Path | None = None) -> SyncReport:
    """Copy into the web database every published result set not mirrored yet.

    Opens the fact store read-only: a StoreError says so when the file is missing or another
    process holds it (`pilotage measure` while it writes).
    """
    path = Path(store_path) if store_path is not None else default_store_path()
    report = SyncReport(path)
    if not path.exists():
        raise StoreError(
            f"no fact store at {path}: import cases and publish result sets first "
            "(pilotage start, or pilotage cases import + pilotage measure)"
        )
    with DuckDBFactStore(path, read_only=True) as store:
        headers = list_result_sets(store)
        candidates = list(PublishedSet.objects.filter(publication__isnull=True))
        in_store = {store_key(h) for h in headers}
        gone = [c for c in candidates if store_key(c) not in in_store]
        known = {store_key(s): s for s in candidates if store_key(s) in in_store}
        known |= {
            store_key(s): None for s in PublishedSet.objects.filter(publication__isnull=False)
        }
        todo = [h for h in headers if store_key(h) not in known]
        report.already = len(headers) - len(todo)
        waiting = [
            (h, known[store_key(h)]) for h in headers if h.published and known.get(store_key(h))
        ]
        if not todo and not waiting and not gone:
            return report
        batches, units, demonstration = _store_facts(store)
        with transaction.atomic():
            for candidate in gone:
                candidate.delete()  # its figures go with it (the models refuse a published set)
                report.removed.append(str(candidate))
            for header, mirrored in waiting:
                assert mirrored is not None
                assert header.published_at is not None
                Publication.objects.create(published_set=mirrored, published_at=header.published_at)
                report.published.append(str(mirrored))
            for header in todo:
                version = latest(header.contract_id)
                if version is None:
                    report.skipped[header.contract_id] = (
                        report.skipped.get(header.contract_id, 0) + 1
                    )
                    continue
                full = load_result_set(store, header.id)
                sources = [batches[b] for b in full.batches if b in batches]
                published = PublishedSet.objects.create(
                    store_id=full.id,
                    contract_id=full.contract_id,
                    institution=version.institution,
                    contract_sha256=full.contract_sha256,
                    periods=full.periods,
                    level=full.level,
                    version=full.version,
                    as_of=full.as_of,
                    computed_at=store_key(full)[4],
                    batches=list(full.batches),
                    batch_sources=sources,
                    row_count=full.row_count,
                    period_list=_periods(full.rows),
                    org_units=units,
                    demo=any(b in demonstration for b in full.batches),
                )
                Figure.objects.bulk_create(
                    (_figure(published, i, r) for i, r in enumerate(full.rows)),
                    batch_size=_BATCH_SIZE,
                )
                if full.published_at is not None:
                    Publication.objects.create(
                        published_set=published, published_at=full.published_at
                    )
                report.copied.append(str(published))
                report.figures += len(full.rows)
    return report


def mirror_differences(store_path: Path | None = None) -> list[str]:
    """Every difference between the web copy and the fact store, set by set and row by row
    (empty: the copy is identical for every mirrored set, published or candidate)."""
    from pilotage.web.dashboards.data import FigureRow

    path = Path(store_path) if store_path is not None else default_store_path()
    found: list[str] = []
    with DuckDBFactStore(path, read_only=True) as store:
        in_store = {store_key(h): h for h in list_result_sets(store)}
        for mirrored in PublishedSet.objects.all():
            header = in_store.get(store_key(mirrored))
            if header is None:
                continue  # mirrored from another (reset) store
            full = load_result_set(store, header.id)
            if mirrored.is_published() != full.published:
                found.append(f"{mirrored}: published in one copy only")
            rows = FigureRow.of(Figure.objects.filter(published_set=mirrored).order_by("row"))
            if len(rows) != len(full.rows):
                found.append(f"{mirrored}: {len(rows)} figures, the store has {len(full.rows)}")
            for i, (row, expected) in enumerate(zip(rows, full.rows, strict=False)):
                differ = [n for n in _FIELDS if getattr(row, n) != getattr(expected, n)]
                if differ:
                    found.append(f"{mirrored} row {i}: {', '.join(differ)} differ")
    return found
