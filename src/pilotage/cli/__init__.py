"""The `pilotage` command line: thin front-ends over the core functions.

Each domain has its own private module here (`_contract.py`, `_web.py`, ...); none of them
computes anything itself. The face is `main`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from pilotage import __version__
from pilotage.errors import PilotageError, WebJobError

__all__ = ["main"]


def _refusal(exc: Exception) -> PilotageError | None:
    """A refusal of the web application's service functions in Django's words (not found,
    refused, invalid) as the WebJobError it is on the command line; None for anything else.
    Django is asked only when a web command has loaded it."""
    if "django" not in sys.modules:
        return None
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    if isinstance(exc, ValidationError):
        return WebJobError(" ".join(exc.messages))
    if isinstance(exc, PermissionDenied):
        return WebJobError(f"refused: {exc}")
    if isinstance(exc, Http404):
        return WebJobError(str(exc))
    return None


class _Group(click.Group):
    """Turns our own errors (and the web's refusals) into a clear message and an exit status,
    without a traceback: the one place the command line handles them."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PilotageError as exc:
            _exit(exc)
        except Exception as exc:
            translated = _refusal(exc)
            if translated is None:
                raise
            _exit(translated)


def _exit(exc: PilotageError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pilotage")
def main() -> None:
    """pilotage: hold a management contract, measure every commitment, report on it.

    \b
    Start with:
      pilotage start                        the main job: seeds, demonstration data, dashboard
      pilotage contract check FILE...       validate contract files, every problem at once
      pilotage contract show inasti-2019-2020
      pilotage contract import-document SIGNED.pdf -o draft.yaml
      pilotage cases import cases.csv --contract inasti-2019-2020
      pilotage measure --contract inasti-2019-2020 --period 2019-Q3 --level office
      pilotage late --objective "VOB 2-01" --period 2019-Q3
      pilotage results diff 4               review a candidate result set, then: results publish 4
      pilotage report dashboard --contract inasti-2019-2020 --period 2019-Q3 -o q3.pdf
      pilotage deadline 2019-06-30 "1 mois"
      pilotage web migrate && pilotage web load-seeds && pilotage web serve
      pilotage evaluation show inami-2013-2015 2014
      pilotage reminders --days 30
    Every command has --help with examples.
    """


def _register() -> None:
    # Each private module adds its commands; `_reading` and `_demo` attach theirs to the
    # `contract` and `cases` groups when imported, `_web` the web jobs to `web`.
    from pilotage.cli import (
        _actions,
        _budget,
        _budget_envelope,
        _cases,
        _comments,
        _contract,
        _demo,
        _evaluation,
        _legaltime,
        _measure,
        _reading,
        _report,
        _results,
        _start,
        _web,
    )

    del _demo, _reading, _budget_envelope
    main.add_command(_start.start)
    main.add_command(_contract.contract)
    for command in (
        _legaltime.deadline,
        _legaltime.elapsed,
        _legaltime.periods,
        _legaltime.holidays,
    ):
        main.add_command(command)
    main.add_command(_cases.cases)
    main.add_command(_measure.measure_command)
    main.add_command(_measure.late)
    main.add_command(_results.results)
    main.add_command(_web.web)
    main.add_command(_report.report)
    main.add_command(_actions.actions)
    main.add_command(_comments.comments)
    main.add_command(_evaluation.evaluation)
    main.add_command(_evaluation.reminders)
    main.add_command(_budget.budget)


_register()
