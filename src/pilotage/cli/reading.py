"""`pilotage contract import-document`: read a contract document into a draft contract file."""

from __future__ import annotations

from pathlib import Path

import click

from pilotage.cli.contract import contract
from pilotage.contract.files import load_contract
from pilotage.contract.seeds import resolve_contract_path
from pilotage.reading import accuracy, read_document

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
    help="Also write the review report (JSON): every warning with its line and page.",
)
@click.option(
    "--compare",
    "compare_with",
    metavar="CONTRACT",
    help="A hand-encoded contract file or seed id: print how the draft matches it on "
    "objectives, norms, action deadlines and budget figures.",
)
def import_document(
    document: Path, output: Path, report_path: Path | None, compare_with: str | None
) -> None:
    """Read the contract DOCUMENT (.txt, .pdf, .docx) into a draft contract file.

    Every element of the draft says where it comes from (source: line, page). The review report
    lists what a human must look at: impossible dates, sums that do not add up, blank cells,
    footnotes in another language, text that looked like a table row but did not parse.

    \b
    Examples:
      pilotage contract import-document avenant-2019-2020.txt -o draft.yaml --report review.json
      pilotage contract check draft.yaml
      pilotage contract diff draft.yaml inasti-2019-2020
      pilotage contract import-document avenant.txt -o draft.yaml --compare inasti-2019-2020
    """
    draft = read_document(document)
    output.write_text(draft.to_yaml(), encoding="utf-8")
    if report_path is not None:
        report_path.write_text(draft.report.to_json(), encoding="utf-8")
    counts = draft.report.counts
    click.echo(
        f"wrote {output}: {counts.get('services', 0)} services, "
        f"{counts.get('objectives', 0)} objectives, {counts.get('norms', 0)} norms, "
        f"{counts.get('articles', 0)} articles, {counts.get('actions', 0)} actions, "
        f"{counts.get('continuous_missions', 0)} continuous missions"
    )
    errors = [p for p in draft.problems if p.severity.value == "error"]
    click.echo(
        f"review: {len(draft.report.findings)} finding(s)"
        + (f", written to {report_path}" if report_path else "")
        + f"; contract check: {len(errors)} error(s), {len(draft.problems) - len(errors)} "
        "warning(s)"
    )
    for finding in sorted(draft.report.findings, key=lambda f: f.line or 0):
        click.echo(f"  {finding}")
    if compare_with:
        click.echo(f"accuracy against {compare_with}:")
        match = accuracy(draft, load_contract(resolve_contract_path(compare_with)))
        for line in str(match).splitlines():
            click.echo(f"  {line}")
