"""`pilotage contract import-document`: read a contract document into a draft contract file."""

from __future__ import annotations

from pathlib import Path

import click

from pilotage.cli._contract import contract
from pilotage.contract import Severity, load_contract, resolve_contract_path
from pilotage.reading import FindingKind, accuracy, read_document

__all__ = ["import_document"]


@contract.command("import-document")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The draft contract file to write (YAML).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the review report (JSON): what was read and how surely, the facts found "
    "per chapter, every finding with its line and page.",
)
@click.option(
    "--unread",
    is_flag=True,
    help="Also print each paragraph that prints a percentage, a delay, a date or an amount and "
    "gave no fact (they are always in the --report file).",
)
@click.option(
    "--compare",
    "compare_with",
    metavar="CONTRACT",
    help="A hand-encoded contract file or seed id: print how the draft matches it on "
    "objectives, norms, action deadlines and budget figures.",
)
def import_document(
    document: Path,
    output: Path,
    report_path: Path | None,
    unread: bool,
    compare_with: str | None,
) -> None:
    """Read the contract DOCUMENT (.txt, .pdf, .docx) into a draft contract file.

    Any Belgian management contract, in French or in Dutch (or both): the seeds' form with
    numbered chapters and norm tables, or the Moniteur belge's (TITRE / CHAPITRE / Art. N,
    an approving royal decree around it). The draft is always written, with what was found;
    what the document does not give (its period, its institution) is left empty and said so.
    Every element says where it comes from (source: line, page). The review report lists what
    a human must look at: guesses with the words they came from, low-confidence readings,
    impossible dates, sums that do not add up, and each paragraph that prints a figure but
    gave no fact. Only a file that cannot be read stops it.

    \b
    Examples:
      pilotage contract import-document avenant-2019-2020.txt -o draft.yaml --report review.json
      pilotage contract import-document bestuursovereenkomst.pdf -o draft.yaml --unread
      pilotage contract check draft.yaml
      pilotage contract diff draft.yaml inasti-2019-2020
      pilotage contract import-document avenant.txt -o draft.yaml --compare inasti-2019-2020
    """
    draft = read_document(document)
    output.write_text(draft.to_yaml(), encoding="utf-8")
    if report_path is not None:
        report_path.write_text(draft.report.to_json(), encoding="utf-8")
    report = draft.report
    counts = report.counts
    identity = report.identity
    click.echo(
        f"wrote {output}: {counts.get('services', 0)} services, "
        f"{counts.get('objectives', 0)} objectives, {counts.get('norms', 0)} norms, "
        f"{counts.get('articles', 0)} articles, {counts.get('actions', 0)} actions, "
        f"{counts.get('continuous_missions', 0)} continuous missions, "
        f"{counts.get('common_commitments', 0)} common commitments, "
        f"{counts.get('budget_lines', 0)} budget lines"
    )
    click.echo(
        "read: "
        + (
            f"{identity['institution']} ({identity.get('institution_confidence')} confidence)"
            if identity.get("institution")
            else "institution (not found)"
        )
        + ", "
        + f"period {identity.get('period') or '(not found)'}"
        + (f" ({identity['period_read_as']})" if identity.get("period_read_as") else "")
        + f", language {'+'.join(identity.get('languages', []))}"
    )
    for missing in draft.missing:
        click.echo(f"not found, left for you to fill in: {missing}")
    errors = [p for p in draft.problems if p.severity == Severity.ERROR]
    unread_findings = report.of_kind(FindingKind.UNREAD)
    click.echo(
        f"review: {len(report.findings)} finding(s)"
        + (f", written to {report_path}" if report_path else "")
        + f"; {len(unread_findings)} paragraph(s) print a figure and gave no fact"
        + f"; contract check: {len(errors)} error(s), {len(draft.problems) - len(errors)} "
        "warning(s)"
    )
    shown = [f for f in report.findings if unread or f.kind is not FindingKind.UNREAD]
    for finding in sorted(shown, key=lambda f: f.line or 0):
        click.echo(f"  {finding}")
    if compare_with:
        click.echo(f"accuracy against {compare_with}:")
        match = accuracy(draft, load_contract(resolve_contract_path(compare_with)))
        for line in str(match).splitlines():
            click.echo(f"  {line}")
