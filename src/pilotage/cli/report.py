"""`pilotage report ...`: report packs (DOCX, PDF) from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from pilotage.contract import SEED_IDS, load_contract, resolve_contract_path
from pilotage.facts.settings import DATA_DIR_ENV, store_path
from pilotage.followup import today
from pilotage.reports import LANGUAGES, Format, Scope, dashboard_pack, from_store

__all__ = ["report"]


@click.group("report")
def report() -> None:
    """Report packs: documents to send, as DOCX or PDF, in French or Dutch.

    \b
    Examples:
      pilotage report dashboard --contract inasti-2019-2020 --period 2020-Q4 -o q4.pdf
      pilotage report dashboard --contract inasti-2019-2020 --period 2020-Q4 \\
          --format docx --lang nl --service VOB -o vob-q4-nl.docx
    """


@report.command("dashboard")
@click.option(
    "--contract",
    "contract_name",
    required=True,
    metavar="CONTRACT",
    help=f"A contract file, or the id of a shipped seed ({', '.join(SEED_IDS)}).",
)
@click.option("--period", required=True, help='The period shown: "2020-Q4", "2019-S2", "2019".')
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default="pdf",
    show_default=True,
    help="DOCX (Word, to edit) or PDF (to send).",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default="fr",
    show_default=True,
    help="The language of the pack: fr or nl (the contract's languages), en to read.",
)
@click.option("--service", metavar="CODE", help="Only this service (INASTI: VOB, PEN ...).")
@click.option(
    "--objective", metavar="CODE", help='Only this objective (quote the space: "VOB 2-01").'
)
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The fact store (default: ${DATA_DIR_ENV}/facts.duckdb, else ./data/facts.duckdb).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: a name made of the contract, period and language).",
)
def dashboard_command(
    contract_name: str,
    period: str,
    fmt: str,
    language: str,
    service: str | None,
    objective: str | None,
    store: Path | None,
    output: Path | None,
) -> None:
    """Write the quarterly dashboard pack of a contract for a period, as DOCX or PDF.

    The pack holds, per service and per objective, the figures of the newest published
    result set of the institution level that contains PERIOD (the set the dashboard page
    shows), against their norms: value, target, status, numerator/denominator, median/p90
    delay, backlog/overdue; a trend chart and table per objective over the periods of the
    same kind; the contract's caveats as footnotes. The title page and every table cite the
    result set and its version; a last page lists every version cited. Publish result sets
    first (pilotage measure, or pilotage start for the demonstration).

    \b
    Examples:
      pilotage report dashboard --contract inasti-2019-2020 --period 2020-Q4 -o q4.pdf
      pilotage report dashboard --contract inasti-2019-2020 --period 2020-Q4 --lang nl \\
          --format docx -o q4-nl.docx
      pilotage report dashboard --contract inasti-2019-2020 --period 2020-Q4 \\
          --objective "VOB 2-01" -o vob-2-01.pdf
    """
    contract = load_contract(resolve_contract_path(contract_name))
    data = from_store(store or store_path(), contract, period)
    pack = dashboard_pack(
        data,
        fmt,
        language,
        scope=Scope(service=service, objective=objective),
        issued=today(),
    )
    target = output or Path(pack.filename)
    target.write_bytes(pack.content)
    assert data.published is not None
    click.echo(
        f"wrote {target}: {pack.format.value.upper()}, {len(pack.content)} bytes, "
        f"{contract.id} {period} ({language}), from result set {data.published.id} "
        f"version {data.published.version}"
    )
