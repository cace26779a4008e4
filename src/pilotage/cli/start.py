"""`pilotage start`: the main job of the README."""

from __future__ import annotations

import sys

import click

from pilotage.contract.checks import check_file
from pilotage.contract.outline import outline
from pilotage.contract.seeds import SEED_IDS, seed_path

__all__ = ["start"]


@click.command()
@click.option("--lang", type=click.Choice(["fr", "nl", "en"]), default="fr", show_default=True)
def start(lang: str) -> None:
    """Run the main job: check both seed contracts shipped with pilotage, then show them.

    The seeds are the INASTI amendment 2019-2020 and the INAMI contract 2013-2015, encoded by
    hand from the signed documents. Exit status 1 if either fails its check.
    """
    failed = False
    for seed in SEED_IDS:
        report = check_file(seed_path(seed))
        for problem in report.problems:
            click.echo(f"  {problem}")
        warnings = len(report.problems) - len(report.errors)
        verdict = "ok" if report.ok else f"{len(report.errors)} error(s)"
        click.echo(f"check {seed}: {verdict}, {warnings} warning(s)")
        failed = failed or not report.ok
        if report.contract is not None:
            click.echo()
            click.echo(outline(report.contract, lang))
    sys.exit(1 if failed else 0)
