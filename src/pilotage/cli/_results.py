"""`pilotage results`: list the result sets, review a candidate against the published set, publish.

A period measured again while it has a published set gives a candidate; the pages keep the
published set until the contract manager has reviewed the candidate and published it.
"""

from __future__ import annotations

from pathlib import Path

import click

from pilotage.engine import (
    ResultSet,
    changes_between,
    discard_set,
    list_result_sets,
    load_result_set,
    publish_set,
)
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore
from pilotage.facts.settings import DATA_DIR_ENV, store_path

__all__ = ["results"]

_STORE = click.option(
    "--store",
    "store_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The fact store file (default: ${DATA_DIR_ENV}/facts.duckdb).",
)


def _path(store_file: Path | None) -> Path:
    path = store_file or store_path()
    if not path.exists():
        raise StoreError(f"no fact store at {path} yet: import cases first (pilotage cases import)")
    return path


def published_before(sets: list[ResultSet], candidate: ResultSet) -> ResultSet:
    """The newest published set of the candidate's (contract, periods, level)."""
    same = [
        s
        for s in sets
        if s.published
        and s.id != candidate.id
        and (s.contract_id, s.periods, s.level)
        == (candidate.contract_id, candidate.periods, candidate.level)
    ]
    if not same:
        raise StoreError(
            f"result set {candidate.id} has no published set to compare with: "
            "give --against ID (see pilotage results list)"
        )
    return max(same, key=lambda s: s.version)


@click.group()
def results() -> None:
    """The result sets of the fact store: list, review a candidate (diff), publish, discard.

    \b
    Examples:
      pilotage results list
      pilotage results diff 4
      pilotage results publish 4
    """


@results.command("list")
@click.option("--contract", "contract_id", metavar="ID", help="Only the sets of this contract.")
@_STORE
def list_command(contract_id: str | None, store_file: Path | None) -> None:
    """Every result set, oldest first, published or candidate."""
    with DuckDBFactStore(_path(store_file), read_only=True) as store:
        sets = list_result_sets(store, contract_id)
    for s in sets:
        state = f"published {s.published_at:%Y-%m-%d %H:%M}" if s.published_at else "candidate"
        click.echo(
            f"{s.id}\t{s.contract_id} {s.periods} {s.level} version {s.version}\t"
            f"{s.row_count} rows\t{state}"
        )
    if not sets:
        click.echo("no result set yet: pilotage measure --contract ID --period PERIOD")


@results.command("diff")
@click.argument("set_id", type=int)
@click.option("--against", type=int, metavar="ID", help="Default: the newest published version.")
@_STORE
def diff_command(set_id: int, against: int | None, store_file: Path | None) -> None:
    """What changed in result set SET_ID: the figures that moved, by how much, and why."""
    with DuckDBFactStore(_path(store_file), read_only=True) as store:
        if against is None:
            against = published_before(list_result_sets(store), load_result_set(store, set_id)).id
        review = changes_between(store, against, set_id)
    for line in review.lines():
        click.echo(line)


@results.command("publish")
@click.argument("set_id", type=int)
@_STORE
def publish_command(set_id: int, store_file: Path | None) -> None:
    """Publish candidate SET_ID: the pages show it from the next sync (pilotage web sync)."""
    with DuckDBFactStore(_path(store_file)) as store:
        done = publish_set(store, set_id)
    click.echo(
        f"published result set {done.id} ({done.contract_id} {done.periods} {done.level} "
        f"version {done.version}); pilotage web sync-results copies it to the pages"
    )


@results.command("discard")
@click.argument("set_id", type=int)
@_STORE
def discard_command(set_id: int, store_file: Path | None) -> None:
    """Delete candidate SET_ID (a published set is never deleted)."""
    with DuckDBFactStore(_path(store_file)) as store:
        discard_set(store, set_id)
    click.echo(f"discarded candidate result set {set_id}")
