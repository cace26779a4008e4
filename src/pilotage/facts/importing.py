"""Import case records: sources -> checked rows -> one atomic write, with a record per row.

`import_cases` is the one core function (the CLI and the web app call it). Each source is read
in chunks into a private in-memory DuckDB (the workbench); the NISS column is replaced by its
person_key before a chunk reaches DuckDB, so the clear number is never written anywhere, not
even to DuckDB's spill files. Every check is one SQL statement over the whole source, so a
million rows are checked as fast as a hundred. Rejected rows are kept with the reason; the
accepted rows of every source are then written by the store in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pilotage.contract import Contract
from pilotage.errors import ImportFileError, SecretKeyError
from pilotage.facts._workbench import Staged, Workbench
from pilotage.facts.orgunits import OrgUnit, check_org_units
from pilotage.facts.pseudonym import check_secret, key_check
from pilotage.facts.settings import SECRET_KEY_ENV
from pilotage.facts.sources import CHUNK_ROWS, Source, source_for
from pilotage.facts.store import BatchInput, DuckDBFactStore

__all__ = [
    "REJECTS_COLUMNS",
    "ImportReport",
    "Rejection",
    "SourceReport",
    "import_cases",
    "write_rejects",
]

REJECTS_COLUMNS = ("file", "row", "field", "value", "reason")


@dataclass(frozen=True)
class Rejection:
    """One problem of one row: a line of the rejects file."""

    file: str
    row: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = f" {self.value!r}" if self.value else ""
        return f"{self.file}: row {self.row}: {self.field}{shown}: {self.reason}"


@dataclass(frozen=True)
class SourceReport:
    """What became of one source: one batch."""

    source: str
    sha256: str
    batch_id: int  # on a dry run, the id the batch would have had
    inserted: int
    updated: int
    unchanged: int
    rejected: int  # rows, not problems: a row may have several
    same_as: int | None  # an earlier batch with the same content
    regressions: int = 0  # closed cases this source reopened, accepted deliberately

    @property
    def rows(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.rejected

    def summary(self) -> str:
        line = (
            f"{self.source}: {self.rows} row(s): {self.inserted} inserted, {self.updated} "
            f"updated, {self.unchanged} unchanged, {self.rejected} rejected"
        )
        if self.regressions:
            line += f", {self.regressions} closed case(s) reopened (regressions accepted)"
        if self.same_as is not None:
            line += f" (same content as batch {self.same_as})"
        return line


@dataclass(frozen=True)
class ImportReport:
    sources: tuple[SourceReport, ...]
    rejections: tuple[Rejection, ...]  # every problem, ordered by source, row and column
    rejects_path: Path | None
    contract_id: str | None
    dry_run: bool

    @property
    def inserted(self) -> int:
        return sum(s.inserted for s in self.sources)

    @property
    def updated(self) -> int:
        return sum(s.updated for s in self.sources)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sources)

    @property
    def rejected(self) -> int:
        return sum(s.rejected for s in self.sources)


def import_cases(
    store: DuckDBFactStore,
    sources: Sequence[Source | str | Path],
    contract: Contract | None,
    *,
    secret: str | bytes | None,
    org_units: Sequence[OrgUnit] | None = None,
    rejects: str | Path | None = None,
    dry_run: bool = False,
    progress: bool = False,
    imported_at: dt.datetime | None = None,
    chunk_rows: int = CHUNK_ROWS,
    accept_regressions: bool = False,
    demonstration: bool = False,
) -> ImportReport:
    """Check every row of `sources` and write the accepted ones, one batch per source.

    Objective codes are checked against `contract` (not checked when None); offices against
    the org units given and those already stored (not checked when there are none). Rejected
    rows go to the `rejects` CSV file (file, row, field, value, reason) when given, and to the
    report. All batches land in one transaction or none does; a source that cannot be read
    raises ImportFileError before anything is written. `dry_run` checks and counts, then
    rolls back.

    An older extract must not silently undo a newer one: a row without an end date for a case
    the store holds as closed is rejected as a regression, unless `accept_regressions`, which
    applies it and counts it in the report.

    `demonstration` marks every batch as demonstration data (synthetic cases): the figures
    measured from them are labelled so on every page and pack.
    """
    chosen = [s if isinstance(s, Source) else source_for(s) for s in sources]
    units = list(org_units or ())
    if units:
        check_org_units(units)
    offices = store.org_unit_codes() | {u.code for u in units}
    objectives = None if contract is None else [o.code for _, _, o in contract.objectives()]
    contract_id = None if contract is None else contract.id
    at = imported_at or dt.datetime.now(dt.UTC)
    with ExitStack() as stack:
        bench = stack.enter_context(Workbench.open(objectives, sorted(offices), contract_id))
        bar = stack.enter_context(_progress(progress))
        keys = _Keys(secret, store.key_checks())
        staged: list[Staged] = []
        regressions: list[int] = []
        for index, source in enumerate(chosen):
            done = bench.stage(index, source, keys, chunk_rows, bar)
            reopened = store.closed_among(bench.open_keys(index))
            if reopened.num_rows and not accept_regressions:
                done = replace(done, rejected=bench.refuse(index, _regressions(reopened)))
            regressions.append(reopened.num_rows if accept_regressions else 0)
            staged.append(done)
        rejections = [
            Rejection(staged[src].name, row, field, value, reason)
            for src, row, field, value, reason in bench.rejections()
        ]
        if rejects is not None:
            write_rejects(Path(rejects), rejections)
        inputs = [
            BatchInput(
                source=s.name,
                sha256=s.sha256,
                contract_id=contract_id,
                rejected=s.rejected,
                key_check=keys.check if s.has_niss else None,
                rows=bench.accepted(s.index),
                suspensions=bench.accepted_suspensions(s.index),
                demonstration=demonstration,
            )
            for s in staged
        ]
        results = store.write_batches(inputs, org_units=units, imported_at=at, dry_run=dry_run)
    reports = tuple(
        SourceReport(
            s.name,
            s.sha256,
            r.id,
            r.inserted,
            r.updated,
            r.unchanged,
            r.rejected,
            r.same_as,
            n,
        )
        for s, r, n in zip(staged, results, regressions, strict=True)
    )
    return ImportReport(
        reports,
        tuple(rejections),
        Path(rejects) if rejects is not None else None,
        contract_id,
        dry_run,
    )


def _regressions(reopened: pa.Table) -> pa.Table:
    """The rejections of rows that reopen a closed case: (row, field, value, reason)."""
    rows = reopened.to_pylist()
    return pa.table(
        {
            "row": pa.array([r["row"] for r in rows], pa.int64()),
            "field": pa.array(["end_date"] * len(rows), pa.string()),
            "value": pa.array([""] * len(rows), pa.string()),
            "reason": pa.array(
                [
                    f"regression: the store has this case closed on {r['end_date']:%Y-%m-%d} "
                    f"(batch {r['batch_id']}); this file reopens it (an older extract?); "
                    "import with --accept-regressions to apply it"
                    for r in rows
                ],
                pa.string(),
            ),
        }
    )


# --- the secret key ------------------------------------------------------------------------------


class _Keys:
    """The secret, checked only when a source has a niss column, against the store's key."""

    def __init__(self, secret: str | bytes | None, stored: frozenset[str]) -> None:
        self._secret, self._stored = secret, stored
        self._key: bytes | None = None
        self.check: str | None = None

    def key(self, source: str) -> bytes:
        if self._key is None:
            key = check_secret(self._secret, source)
            check = key_check(key)
            if self._stored and check not in self._stored:
                raise SecretKeyError(
                    f"{SECRET_KEY_ENV} is not the key this fact store was built with: the "
                    "person_key of a NISS would differ from the stored ones; set the same key "
                    "as before; nothing was imported"
                )
            self._key, self.check = key, check
        return self._key


def write_rejects(path: Path, rejections: Sequence[Rejection]) -> None:
    """Write a rejects CSV file: file, row, field, value, reason (UTF-8, one problem a line)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(REJECTS_COLUMNS)
            for r in rejections:
                writer.writerow((r.file, r.row, r.field, r.value, r.reason))
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot write the rejects file: {exc}") from exc


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        yield bar
