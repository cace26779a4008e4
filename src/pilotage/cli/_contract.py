"""`pilotage contract ...`: contract files."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from pilotage.contract import (
    SEED_IDS,
    Contract,
    ExportFormat,
    Severity,
    check_file,
    contract_schema,
    diff_contracts,
    dump_contract,
    format_changes,
    load_contract,
    outline,
    resolve_contract_path,
)
from pilotage.contract import consolidate as consolidate_contracts

__all__ = ["contract"]

_FILE_HELP = f"a YAML or JSON contract file, or the id of a shipped seed ({', '.join(SEED_IDS)})"


def _load(name: str) -> Contract:
    return load_contract(resolve_contract_path(name))


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.group()
def contract() -> None:
    """Contract files: check, show, export, consolidate, diff.

    A contract file is YAML (or JSON) in the format pilotage-contract/1; its JSON Schema is
    printed by `pilotage contract schema`. The two seed contracts ship with pilotage and can be
    named by id instead of a path.

    \b
    Examples:
      pilotage contract check my-contract.yaml other.yaml
      pilotage contract show inasti-2019-2020
      pilotage contract export inami-2013-2015 --format json -o inami.json
      pilotage contract consolidate base.yaml amendment.yaml --at 2019-06-30
      pilotage contract diff old.yaml new.yaml
    """


@contract.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no summary line.")
def check(files: tuple[str, ...], quiet: bool) -> None:
    """Check contract FILES and report every problem at once.

    Each problem gives the file and line, the path inside the file
    (services[3].key_tasks[0].objectives[1].norms[0].target), the bad value and the expected
    form. Unknown keys are errors. Warnings (a budget cell left blank in the printed text, a
    norm valid outside the contract period) are shown but do not fail the check.

    Exit status: 0 when every file is valid, 1 when any file has an error.

    \b
    Example:
      pilotage contract check inasti-2019-2020 inami-2013-2015
    """
    failed = False
    for name in files:
        report = check_file(resolve_contract_path(name))
        for problem in report.problems:
            click.echo(str(problem), err=problem.severity is Severity.ERROR)
        failed = failed or not report.ok
        if not quiet:
            warnings = len(report.problems) - len(report.errors)
            verdict = "ok" if report.ok else f"{len(report.errors)} error(s)"
            click.echo(f"{report.file}: {verdict}, {warnings} warning(s)")
    sys.exit(1 if failed else 0)


@contract.command()
@click.argument("file")
@click.option(
    "--lang",
    type=click.Choice(["fr", "nl", "en"]),
    default="fr",
    show_default=True,
    help="Language of the contract texts; a text missing in it is shown in its "
    "original language, marked [fr] or [nl].",
)
def show(file: str, lang: str) -> None:
    """Print a readable outline of a contract FILE.

    Identity, parties, services with key tasks, objectives, norms and caveats, articles with
    their action-commitments and deadlines, continuous missions, strategic projects, budget.

    \b
    Example:
      pilotage contract show inasti-2019-2020 --lang nl
    """
    click.echo(outline(_load(file), lang), nl=False)


@contract.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    default="yaml",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def export(file: str, fmt: str, output: Path | None) -> None:
    """Export a contract FILE as YAML or JSON; loading the export gives an equal contract.

    \b
    Example:
      pilotage contract export inasti-2019-2020 --format json -o inasti.json
    """
    _emit(dump_contract(_load(file), fmt), output)


@contract.command()
@click.argument("base")
@click.argument("amendments", nargs=-1)
@click.option(
    "--at",
    "at",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date (YYYY-MM-DD) at which to take the contract in force.",
)
@click.option(
    "--with-history",
    is_flag=True,
    help="Keep the norms of every period, not only those in force at --at.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    default="yaml",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def consolidate(
    base: str,
    amendments: tuple[str, ...],
    at: dt.datetime,
    with_history: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """The contract in force at a date: BASE with its AMENDMENTS applied (INAMI art. 44).

    Elements are matched by code; an amendment replaces what it restates, adds what is new,
    removes what it lists under `removes`, and moves key tasks whose competence passes to
    another service. A base norm ends the day before the amendment that replaces it takes
    effect. Amendments that take effect after --at are not applied.

    \b
    Example:
      pilotage contract consolidate ca-2016-2018.yaml avenant-2019-2020.yaml --at 2020-03-31
    """
    result = consolidate_contracts(
        _load(base), [_load(a) for a in amendments], at.date(), history=with_history
    )
    _emit(dump_contract(result, fmt), output)


@contract.command()
@click.argument("old")
@click.argument("new")
def diff(old: str, new: str) -> None:
    """List what changes from contract OLD to contract NEW.

    Added (+), removed (-) and changed (~) services, key tasks, objectives, indicators, norms,
    caveats, articles, action-commitments, continuous missions, projects and budget lines,
    each change with the fields that differ. Provenance (source lines) is ignored.

    Exit status, as diff(1): 0 when there is no difference, 1 when there are differences.

    \b
    Example:
      pilotage contract diff draft.yaml inasti-2019-2020
    """
    changes = diff_contracts(_load(old), _load(new))
    click.echo(format_changes(changes), nl=False)
    sys.exit(1 if changes else 0)


@contract.command()
def schema() -> None:
    """Print the JSON Schema of the contract file format (pilotage-contract/1)."""
    click.echo(json.dumps(contract_schema(), ensure_ascii=False, indent=2))
