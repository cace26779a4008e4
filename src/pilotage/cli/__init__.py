"""The `pilotage` command line: thin front-ends over the core functions.

Each domain has its own module here; none of them computes anything itself.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from pilotage import __version__
from pilotage.errors import PilotageError

__all__ = ["main"]


class _Group(click.Group):
    """Turns our own errors into a clear message and an exit status, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PilotageError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pilotage")
def main() -> None:
    """pilotage: hold a management contract, measure every commitment, report on it.

    \b
    Start with:
      pilotage start                     check and show the two seed contracts
      pilotage contract check FILE...    validate contract files, every problem at once
      pilotage contract show FILE        a readable outline of a contract
    Every command has --help with examples.
    """


def _register() -> None:
    from pilotage.cli import cases, contract, legaltime, measure, start

    main.add_command(contract.contract)
    from pilotage.cli import reading  # noqa: F401  (adds `contract import-document` when imported)
    main.add_command(cases.cases)
    main.add_command(start.start)
    main.add_command(measure.measure_command)
    main.add_command(measure.late)
    for command in (legaltime.deadline, legaltime.elapsed, legaltime.periods, legaltime.holidays):
        main.add_command(command)
    from pilotage.cli import demo  # noqa: F401  (adds `cases generate` when imported)


_register()
