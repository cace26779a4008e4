"""`pilotage report ...`: report packs (DOCX, PDF) from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from pilotage.contract import SEED_IDS, load_contract, resolve_contract_path
from pilotage.facts.settings import DATA_DIR_ENV, store_path
from pilotage.followup import today
from pilotage.reports import LANGUAGES, Format, Scope, dashboard_pack, from_store

__all__ = ["report"]

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default="pdf",
    show_default=True,
    help="DOCX (Word, to edit) or PDF (to send).",
)
_LANG = click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default="fr",
    show_default=True,
    help="The language of the pack: fr or nl (the contract's languages), en to read.",
)


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
@_FORMAT
@_LANG
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


@report.command("evaluation")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option(
    "--document",
    "kind",
    type=click.Choice(["report", "draft"]),
    default="report",
    show_default=True,
    help="The contradictory report or the draft evaluation.",
)
@click.option(
    "--version", "number", type=int, help="The version to print (default: the latest one)."
)
@_FORMAT
@_LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: a name made of the contract, year, document, version "
    "and language).",
)
def evaluation_command(
    contract_id: str,
    year: int,
    kind: str,
    number: int | None,
    fmt: str,
    language: str,
    output: Path | None,
) -> None:
    """Write the annual evaluation of YEAR of CONTRACT as a DOCX or PDF pack.

    The pack of one version of the contradictory and motivated report (or of the draft
    evaluation), as the evaluation's document page shows it: a title page citing the version
    and every result set its figures come from, a table of contents, page numbers; the legal
    calendar (art. 49) with each clock's due date, days left, met or late and how late; per
    item its status, its figures against their norms with a trend chart per objective, caveats
    as footnotes, milestones, narrative and, in the report, the institution's and the
    commissioners' positions side by side (art. 47). A sent version prints as sent. The
    evaluation lives in the web database (pilotage evaluation open, or pilotage start for the
    demonstration of INAMI 2014).

    \b
    Examples:
      pilotage report evaluation inami-2013-2015 2014 -o report-2014.pdf
      pilotage report evaluation inami-2013-2015 2014 --lang nl --format docx
      pilotage report evaluation inami-2013-2015 2014 --document draft --version 1
    """
    from pilotage.cli import _web as web_cli

    web_cli.setup()
    from pilotage.web.evaluation.packs import evaluation_pack_of
    from pilotage.web.evaluation.services import evaluation_of

    evaluation = evaluation_of(contract_id, year)
    pack = evaluation_pack_of(evaluation, kind, number, fmt, language)
    target = output or Path(pack.filename)
    target.write_bytes(pack.content)
    click.echo(
        f"wrote {target}: {pack.format.value.upper()}, {len(pack.content)} bytes, "
        f"{contract_id} {year} {kind} ({language})"
    )
