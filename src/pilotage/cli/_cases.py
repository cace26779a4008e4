"""`pilotage cases ...`: import case records into the fact store, list the import batches."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pilotage.contract import SEED_IDS, load_contract, resolve_contract_path
from pilotage.facts import (
    DuckDBFactStore,
    ImportReport,
    Source,
    SqlSource,
    import_cases,
    read_org_units,
    source_for,
    write_rejects,
)
from pilotage.facts.settings import DATA_DIR_ENV, data_dir, secret_key, store_path

__all__ = ["cases"]

_SHOWN_REJECTIONS = 10
_STORE_HELP = (
    f"The fact store file (default: ${DATA_DIR_ENV}/facts.duckdb, else ./data/facts.duckdb)."
)


@click.group()
def cases() -> None:
    """Case records: import them into the fact store, list the import batches.

    The columns of a case file are documented in docs/case-records.md. The store is one
    DuckDB file, <data dir>/facts.duckdb; the data directory is $PILOTAGE_DATA_DIR, or ./data.

    \b
    Examples:
      pilotage cases import cases-2019.csv --contract inasti-2019-2020 --org-units offices.csv
      pilotage cases import --sql "SELECT * FROM cases" --db sqlite:///exports/cases.db
      pilotage cases batches
    """


@cases.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--contract",
    "contract_name",
    metavar="ID_OR_FILE",
    help=f"Check objective codes against this contract (a file, or {', '.join(SEED_IDS)}).",
)
@click.option(
    "--org-units",
    type=click.Path(path_type=Path),
    help="An org-unit CSV file (code,name,parent,level): stored, and offices checked against it.",
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write rejected rows to this CSV file (file,row,field,value,reason). Default: "
    "<data dir>/rejects/import-<time>.csv, when a row is rejected.",
)
@click.option("--dry-run", is_flag=True, help="Check and count, write nothing to the store.")
@click.option(
    "--accept-regressions",
    is_flag=True,
    help="Apply rows that reopen a case the store holds as closed (refused by default: an "
    "older extract must not undo a newer one).",
)
@click.option(
    "--demonstration",
    is_flag=True,
    help="The cases are demonstration data (synthetic): every figure measured from them is "
    "labelled so.",
)
@click.option(
    "--store", "store_file", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP
)
@click.option("--sql", "query", help="Import the rows of this SQL query (with --db).")
@click.option(
    "--db",
    metavar="URL",
    help="The database of --sql: postgresql://user@host/db or sqlite:///path/to/file.db.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Text encoding of CSV files (latin-1 for an old Excel export).",
)
def import_(
    files: tuple[Path, ...],
    contract_name: str | None,
    org_units: Path | None,
    rejects: Path | None,
    dry_run: bool,
    accept_regressions: bool,
    demonstration: bool,
    store_file: Path | None,
    query: str | None,
    db: str | None,
    encoding: str,
) -> None:
    """Import case records from FILES (CSV, Parquet, XLSX) or an SQL query.

    Every row is checked: missing required value, unknown objective for the contract, unknown
    office, impossible date, end before start, malformed number, NISS that is not 11 digits,
    duplicate case_id within an objective. Rejected rows are listed in the rejects file; the
    accepted rows of all sources land together or not at all, one batch per source. A NISS is
    never stored: it is replaced by a keyed hash, which needs the secret in $PILOTAGE_SECRET_KEY.
    Importing the same rows again changes nothing; a case already stored is replaced when its
    row changed (an open case that has ended since). A row without an end date for a case the
    store holds as closed is refused as a regression (an older extract), unless
    --accept-regressions.

    Exit status: 0 when the import ran (even with rejected rows), 1 when a source cannot be
    read or the store cannot be written; then nothing is written.

    \b
    Examples:
      pilotage cases import cases.csv --contract inasti-2019-2020
      pilotage cases import demo/cases.parquet --demonstration --org-units demo/org-units.csv
      pilotage cases import q1.xlsx q2.parquet --contract contract.yaml --org-units offices.csv
      pilotage cases import cases.csv --contract inasti-2019-2020 --dry-run --rejects rej.csv
      pilotage cases import --sql "SELECT * FROM cases WHERE start_date >= '2019-01-01'" \\
          --db postgresql://pilotage@db.example/cases --contract inasti-2019-2020
    """
    if query is not None and db is None:
        raise click.UsageError("--sql needs --db, the URL of the database to query")
    if db is not None and query is None:
        raise click.UsageError("--db needs --sql, the query whose rows to import")
    if not files and query is None:
        raise click.UsageError("give case FILES, or --sql with --db")
    sources: list[Source] = [source_for(f, encoding=encoding) for f in files]
    if query is not None and db is not None:
        sources.append(SqlSource(query, db))
    contract = load_contract(resolve_contract_path(contract_name)) if contract_name else None
    units = read_org_units(org_units) if org_units else None
    path = store_file or store_path()
    with DuckDBFactStore(path) as store:
        report = import_cases(
            store,
            sources,
            contract,
            secret=secret_key(),
            org_units=units,
            rejects=rejects,
            dry_run=dry_run,
            progress=sys.stderr.isatty(),
            accept_regressions=accept_regressions,
            demonstration=demonstration,
        )
    if report.rejections and rejects is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        default = data_dir() / "rejects" / f"import-{stamp}.csv"
        write_rejects(default, report.rejections)
        report = ImportReport(
            report.sources, report.rejections, default, report.contract_id, report.dry_run
        )
    _print_report(report, path)


def _print_report(report: ImportReport, path: Path) -> None:
    if report.dry_run:
        click.echo("dry run: every row checked, nothing written")
    if report.contract_id is None:
        click.echo("objective codes not checked: no --contract")
    for source in report.sources:
        batch = "would be batch" if report.dry_run else "batch"
        click.echo(f"{source.summary()} [{batch} {source.batch_id}]")
    if report.rejections:
        click.echo(
            f"{report.rejected} row(s) rejected, {len(report.rejections)} problem(s), "
            f"listed in {report.rejects_path}:"
        )
        for rejection in report.rejections[:_SHOWN_REJECTIONS]:
            click.echo(f"  {rejection}")
        if len(report.rejections) > _SHOWN_REJECTIONS:
            click.echo(f"  ... {len(report.rejections) - _SHOWN_REJECTIONS} more in the file")
    elif report.rejects_path is not None:
        click.echo(f"no row rejected ({report.rejects_path} has the header only)")
    click.echo(f"store: {path}")


@cases.command()
@click.option(
    "--store", "store_file", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP
)
def batches(store_file: Path | None) -> None:
    """List the import batches of the fact store, oldest first.

    Each batch is one imported source: its id, time (UTC), contract, counts of inserted,
    updated, unchanged and rejected rows, the start of its content's SHA-256, and the source
    (said to be demonstration data when imported with --demonstration).

    \b
    Example:
      pilotage cases batches --store data/facts.duckdb
    """
    path = store_file or store_path()
    with DuckDBFactStore(path, read_only=True) as store:
        table = store.batches().order_by("id").to_pyarrow()
    rows = table.to_pylist()
    if not rows:
        click.echo(f"no import batch in {path} yet")
        return
    head = (
        "id",
        "imported at (UTC)",
        "contract",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "sha256",
        "source",
    )
    lines = [head]
    for b in rows:
        at = b["imported_at"].astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(
            (
                str(b["id"]),
                at,
                b["contract_id"] or "-",
                str(b["inserted"]),
                str(b["updated"]),
                str(b["unchanged"]),
                str(b["rejected"]),
                b["sha256"][:12],
                b["source"] + (" (demonstration data)" if b["demonstration"] else ""),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head) - 1)]
    for line in lines:
        cells = [
            cell.rjust(w) if i not in (1, 2, 7) else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=False))
        ]
        click.echo("  ".join([*cells, line[-1]]))
